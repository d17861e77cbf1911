/**
 * JSM Ops (reference §4.1) under `/jsm/ops/api/{cloudId}`: `GET /v1/teams` (unpaginated
 * `{platformTeams:[{teamId,teamName}]}`, ops-enabled teams only: all of them for an Operations global admin,
 * the caller's own for others), custom global roles `GET /v1/roles?offset=&size=` (default 20, at most 100
 * [unverified]) as `{values:[{id,name}], links:{next}}` with a relative `next` absent on the last page, and
 * `GET /v1/roles/{identifier}?identifierType=id|name`. An unknown cloudId is a 404 [unverified status].
 */
import { ok, type Reply } from "../kit/reply.ts";
import { ApiError } from "./apis.ts";
import { checkCloud, opsPage } from "./ops-paging.ts";
import { type RequestContext, type Route, route } from "./route.ts";

function teams(ctx: RequestContext): Reply {
  checkCloud(ctx);
  const caller = ctx.key.kind === "user" ? ctx.key.caller : undefined;
  const all = [...ctx.state.dir.teams.values()].filter((t) => t.ops);
  const visible =
    caller?.kind === "admin" ? all : all.filter((t) => caller && t.members.includes(caller.accountId));
  return ok({ platformTeams: visible.map((t) => ({ teamId: t.teamId, teamName: t.displayName })) });
}

function roles(ctx: RequestContext): Reply {
  checkCloud(ctx);
  return ok(opsPage(ctx, ctx.state.dir.roles, "/v1/roles", (r) => ({ id: r.id, name: r.name })));
}

function role(ctx: RequestContext): Reply {
  checkCloud(ctx);
  const byName = ctx.query.get("identifierType") === "name";
  const id = ctx.params.identifier;
  const found = ctx.state.dir.roles.find((r) => (byName ? r.name === id : r.id === id));
  if (!found)
    throw new ApiError(
      "ops",
      404,
      `Custom user role with ${byName ? "name" : "id"} [${id}] could not be found`,
    );
  return ok({ ...found });
}

export const opsRoutes: Route[] = [
  route("ops", "opsUser", "GET", "/jsm/ops/api/:cloudId/v1/teams", teams),
  route("ops", "opsAdmin", "GET", "/jsm/ops/api/:cloudId/v1/roles", roles),
  route("ops", "opsAdmin", "GET", "/jsm/ops/api/:cloudId/v1/roles/:identifier", role),
];
