import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { keysetPage } from "../../keyset-page.ts";
import {
  commonErrors,
  cursorParam,
  deletedSchema,
  idParams,
  limitParam,
  listEnvelope,
} from "../../schemas.ts";
import { syncJobSchema, syncResourceSchema, syncRunSchema, toPublicJob, toPublicRun } from "./schemas.ts";

const tags = ["syncs"];

/** /sync-job: create, list, get, delete a sync job, and queue a run of it. */
export const syncJobRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sync } = context;

  r.post(
    "/sync-job",
    {
      schema: {
        tags,
        summary: "Create a sync job for an integrated account",
        description:
          "Without `interval_minutes` the job runs only when asked (`POST /sync-job/{id}/run`); with it, a run " +
          "is started every `interval_minutes`. The first complete run records the account's directory as the " +
          "baseline without emitting `*.created` events; later runs emit what changed. `resources` defaults to " +
          "every unified resource the account's integration serves (`GET /integration`); naming one it does not " +
          "serve is a 400.",
        body: z.strictObject({
          integrated_account_id: z.string().min(1).max(200),
          resources: z.array(syncResourceSchema).min(1).max(10).optional(),
          interval_minutes: z.number().int().min(1).max(10_080).nullable().optional(),
        }),
        response: { 201: syncJobSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const job = await sync.createJob(request.environmentId, request.body);
      return reply.code(201).send(toPublicJob(job));
    },
  );

  r.get(
    "/sync-job",
    {
      schema: {
        tags,
        summary: "List sync jobs, newest first",
        querystring: z.strictObject({
          integrated_account_id: z.string().min(1).max(200).optional(),
          limit: limitParam({ max: 100, default: 20 }),
          next_cursor: cursorParam,
        }),
        response: { 200: listEnvelope(syncJobSchema), ...commonErrors },
      },
    },
    async (request) => {
      const { limit, next_cursor, integrated_account_id } = request.query;
      return keysetPage({
        cursors: context.cursors,
        scope: `sync-job:${request.environmentId}:${integrated_account_id ?? ""}`,
        cursor: next_cursor,
        limit,
        load: (page) => sync.jobs.list(request.environmentId, { accountId: integrated_account_id }, page),
        present: toPublicJob,
      });
    },
  );

  r.get(
    "/sync-job/:id",
    {
      schema: {
        tags,
        summary: "Get a sync job",
        params: idParams,
        response: { 200: syncJobSchema, ...commonErrors },
      },
    },
    async (request) => toPublicJob(await findJob(context, request.environmentId, request.params.id)),
  );

  r.delete(
    "/sync-job/:id",
    {
      schema: {
        tags,
        summary: "Delete a sync job and its runs (the stored directory stays)",
        params: idParams,
        response: { 200: deletedSchema, ...commonErrors },
      },
    },
    async (request) => {
      if (!(await sync.jobs.delete(request.environmentId, request.params.id)))
        throw new AppError("not_found", { message: "No such sync job." });
      return { id: request.params.id };
    },
  );

  r.post(
    "/sync-job/:id/run",
    {
      schema: {
        tags,
        summary: "Queue a run of the sync job",
        params: idParams,
        response: { 202: syncRunSchema, ...commonErrors, 409: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const job = await findJob(context, request.environmentId, request.params.id);
      return reply.code(202).send(toPublicRun(await sync.triggerRun(job)));
    },
  );
};

async function findJob(context: AppContext, environmentId: string, id: string) {
  const job = await context.sync.jobs.get(environmentId, id);
  if (!job) throw new AppError("not_found", { message: "No such sync job." });
  return job;
}
