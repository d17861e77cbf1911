/**
 * Teams (reference §1.3): the offset-paged list with `query` (a case-insensitive substring of the name
 * [unverified]), get, create, update and delete, all needing the account's `teams` ability (402 without).
 * Names are unique case-insensitively [unverified]; a team that escalation policies, schedules or services
 * still use cannot be deleted (400, code 6006).
 */
import { FieldErrors, optionalString, requiredString } from "../kit/field-checks.ts";
import { HttpError, type Json, ok, type Reply } from "../kit/reply.ts";
import type { Directory, TeamPatch } from "./directory.ts";
import { invalidInput, notFound } from "./errors.ts";
import { linksOf } from "./links.ts";
import { offsetPage } from "./list.ts";
import type { Team } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { teamView } from "./team-view.ts";
import { actorOfRequest, wrapped } from "./user-writes.ts";

/** The team `ctx.params.id` names, or a 404. */
export function requireTeam(ctx: RequestContext): Team {
  const team = ctx.state.dir.teams.get(ctx.params.id ?? "");
  if (!team) throw notFound();
  return team;
}

function listTeams(ctx: RequestContext): Reply {
  const query = (ctx.query.get("query") ?? "").trim().toLowerCase();
  const links = linksOf(ctx);
  const filter = query ? (t: Team) => t.name.toLowerCase().includes(query) : undefined;
  return offsetPage(ctx.query, ctx.state.dir.sortedTeams(), "teams", (t) => teamView(links, t), filter);
}

function getTeam(ctx: RequestContext): Reply {
  return ok({ team: teamView(linksOf(ctx), requireTeam(ctx)) });
}

function readTeamFields(dir: Directory, b: Json, existing?: Team): TeamPatch {
  const errs = new FieldErrors((errors) => invalidInput(...Object.values(errors)));
  const name = (existing ? optionalString : requiredString)(b, "name", errs, 100);
  if (name !== undefined && name.trim() === "") errs.add("name", "Name can't be blank");
  const clash =
    name &&
    [...dir.teams.values()].find((t) => t !== existing && t.name.toLowerCase() === name.toLowerCase());
  if (clash) errs.add("name", "Name has already been taken");
  const description = optionalString(b, "description", errs, 1024);
  const defaultRole = optionalString(b, "default_role", errs);
  if (defaultRole !== undefined && defaultRole !== "manager" && defaultRole !== "none")
    errs.add("default_role", "Default role must be manager or none");
  errs.throwIfAny();
  return { name, description, defaultRole: defaultRole as Team["defaultRole"] | undefined };
}

function createTeam(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const fields = readTeamFields(dir, wrapped(ctx.body, "team"));
  const team: Team = {
    id: dir.ids.next(),
    name: fields.name as string,
    description: fields.description ?? "",
    defaultRole: fields.defaultRole ?? "manager",
    members: new Map(),
  };
  dir.createTeam(team, actorOfRequest(ctx));
  return ok({ team: teamView(linksOf(ctx), team) }, 201);
}

function updateTeam(ctx: RequestContext): Reply {
  const team = requireTeam(ctx);
  const fields = readTeamFields(ctx.state.dir, wrapped(ctx.body, "team"), team);
  ctx.state.dir.updateTeam(team, fields, actorOfRequest(ctx));
  return ok({ team: teamView(linksOf(ctx), team) });
}

function deleteTeam(ctx: RequestContext): Reply {
  const team = requireTeam(ctx);
  const used = ctx.state.ops.associationsOf(team.id);
  if (used.length > 0) {
    throw new HttpError(400, "Team has existing associations", {
      code: 6006,
      errors: [`The team is still used by: ${used.join(", ")}`],
    });
  }
  ctx.state.dir.deleteTeam(team, actorOfRequest(ctx));
  return { status: 204, body: {} };
}

const teams = { ability: "teams" } as const;

export const teamRoutes: Route[] = [
  route("GET", "/teams", listTeams, { ...teams, directory: true }),
  route("POST", "/teams", createTeam, teams),
  route("GET", "/teams/:id", getTeam, teams),
  route("PUT", "/teams/:id", updateTeam, teams),
  route("DELETE", "/teams/:id", deleteTeam, teams),
];
