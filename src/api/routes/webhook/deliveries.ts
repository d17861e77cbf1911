import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { keysetPage } from "../../keyset-page.ts";
import { commonErrors, cursorParam, idParams, limitParam, listEnvelope } from "../../schemas.ts";
import { deliverySchema, toPublicDelivery } from "./schemas.ts";

export const listDeliveriesRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/webhook/:id/deliveries",
    {
      schema: {
        tags: ["webhooks"],
        summary: "The delivery log of an endpoint, newest first, with every attempt",
        params: idParams,
        querystring: z.strictObject({
          limit: limitParam({ max: 100, default: 20 }),
          next_cursor: cursorParam,
        }),
        response: { 200: listEnvelope(deliverySchema), ...commonErrors },
      },
    },
    async (request) =>
      keysetPage({
        cursors: context.cursors,
        scope: `webhook-delivery:${request.params.id}`,
        cursor: request.query.next_cursor,
        limit: request.query.limit,
        load: (page) => context.webhooks.listDeliveries(request.environmentId, request.params.id, page),
        present: toPublicDelivery,
      }),
  );
};
