import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../context.ts";
import { createWebhookRoute } from "./create.ts";
import { deleteWebhookRoute } from "./delete.ts";
import { listDeliveriesRoute } from "./deliveries.ts";
import { getWebhookRoute } from "./get.ts";
import { listWebhooksRoute } from "./list.ts";
import { rotateWebhookSecretRoute } from "./rotate-secret.ts";
import { testWebhookRoute } from "./test.ts";

export const webhookRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  await app.register(createWebhookRoute, { context });
  await app.register(listWebhooksRoute, { context });
  await app.register(getWebhookRoute, { context });
  await app.register(deleteWebhookRoute, { context });
  await app.register(testWebhookRoute, { context });
  await app.register(rotateWebhookSecretRoute, { context });
  await app.register(listDeliveriesRoute, { context });
};
