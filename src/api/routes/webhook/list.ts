import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { keysetPage } from "../../keyset-page.ts";
import { commonErrors, cursorParam, limitParam, listEnvelope } from "../../schemas.ts";
import { toPublicWebhook, webhookSchema } from "./schemas.ts";

export const listWebhooksRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/webhook",
    {
      schema: {
        tags: ["webhooks"],
        summary: "List webhook endpoints, newest first (never their secrets)",
        querystring: z.strictObject({
          limit: limitParam({ max: 100, default: 20 }),
          next_cursor: cursorParam,
        }),
        response: { 200: listEnvelope(webhookSchema), ...commonErrors },
      },
    },
    async (request) =>
      keysetPage({
        cursors: context.cursors,
        scope: `webhook:${request.environmentId}`,
        cursor: request.query.next_cursor,
        limit: request.query.limit,
        load: (page) => context.webhooks.webhooks.list(request.environmentId, page),
        present: toPublicWebhook,
      }),
  );
};
