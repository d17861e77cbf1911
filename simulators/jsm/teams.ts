/**
 * The Atlassian Teams public API (reference §4.2) under `/gateway/api/public/teams/v1/org/{orgId}`:
 * `GET /teams?size=&cursor=` (size ≤ 300, default 50 [unverified]) → `{entities, cursor}` with `cursor`
 * absent on the last page; `GET /teams/{teamId}` → the Team (404 unknown, 410 deleted); `POST /teams/{teamId}/members` with
 * `{first, after}` (first ≤ 50 [unverified], default 50) → `{results:[{accountId}], pageInfo:{endCursor,
 * hasNextPage}}`. Cursors are opaque and bound to their list (a foreign one is a 400). An unknown org is a 404.
 */
import { type Json, ok, type Reply } from "../kit/reply.ts";
import { ApiError } from "./apis.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type { Team } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";

function checkOrg(ctx: RequestContext): void {
  if (ctx.params.orgId !== ctx.state.orgId)
    throw new ApiError("teams", 404, `Organization ${ctx.params.orgId} not found`);
}

function teamOf(ctx: RequestContext): Team {
  checkOrg(ctx);
  const id = ctx.params.teamId ?? "";
  const team = ctx.state.dir.teams.get(id);
  if (!team && ctx.state.dir.deletedTeams.has(id)) throw new ApiError("teams", 410, `Team ${id} was deleted`);
  if (!team) throw new ApiError("teams", 404, `Team ${ctx.params.teamId} not found`);
  return team;
}

function teamView(t: Team, orgId: string): Json {
  return {
    teamId: t.teamId,
    displayName: t.displayName,
    description: t.description,
    organizationId: orgId,
    state: "ACTIVE",
    teamType: "MEMBER_INVITE",
    creatorId: t.members[0] ?? null,
  };
}

/** A page size: `fallback` when absent, capped to `max`; 400 unless a positive integer. */
function size(raw: unknown, fallback: number, max: number, name: string): number {
  if (raw === undefined || raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ApiError("teams", 400, `'${name}' must be a positive integer`);
  return Math.min(n, max);
}

function offsetOf(cursor: unknown, scope: string): number {
  if (cursor === undefined || cursor === null || cursor === "") return 0;
  const offset = typeof cursor === "string" ? decodeCursor(cursor, scope) : undefined;
  if (offset === undefined) throw new ApiError("teams", 400, "Invalid cursor");
  return offset;
}

function listTeams(ctx: RequestContext): Reply {
  checkOrg(ctx);
  const limit = size(ctx.query.get("size"), 50, 300, "size");
  const offset = offsetOf(ctx.query.get("cursor"), "teams");
  const all = [...ctx.state.dir.teams.values()];
  const body: Json = { entities: all.slice(offset, offset + limit).map((t) => teamView(t, ctx.state.orgId)) };
  if (offset + limit < all.length) body.cursor = encodeCursor("teams", offset + limit);
  return ok(body);
}

function getTeam(ctx: RequestContext): Reply {
  const team = teamOf(ctx);
  return ok({
    ...teamView(team, ctx.state.orgId),
    userPermissions: { ADD_MEMBERS: true, DELETE_TEAM: false, REMOVE_MEMBERS: true, UPDATE_TEAM: true },
  });
}

function members(ctx: RequestContext): Reply {
  const team = teamOf(ctx);
  const body = (ctx.body ?? {}) as { first?: unknown; after?: unknown };
  if (typeof body !== "object" || Array.isArray(body))
    throw new ApiError("teams", 400, "The body must be an object");
  const first = size(body.first, 50, 50, "first");
  const scope = `members:${team.teamId}`;
  const offset = offsetOf(body.after, scope);
  const page = team.members.slice(offset, offset + first);
  const end = offset + page.length;
  return ok({
    results: page.map((accountId) => ({ accountId })),
    pageInfo: {
      endCursor: page.length > 0 ? encodeCursor(scope, end) : null,
      hasNextPage: end < team.members.length,
    },
  });
}

export const teamsRoutes: Route[] = [
  route("teams", "user", "GET", "/gateway/api/public/teams/v1/org/:orgId/teams", listTeams),
  route("teams", "user", "GET", "/gateway/api/public/teams/v1/org/:orgId/teams/:teamId", getTeam),
  route("teams", "user", "POST", "/gateway/api/public/teams/v1/org/:orgId/teams/:teamId/members", members),
];
