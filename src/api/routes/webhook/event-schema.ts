import { z } from "zod";
import { EVENT_TYPES, TEST_EVENT_TYPE } from "../../../webhooks/event-types.ts";

/** `data` of every event but `webhook.test`: the outbox row's data (src/events/outbox.ts), as it is. */
const accountEventData = z
  .object({
    integrated_account_id: z.string(),
    tenant_id: z.string(),
    integration: z.string(),
    record: z
      .unknown()
      .describe(
        "The record as `GET /event` and the unified API show it. `*.migrated`: `{ previous_id, id, record }`; " +
          "membership events: the membership (`group_id`, `user_id`, `username`, `role`); account events: the " +
          "account's public fields; `sync_job_run.*`: the run; `webhook.disabled`: the endpoint that was " +
          "disabled, with `disabled_reason`, `delivery_id` and `event_type`.",
      ),
    previous: z.unknown().optional().describe("`*.updated`: the record before the change."),
    changed_fields: z.array(z.string()).optional().describe("`*.updated`: the fields that changed."),
    group: z
      .object({ id: z.string(), name: z.string().nullable() })
      .optional()
      .describe("Membership events: the group."),
  })
  .describe("Every event type but `webhook.test`.");

/** `data` of `POST /webhook/{id}/test`'s event (src/webhooks/webhook-service.ts). */
const testEventData = z
  .object({ webhook_id: z.string(), message: z.string() })
  .describe("`webhook.test` only: the endpoint it was sent to.");

/** The component's name in the OpenAPI document. */
export const WEBHOOK_EVENT_SCHEMA_ID = "WebhookEvent";

/**
 * The body of every webhook delivery (src/webhooks/fan-out.ts `body`). Documentation only: Roster writes the
 * body itself, so this schema is held to it by a test that parses real deliveries with the served document.
 */
export const webhookEventSchema = z
  .object({
    type: z.enum([...EVENT_TYPES, TEST_EVENT_TYPE]),
    timestamp: z.string().describe("When the change was recorded (ISO-8601 UTC); the same on every attempt."),
    data: z.union([accountEventData, testEventData]),
  })
  .meta({ id: WEBHOOK_EVENT_SCHEMA_ID });
