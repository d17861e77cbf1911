/**
 * `/v2/account` (reference §6) and the undocumented `/v2/request-limits/` (reference §7). userCount is
 * read live from the directory, so it always equals the number of users after creates and deletes.
 */
import { HttpError, ok, type Reply } from "../kit/reply.ts";
import { TEAM_KEY_MESSAGE } from "./auth.ts";
import { type RequestContext, type Route, route } from "./route.ts";

function getAccount(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  return ok({ data: { name: dir.accountName, userCount: dir.userCount, plan: { ...dir.plan } } });
}

function requestLimits(ctx: RequestContext): Reply {
  // An account whose limits a client cannot read: the 403 team keys get (reference §7), for every key.
  if (ctx.state.rateLimitsHidden()) throw new HttpError(403, TEAM_KEY_MESSAGE, { code: 40301 });
  return ok({ data: { rateLimits: ctx.state.rateLimitReport() } });
}

export const accountRoutes: Route[] = [
  route("GET", "/v2/account", getAccount),
  route("GET", "/v2/request-limits", requestLimits),
];
