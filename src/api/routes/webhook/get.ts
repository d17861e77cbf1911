import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { commonErrors, idParams } from "../../schemas.ts";
import { toPublicWebhook, webhookSchema } from "./schemas.ts";

export const getWebhookRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/webhook/:id",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Get a webhook endpoint (never its secret)",
        params: idParams,
        response: { 200: webhookSchema, ...commonErrors },
      },
    },
    async (request) => toPublicWebhook(await context.webhooks.get(request.environmentId, request.params.id)),
  );
};
