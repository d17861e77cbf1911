/**
 * `/v2/account` (reference §6) and the undocumented `/v2/request-limits/` (reference §7). userCount is
 * read live from the directory, so it always equals the number of users after creates and deletes.
 */
import { ok, type Reply } from "../kit/reply.ts";
import { type RequestContext, type Route, route } from "./route.ts";

function getAccount(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  return ok({ data: { name: dir.accountName, userCount: dir.userCount, plan: { ...dir.plan } } });
}

function requestLimits(ctx: RequestContext): Reply {
  return ok({ data: { rateLimits: ctx.state.rateLimitReport() } });
}

export const accountRoutes: Route[] = [
  route("GET", "/v2/account", getAccount),
  route("GET", "/v2/request-limits", requestLimits),
];
