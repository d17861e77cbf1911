import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { commonErrors, idParams } from "../../schemas.ts";
import { deliverySchema, toPublicDelivery } from "./schemas.ts";

export const testWebhookRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/webhook/:id/test",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Queue a `webhook.test` event to this endpoint only",
        params: idParams,
        response: { 202: deliverySchema, ...commonErrors, 409: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const delivery = await context.webhooks.test(request.environmentId, request.params.id);
      reply.code(202);
      return toPublicDelivery(delivery);
    },
  );
};
