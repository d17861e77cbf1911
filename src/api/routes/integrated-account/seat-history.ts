import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import { SeatHistoryRepository } from "../../../store/seat-history.ts";
import type { AppContext } from "../../context.ts";
import { keysetPage } from "../../keyset-page.ts";
import { commonErrors, cursorParam, idParams, limitParam, listEnvelope } from "../../schemas.ts";

const quantity = z.number().int().nullable();

const seatPointSchema = z
  .object({
    id: z.string(),
    integrated_account_id: z.string(),
    sync_job_run_id: z.string().describe("The completed sync run that read these figures."),
    seats_used: quantity.describe("Seats in use: the sum of the licenses' `assigned_quantity`."),
    seats_available: quantity.describe(
      "Seats the licenses provide in total (used and free): the sum of their `available_quantity`; null " +
        "when a license sets no limit or the provider does not say.",
    ),
    licenses: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          assigned_quantity: quantity,
          available_quantity: quantity,
        }),
      )
      .describe("The figures of each license (unified `licenses`) at that time."),
    created_at: z.string().describe("When the sync committed these figures."),
  })
  .meta({ id: "SeatHistoryPoint" });

/** GET /integrated-account/{id}/seat-history: the license figures every completed sync recorded. */
export const seatHistoryRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/integrated-account/:id/seat-history",
    {
      schema: {
        tags: ["integrated accounts"],
        summary: "Seats used and available over time, newest first",
        description:
          "Every completed sync that reads licenses adds a point with the account's seat figures, committed " +
          "with the snapshot; a run that could not read every license (refused, or one left out with a warning) " +
          "adds none. `since` (inclusive) and `until` (exclusive) bound the points' `created_at`.",
        params: idParams,
        querystring: z
          .strictObject({
            since: z.iso.datetime().optional().describe("Only points at or after this time (ISO-8601)."),
            until: z.iso.datetime().optional().describe("Only points before this time (ISO-8601)."),
            limit: limitParam({ max: 1000, default: 100 }),
            next_cursor: cursorParam,
          })
          .refine((q) => !q.since || !q.until || Date.parse(q.since) < Date.parse(q.until), {
            message: "`since` must be before `until`",
            path: ["until"],
          }),
        response: { 200: listEnvelope(seatPointSchema), ...commonErrors },
      },
    },
    async (request) => {
      const account = await context.accounts.get(request.environmentId, request.params.id);
      if (!account) throw new AppError("not_found", { message: "No such integrated account." });
      const { limit, next_cursor, since, until } = request.query;
      // Stored times are ISO-8601 UTC with milliseconds; bounds are compared in the same form.
      const range = {
        since: since === undefined ? undefined : new Date(since).toISOString(),
        until: until === undefined ? undefined : new Date(until).toISOString(),
      };
      const history = new SeatHistoryRepository(context.store.db);
      return keysetPage({
        cursors: context.cursors,
        scope: `seat-history:${account.id}:${range.since ?? ""}:${range.until ?? ""}`,
        cursor: next_cursor,
        limit,
        load: (page) => history.list(account.id, range, page),
        present: (point) => point,
      });
    },
  );
};
