import type { FastifyPluginAsync } from "fastify";
import { createAuthenticator } from "../authenticate.ts";
import type { AppContext } from "../context.ts";
import { connectPageRoutes } from "./connect-page.ts";
import { dashboardPageRoutes } from "./dashboard-page.ts";
import { listEventsRoute } from "./event/list.ts";
import { faviconRoutes } from "./favicon.ts";
import { healthRoutes } from "./health.ts";
import { integratedAccountRoutes } from "./integrated-account/index.ts";
import { integrationRoutes } from "./integration.ts";
import { linkTokenRoutes } from "./link-token/create.ts";
import { oauthStartRoutes } from "./link-token/oauth-start.ts";
import { linkTokenPublicRoutes } from "./link-token/public.ts";
import { oauthCallbackRoutes } from "./oauth-callback.ts";
import { oauthCompleteRoutes } from "./oauth-complete.ts";
import { proxyRoutes } from "./proxy/proxy.ts";
import { searchRoutes } from "./search/search-users.ts";
import { syncJobRoutes } from "./sync-job/sync-job.ts";
import { syncJobRunRoutes } from "./sync-job-run/sync-job-run.ts";
import { userDirectoryRoutes } from "./unified/user-directory.ts";
import { webhookRoutes } from "./webhook/index.ts";
import { retryDeliveryRoute } from "./webhook-delivery/retry.ts";

/** Public routes first, then everything behind bearer authentication. */
export const registerRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  await app.register(healthRoutes, { context });
  await app.register(connectPageRoutes, { context });
  await app.register(dashboardPageRoutes);
  await app.register(faviconRoutes);
  await app.register(linkTokenPublicRoutes, { context });
  await app.register(oauthStartRoutes, { context });
  await app.register(oauthCallbackRoutes, { context });
  await app.register(oauthCompleteRoutes, { context });
  await app.register(async (authenticated) => {
    authenticated.addHook(
      "onRequest",
      createAuthenticator({
        tokens: context.tokens,
        adminToken: context.config.adminToken,
        defaultEnvironmentId: context.defaultEnvironmentId,
      }),
    );
    await authenticated.register(integrationRoutes, { context });
    await authenticated.register(integratedAccountRoutes, { context });
    await authenticated.register(linkTokenRoutes, { context });
    await authenticated.register(userDirectoryRoutes, { context });
    await authenticated.register(proxyRoutes, { context });
    await authenticated.register(syncJobRoutes, { context });
    await authenticated.register(syncJobRunRoutes, { context });
    await authenticated.register(searchRoutes, { context });
    await authenticated.register(webhookRoutes, { context });
    await authenticated.register(retryDeliveryRoute, { context });
    await authenticated.register(listEventsRoute, { context });
  });
};
