import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import type { AppContext } from "../../context.ts";
import { keysetPage } from "../../keyset-page.ts";
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
      return keysetPage({
        cursors: context.cursors,
        scope: `sync-job-run:${request.environmentId}:${sync_job_id ?? ""}:${integrated_account_id ?? ""}`,
        cursor: next_cursor,
        limit,
        load: (page) =>
          context.sync.runs.list(
            request.environmentId,
            { syncJobId: sync_job_id, accountId: integrated_account_id },
            page,
          ),
        present: toPublicRun,
      });
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
