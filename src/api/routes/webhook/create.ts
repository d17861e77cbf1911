import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { commonErrors } from "../../schemas.ts";
import { CREATE_WEBHOOK_DESCRIPTION } from "./delivery-docs.ts";
import { createWebhookBody, toPublicWebhook, webhookWithSecretSchema } from "./schemas.ts";

export const createWebhookRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/webhook",
    {
      schema: {
        tags: ["webhooks"],
        summary: "Create a webhook endpoint; its signing secret is in this response only",
        description: CREATE_WEBHOOK_DESCRIPTION,
        body: createWebhookBody,
        response: { 201: webhookWithSecretSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { webhook, secret } = await context.webhooks.create(request.environmentId, request.body);
      reply.code(201);
      return { ...toPublicWebhook(webhook), secret };
    },
  );
};
