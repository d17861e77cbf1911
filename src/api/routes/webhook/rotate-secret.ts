import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { commonErrors, idParams } from "../../schemas.ts";
import { toPublicWebhook, webhookWithSecretSchema } from "./schemas.ts";

export const rotateWebhookSecretRoute: FastifyPluginAsync<{ context: AppContext }> = async (
  app,
  { context },
) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/webhook/:id/rotate-secret",
    {
      schema: {
        tags: ["webhooks"],
        summary:
          "Replace the signing secret (shown once); until previous_secret_expires_at both secrets sign each delivery",
        params: idParams,
        response: { 200: webhookWithSecretSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { webhook, secret } = await context.webhooks.rotateSecret(
        request.environmentId,
        request.params.id,
      );
      return { ...toPublicWebhook(webhook), secret };
    },
  );
};
