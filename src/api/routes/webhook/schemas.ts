import { z } from "zod";
import type { WebhookDeliveryTable } from "../../../store/webhook-schema.ts";
import type { Webhook } from "../../../store/webhooks.ts";
import { EVENT_TYPES } from "../../../webhooks/event-types.ts";
import type { DeliveryWithAttempts } from "../../../webhooks/webhook-service.ts";

const eventTypesSchema = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(EVENT_TYPES.length + 1)
  .describe(`["*"] for every event, or a list of: ${EVENT_TYPES.join(", ")}.`);

export const createWebhookBody = z.strictObject({
  target_url: z
    .string()
    .max(2048)
    .refine((v) => /^https?:\/\//i.test(v), "must be an http:// or https:// URL")
    .describe(
      "Where events are POSTed. http or https; private addresses are refused unless the operator allows them.",
    ),
  event_types: eventTypesSchema,
});

/** The webhook as the API shows it: the secret is never part of it. */
export const webhookSchema = z
  .object({
    id: z.string(),
    target_url: z.string(),
    event_types: z.array(z.string()),
    status: z.enum(["active", "disabled"]),
    disabled_reason: z.string().nullable(),
    previous_secret_expires_at: z
      .string()
      .nullable()
      .describe("After a rotation: until when the old secret still signs (a second signature)."),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Webhook" });

export const webhookWithSecretSchema = webhookSchema.extend({
  secret: z.string().describe("The signing secret (`whsec_...`). Shown once: store it now."),
});

const attemptSchema = z.object({
  attempted_at: z.string(),
  status_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
  response_snippet: z.string().nullable().describe("The first KB of the receiver's answer."),
});

export const deliverySchema = z
  .object({
    id: z.string().describe("The `webhook-id` header: stable across retries."),
    webhook_id: z.string(),
    event_id: z.string(),
    type: z.string(),
    integrated_account_id: z.string().nullable(),
    status: z.enum(["pending", "failed", "succeeded", "dead"]),
    attempt_count: z.number().int(),
    next_attempt_at: z.string().nullable(),
    last_attempt_at: z.string().nullable(),
    created_at: z.string(),
    attempts: z.array(attemptSchema).optional(),
  })
  .meta({ id: "WebhookDelivery" });

export function toPublicWebhook(webhook: Webhook): z.infer<typeof webhookSchema> {
  return {
    id: webhook.id,
    target_url: webhook.target_url,
    event_types: webhook.event_types,
    status: webhook.status,
    disabled_reason: webhook.disabled_reason,
    previous_secret_expires_at: webhook.previous_secret_expires_at,
    created_at: webhook.created_at,
    updated_at: webhook.updated_at,
  };
}

export function toPublicDelivery(
  row: WebhookDeliveryTable | DeliveryWithAttempts,
): z.infer<typeof deliverySchema> {
  const open = row.status === "pending" || row.status === "failed";
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    event_id: row.event_id,
    type: row.type,
    integrated_account_id: row.integrated_account_id || null,
    status: row.status as z.infer<typeof deliverySchema>["status"],
    attempt_count: Number(row.attempts),
    next_attempt_at: open ? row.next_attempt_at : null,
    last_attempt_at: row.last_attempt_at,
    created_at: row.created_at,
    ...("attempt_log" in row
      ? {
          attempts: row.attempt_log.map((a) => ({
            attempted_at: a.attempted_at,
            status_code: a.status_code === null ? null : Number(a.status_code),
            duration_ms: Number(a.duration_ms),
            error: a.error,
            response_snippet: a.response_snippet,
          })),
        }
      : {}),
  };
}
