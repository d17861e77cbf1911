import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { ping } from "../../store/database.ts";
import type { AppContext } from "../context.ts";
import { errorEnvelopeSchema } from "../error-envelope.ts";

export const healthRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const tags = ["operations"];
  app.get(
    "/healthz",
    {
      schema: {
        tags,
        security: [],
        summary: "The process is up",
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        tags,
        security: [],
        summary: "The database answers",
        response: { 200: z.object({ status: z.literal("ready") }), 503: errorEnvelopeSchema },
      },
    },
    async (_request, reply) => {
      try {
        await ping(context.store.db);
        return { status: "ready" as const };
      } catch {
        return reply.status(503).send({
          statusCode: 503,
          error: "Service Unavailable",
          code: "service_unavailable",
          message: "The database does not answer.",
        });
      }
    },
  );

  app.get(
    "/metrics",
    { schema: { tags, security: [], summary: "Prometheus metrics" } },
    async (_request, reply) => {
      reply.header("content-type", context.metrics.contentType);
      return context.metrics.metrics();
    },
  );
};
