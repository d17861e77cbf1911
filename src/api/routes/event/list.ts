import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { listFeedEvents } from "../../../events/event-feed.ts";
import { EVENT_TYPES } from "../../../webhooks/event-types.ts";
import type { AppContext } from "../../context.ts";
import { keysetPage } from "../../keyset-page.ts";
import { commonErrors, cursorParam, limitParam, listEnvelope } from "../../schemas.ts";

const eventSchema = z
  .object({
    id: z.string().describe("The event id; a webhook delivery of it carries it as `event_id`."),
    type: z.string().describe("e.g. `group.member_added`; see `type` below for the list."),
    integrated_account_id: z.string(),
    tenant_id: z.string(),
    integration: z.string(),
    sync_job_run_id: z.string().nullable().describe("The sync run whose commit wrote the event, if any."),
    data: z
      .unknown()
      .describe(
        "The webhook payload's `data`: `integrated_account_id`, `tenant_id`, `integration`, the `record`, " +
          "for updates `previous` and `changed_fields`, for membership events the `group`.",
      ),
    created_at: z.string(),
  })
  .meta({ id: "ChangeEvent" });

const typesParam = z
  .string()
  .min(1)
  .max(1000)
  .transform((value) => value.split(",").map((t) => t.trim()))
  .pipe(z.array(z.enum(EVENT_TYPES)).min(1).max(EVENT_TYPES.length))
  .optional()
  .describe(`One event type or several, comma-separated, of: ${EVENT_TYPES.join(", ")}.`);

/** GET /event: the environment's change feed, read from the outbox. */
export const listEventsRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/event",
    {
      schema: {
        tags: ["events"],
        summary: "The change feed: events of the environment, newest first",
        description:
          "Every event Roster wrote to its outbox for this environment (what webhooks deliver), whether or " +
          "not a webhook subscribes to it: users created and deleted, members added and removed, roles " +
          "changed, accounts and sync runs. An account of another environment is not an error: its events " +
          "are simply not there (an empty list).",
        querystring: z.strictObject({
          integrated_account_id: z.string().min(1).max(200).optional(),
          type: typesParam,
          limit: limitParam({ max: 200, default: 50 }),
          next_cursor: cursorParam,
        }),
        response: { 200: listEnvelope(eventSchema), ...commonErrors },
      },
    },
    async (request) => {
      const { integrated_account_id, type, limit, next_cursor } = request.query;
      const types = type ? [...new Set(type)].sort() : undefined;
      return keysetPage({
        cursors: context.cursors,
        scope: `event:${request.environmentId}:${integrated_account_id ?? ""}:${types?.join(",") ?? ""}`,
        cursor: next_cursor,
        limit,
        load: (page) =>
          listFeedEvents(context.store.db, request.environmentId, { integrated_account_id, types }, page),
        present: (row) => row.event,
      });
    },
  );
};
