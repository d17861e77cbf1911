/**
 * Teams (reference §4.1–§4.3): the unpaginated list with `links` (no members), get by id or name with
 * `members[{user{id,username},role}]`, create, PATCH (members, when sent, replace the list) and delete.
 */
import { randomUUID } from "node:crypto";
import { type FieldErrors, optionalString, requiredString } from "../kit/field-checks.ts";
import { HttpError, type Json, ok, type Reply } from "../kit/reply.ts";
import { assertTeamScope } from "./auth.ts";
import { success } from "./envelope.ts";
import type { Team } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { requireTeam, resolveMemberRole, resolveUserRef } from "./team-lookup.ts";
import { bodyObject, fieldErrors } from "./validate.ts";

function teamLinks(ctx: RequestContext, team: Team): { web: string; api: string } {
  return {
    web: `https://app.opsgenie.com/teams/dashboard/${team.id}/main`,
    api: `${ctx.baseUrl}/v2/teams/${team.id}`,
  };
}

function teamView(ctx: RequestContext, team: Team, withMembers: boolean): Json {
  const out: Json = { id: team.id, name: team.name, description: team.description };
  if (withMembers && team.members.size > 0) {
    // Empty teams omit `members` entirely (the Go SDK marks it omitempty).
    const members: Json[] = [];
    for (const [userId, role] of team.members) {
      const user = ctx.state.dir.users.get(userId);
      if (user) members.push({ user: { id: user.id, username: user.username }, role });
    }
    out.members = members;
  }
  out.links = teamLinks(ctx, team);
  return out;
}

function listTeams(ctx: RequestContext): Reply {
  const data: Json[] = [];
  for (const team of ctx.state.dir.teams.values()) data.push(teamView(ctx, team, false));
  return ok({ data });
}

function getTeam(ctx: RequestContext): Reply {
  return ok({ data: teamView(ctx, requireTeam(ctx, "identifierType"), true) });
}

/** Validates a `members` array; `roles` are the team's custom roles (none for a new team). */
function readMembers(
  ctx: RequestContext,
  raw: unknown,
  team: Pick<Team, "roles">,
  errs: FieldErrors,
): Map<string, string> {
  const members = new Map<string, string>();
  if (raw === undefined || raw === null) return members;
  if (!Array.isArray(raw)) {
    errs.add("members", "members must be an array");
    return members;
  }
  raw.forEach((m: unknown, i) => {
    const entry = (typeof m === "object" && m !== null ? m : {}) as Json;
    const user = resolveUserRef(ctx, entry.user);
    const role = resolveMemberRole(team, entry.role);
    if (!user) errs.add(`members[${i}].user`, "User not found");
    else if (!role) errs.add(`members[${i}].role`, `Invalid team role '${String(entry.role)}'`);
    else members.set(user.id, role);
  });
  return members;
}

function checkName(ctx: RequestContext, name: string | undefined, self?: Team): void {
  if (!name) return;
  const existing = ctx.state.dir.findTeam(name, "name");
  if (existing && existing !== self) throw new HttpError(409, `Team with name [${name}] already exists.`);
}

function createTeam(ctx: RequestContext): Reply {
  const b = bodyObject(ctx.body);
  const errs = fieldErrors();
  const name = requiredString(b, "name", errs, 100);
  const description = optionalString(b, "description", errs, 200) ?? "";
  const members = readMembers(ctx, b.members, { roles: [] }, errs);
  errs.throwIfAny();
  if (!name) throw new HttpError(422, "Request body is not processable.");
  checkName(ctx, name);
  const team: Team = { id: randomUUID(), name, description, members, roles: [] };
  ctx.state.dir.addTeam(team);
  return success("Created", { id: team.id, name: team.name }, 201);
}

function updateTeam(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  // PATCH addresses teams by id only (reference §4.3).
  const team = dir.findTeam(ctx.params.identifier ?? "", "id");
  if (!team || ctx.state.anomalies.teamVanished(team.id)) throw new HttpError(404, "Team not found");
  assertTeamScope(ctx.key, team.id);
  const b = bodyObject(ctx.body);
  const errs = fieldErrors();
  const name = optionalString(b, "name", errs, 100);
  if (name !== undefined && name.trim() === "") errs.add("name", "name must not be empty");
  const description = optionalString(b, "description", errs, 200);
  const members = b.members === undefined ? undefined : readMembers(ctx, b.members, team, errs);
  errs.throwIfAny();
  checkName(ctx, name, team);
  if (name && name !== team.name) dir.renameTeam(team, name);
  if (description !== undefined) team.description = description;
  if (members) dir.replaceMembers(team, members);
  return success("Updated", { id: team.id, name: team.name });
}

function deleteTeam(ctx: RequestContext): Reply {
  const team = requireTeam(ctx, "identifierType");
  assertTeamScope(ctx.key, team.id);
  ctx.state.dir.deleteTeam(team);
  return success("Deleted");
}

const teamScoped = { accountLevel: false } as const;

export const teamRoutes: Route[] = [
  route("GET", "/v2/teams", listTeams, teamScoped),
  route("GET", "/v2/teams/:identifier", getTeam, teamScoped),
  // Creating a team is account-level: team keys are refused (reference §4.3).
  route("POST", "/v2/teams", createTeam),
  route("PATCH", "/v2/teams/:identifier", updateTeam, teamScoped),
  route("DELETE", "/v2/teams/:identifier", deleteTeam, teamScoped),
];
