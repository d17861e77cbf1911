/**
 * Team membership (reference §1.3): `/teams/{id}/members` (offset-paged `{ user: <user_reference>, role }`, the
 * full user objects in place of the references with `include[]=users`),
 * `PUT /teams/{id}/users/{user_id}` with an optional `{ role }` (manager, responder or observer; a new member
 * defaults to manager, as Terraform's PagerDuty provider documents) and `DELETE` of the same path, both 204.
 * A full stakeholder (`read_only_user`) cannot join a team (400).
 */
import type { Json, Reply } from "../kit/reply.ts";
import { invalidInput } from "./errors.ts";
import { linksOf } from "./links.ts";
import { includes, offsetPage } from "./list.ts";
import type { User } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { memberView } from "./team-view.ts";
import { requireTeam } from "./teams.ts";
import { userView } from "./user-view.ts";
import { actorOfRequest } from "./user-writes.ts";
import { requireUser } from "./users.ts";
import { TEAM_ROLES, type TeamRole } from "./vocabulary.ts";

function listMembers(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const team = requireTeam(ctx);
  const links = linksOf(ctx);
  const members = [...team.members.keys()];
  const withUsers = includes(ctx.query).has("users");
  return offsetPage(ctx.query, members, "members", (userId) => {
    const user = dir.users.get(userId) as User;
    const full = withUsers ? userView(links, dir, user, new Set()) : undefined;
    return memberView(links, user, team.members.get(userId) as TeamRole, full);
  });
}

function putMember(ctx: RequestContext): Reply {
  const team = requireTeam(ctx);
  const user = requireUser(ctx, ctx.params.user_id);
  const body = (typeof ctx.body === "object" && ctx.body !== null ? ctx.body : {}) as Json;
  const role = body.role ?? team.members.get(user.id) ?? "manager";
  if (!(TEAM_ROLES as readonly unknown[]).includes(role))
    throw invalidInput(`Role must be one of ${TEAM_ROLES.join(", ")}`);
  if (user.role === "read_only_user") throw invalidInput("Stakeholders cannot be added to a team");
  ctx.state.dir.setMember(team, user, role as TeamRole, actorOfRequest(ctx));
  return { status: 204, body: {} };
}

/** Removing someone who is not a member is a no-op 204 [unverified]. */
function deleteMember(ctx: RequestContext): Reply {
  const team = requireTeam(ctx);
  const user = requireUser(ctx, ctx.params.user_id);
  ctx.state.dir.removeMember(team, user, actorOfRequest(ctx));
  return { status: 204, body: {} };
}

const teams = { ability: "teams" } as const;

export const teamMemberRoutes: Route[] = [
  route("GET", "/teams/:id/members", listMembers, { ...teams, directory: true }),
  route("PUT", "/teams/:id/users/:user_id", putMember, teams),
  route("DELETE", "/teams/:id/users/:user_id", deleteMember, teams),
];
