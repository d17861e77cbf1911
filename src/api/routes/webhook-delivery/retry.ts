import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { commonErrors, idParams } from "../../schemas.ts";
import { deliverySchema, toPublicDelivery } from "../webhook/schemas.ts";

export const retryDeliveryRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/webhook-delivery/:id/retry",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Send a delivery again now (same webhook-id and body), with a fresh retry schedule",
        params: idParams,
        response: { 202: deliverySchema, ...commonErrors, 409: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const delivery = await context.webhooks.retry(request.environmentId, request.params.id);
      reply.code(202);
      return toPublicDelivery(delivery);
    },
  );
};
