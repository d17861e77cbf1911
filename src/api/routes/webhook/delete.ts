import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { commonErrors, deletedSchema, idParams } from "../../schemas.ts";

export const deleteWebhookRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().delete(
    "/webhook/:id",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Delete a webhook endpoint with its pending deliveries and delivery log",
        params: idParams,
        response: { 200: deletedSchema, ...commonErrors },
      },
    },
    async (request) => {
      await context.webhooks.delete(request.environmentId, request.params.id);
      return { id: request.params.id };
    },
  );
};
