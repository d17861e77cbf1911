import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import type { AppContext } from "../../context.ts";
import { commonErrors, cursorParam, idParams, limitParam, listEnvelope } from "../../schemas.ts";
import { syncRunSchema, toPublicRun } from "../sync-job/schemas.ts";

const tags = ["syncs"];

/** /sync-job-run: the runs of sync jobs, with status, progress and stats. */
export const syncJobRunRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/sync-job-run",
    {
      schema: {
        tags,
        summary: "List sync runs, newest first",
        querystring: z.strictObject({
          sync_job_id: z.string().min(1).max(200).optional(),
          integrated_account_id: z.string().min(1).max(200).optional(),
          limit: limitParam({ max: 100, default: 20 }),
          next_cursor: cursorParam,
        }),
        response: { 200: listEnvelope(syncRunSchema), ...commonErrors },
      },
    },
    async (request) => {
      const { limit, next_cursor, sync_job_id, integrated_account_id } = request.query;
      const scope = `sync-job-run:${request.environmentId}:${sync_job_id ?? ""}:${integrated_account_id ?? ""}`;
      const after = next_cursor ? context.cursors.decode(scope, next_cursor) : undefined;
      const rows = await context.sync.runs.list(
        request.environmentId,
        { syncJobId: sync_job_id, accountId: integrated_account_id },
        { limit: limit + 1, after: after ? { created_at: String(after.c), id: String(after.i) } : undefined },
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        result: page.map(toPublicRun),
        next_cursor:
          rows.length > limit && last
            ? context.cursors.encode(scope, { c: last.created_at, i: last.id })
            : null,
        prev_cursor: null,
        result_count: page.length,
      };
    },
  );

  r.get(
    "/sync-job-run/:id",
    {
      schema: {
        tags,
        summary: "Get a sync run",
        params: idParams,
        response: { 200: syncRunSchema, ...commonErrors },
      },
    },
    async (request) => {
      const run = await context.sync.runs.get(request.environmentId, request.params.id);
      if (!run) throw new AppError("not_found", { message: "No such sync run." });
      return toPublicRun(run);
    },
  );
};
