/** Teams on the wire (reference §1.3): the `Team` object and a member entry of `/teams/{id}/members`. */
import type { Json } from "../kit/reply.ts";
import { head, type Links, reference } from "./links.ts";
import type { Team, User } from "./model.ts";
import type { TeamRole } from "./vocabulary.ts";

export function teamView(links: Links, team: Team): Json {
  return {
    ...head(links, "team", team.id, team.name),
    name: team.name,
    description: team.description,
    default_role: team.defaultRole,
  };
}

/**
 * `{ user, role }`: `user` is a user_reference, or with `include[]=users` the full `User` object in its place
 * (`fullUser`), as PagerDuty's includes sideload (reference §1.3).
 */
export function memberView(links: Links, user: User, role: TeamRole, fullUser?: Json): Json {
  return { user: fullUser ?? reference(links, "user", user.id, user.name), role };
}
