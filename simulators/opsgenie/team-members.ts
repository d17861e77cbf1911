/**
 * Team members and team roles (reference §4.3, §4.4). Note the parameter name: these endpoints take
 * `teamIdentifierType` for the team, while get/delete team take `identifierType`.
 */
import { randomUUID } from "node:crypto";
import { requiredString } from "../kit/field-checks.ts";
import { HttpError, type Json, ok, type Reply } from "../kit/reply.ts";
import { assertTeamScope } from "./auth.ts";
import { notFound, success } from "./envelope.ts";
import type { TeamRight, TeamRole } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { identifierType, requireTeam, resolveMemberRole, resolveUserRef } from "./team-lookup.ts";
import { bodyObject, fieldErrors } from "./validate.ts";

function addMember(ctx: RequestContext): Reply {
  const team = requireTeam(ctx, "teamIdentifierType");
  assertTeamScope(ctx.key, team.id);
  const b = bodyObject(ctx.body);
  const errs = fieldErrors();
  const user = resolveUserRef(ctx, b.user);
  if (b.user === undefined) errs.add("user", "user is required");
  const role = resolveMemberRole(team, b.role);
  if (!role) errs.add("role", `Invalid team role '${String(b.role)}'`);
  errs.throwIfAny();
  if (!user) throw new HttpError(404, "User not found");
  ctx.state.dir.setMember(team, user.id, role ?? "user");
  return success("Added", { id: team.id, name: team.name });
}

function removeMember(ctx: RequestContext): Reply {
  const team = requireTeam(ctx, "teamIdentifierType");
  assertTeamScope(ctx.key, team.id);
  const user = ctx.state.dir.findUser(ctx.params.member ?? "");
  if (!user || !ctx.state.dir.removeMember(team, user.id)) throw new HttpError(404, "Team member not found");
  return success("Removed", { id: team.id, name: team.name });
}

const roleView = (r: TeamRole): Json => ({ id: r.id, name: r.name, rights: r.rights });

function listRoles(ctx: RequestContext): Reply {
  return ok({ data: requireTeam(ctx, "teamIdentifierType").roles.map(roleView) });
}

function getRole(ctx: RequestContext): Reply {
  const team = requireTeam(ctx, "teamIdentifierType");
  const byName = identifierType(ctx, "identifierType") === "name";
  const wanted = (ctx.params.role ?? "").toLowerCase();
  const role = team.roles.find((r) => (byName ? r.name.toLowerCase() === wanted : r.id === ctx.params.role));
  if (!role) throw notFound("Team role");
  return ok({ data: roleView(role) });
}

function createRole(ctx: RequestContext): Reply {
  const team = requireTeam(ctx, "teamIdentifierType");
  assertTeamScope(ctx.key, team.id);
  const b = bodyObject(ctx.body);
  const errs = fieldErrors();
  const name = requiredString(b, "name", errs, 100);
  if (name && ["admin", "user"].includes(name.toLowerCase()))
    errs.add("name", "admin and user are reserved role names");
  const rights: TeamRight[] = [];
  if (b.rights !== undefined && !Array.isArray(b.rights)) errs.add("rights", "rights must be an array");
  for (const r of Array.isArray(b.rights) ? b.rights : []) {
    const right = (r as Json | null)?.right;
    if (typeof right !== "string") errs.add("rights", "each right needs a 'right' string");
    else rights.push({ right, granted: (r as Json).granted !== false });
  }
  errs.throwIfAny();
  if (!name) throw new HttpError(422, "Request body is not processable.");
  if (team.roles.some((r) => r.name.toLowerCase() === name.toLowerCase())) {
    throw new HttpError(409, `Team role with name [${name}] already exists.`);
  }
  const role: TeamRole = { id: randomUUID(), name, rights };
  team.roles.push(role);
  return success("Created", { id: role.id, name: role.name }, 201);
}

const teamScoped = { accountLevel: false } as const;

export const teamMemberRoutes: Route[] = [
  route("POST", "/v2/teams/:identifier/members", addMember, teamScoped),
  route("DELETE", "/v2/teams/:identifier/members/:member", removeMember, teamScoped),
  route("GET", "/v2/teams/:identifier/roles", listRoles, teamScoped),
  route("GET", "/v2/teams/:identifier/roles/:role", getRole, teamScoped),
  route("POST", "/v2/teams/:identifier/roles", createRole, teamScoped),
];
