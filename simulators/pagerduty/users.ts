/**
 * Users, read side (reference §1.2): the offset-paged list with `query` (a case-insensitive substring of the
 * name [unverified: the spec only says "whose name matches"]), `team_ids[]` (members of any of the teams) and
 * `include[]`; a user by id; `/users/me` for user keys; a user's contact methods and notification rules.
 */
import { ok, type Reply } from "../kit/reply.ts";
import { notFound } from "./errors.ts";
import { linksOf } from "./links.ts";
import { arrayParam, includes, offsetPage } from "./list.ts";
import type { ContactMethod, User } from "./model.ts";
import { type RequestContext, type Route, route } from "./route.ts";
import { contactMethodView, notificationRuleView, userView } from "./user-view.ts";

/** The user `ctx.params.id` names, or a 404. */
export function requireUser(ctx: RequestContext, id = ctx.params.id ?? ""): User {
  const user = ctx.state.dir.users.get(id);
  if (!user) throw notFound();
  return user;
}

function listUsers(ctx: RequestContext): Reply {
  const { dir } = ctx.state;
  const query = (ctx.query.get("query") ?? "").trim().toLowerCase();
  const teamIds = arrayParam(ctx.query, "team_ids");
  let members: Set<string> | undefined;
  if (teamIds.length > 0) {
    members = new Set();
    for (const id of teamIds)
      for (const userId of dir.teams.get(id)?.members.keys() ?? []) members.add(userId);
  }
  const include = includes(ctx.query);
  const links = linksOf(ctx);
  const filter =
    query || members
      ? (u: User) => (!query || u.name.toLowerCase().includes(query)) && (!members || members.has(u.id))
      : undefined;
  return offsetPage(ctx.query, dir.sortedUsers(), "users", (u) => userView(links, dir, u, include), filter);
}

function oneUser(ctx: RequestContext, user: User): Reply {
  return ok({ user: userView(linksOf(ctx), ctx.state.dir, user, includes(ctx.query)) });
}

function getUser(ctx: RequestContext): Reply {
  return oneUser(ctx, requireUser(ctx));
}

function getMe(ctx: RequestContext): Reply {
  return oneUser(ctx, requireUser(ctx, ctx.key.userId));
}

function requireContactMethod(user: User, id: string, by: "id" | "ruleId"): ContactMethod {
  const cm = user.contactMethods.find((c) => c[by] === id);
  if (!cm) throw notFound();
  return cm;
}

function listContactMethods(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const links = linksOf(ctx);
  return ok({ contact_methods: user.contactMethods.map((cm) => contactMethodView(links, user.id, cm)) });
}

function getContactMethod(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const cm = requireContactMethod(user, ctx.params.contact_method_id ?? "", "id");
  return ok({ contact_method: contactMethodView(linksOf(ctx), user.id, cm) });
}

/** Every generated rule is high urgency, so `urgency=low` lists none. */
function listNotificationRules(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const links = linksOf(ctx);
  const full = includes(ctx.query).has("contact_methods");
  const urgency = ctx.query.get("urgency") ?? "high";
  const rules = urgency === "low" ? [] : user.contactMethods;
  return ok({ notification_rules: rules.map((cm) => notificationRuleView(links, user.id, cm, full)) });
}

function getNotificationRule(ctx: RequestContext): Reply {
  const user = requireUser(ctx);
  const cm = requireContactMethod(user, ctx.params.notification_rule_id ?? "", "ruleId");
  const full = includes(ctx.query).has("contact_methods");
  return ok({ notification_rule: notificationRuleView(linksOf(ctx), user.id, cm, full) });
}

export const userReadRoutes: Route[] = [
  route("GET", "/users", listUsers, { directory: true }),
  route("GET", "/users/me", getMe, { userKeyOnly: true }),
  route("GET", "/users/:id", getUser),
  route("GET", "/users/:id/contact_methods", listContactMethods),
  route("GET", "/users/:id/contact_methods/:contact_method_id", getContactMethod),
  route("GET", "/users/:id/notification_rules", listNotificationRules),
  route("GET", "/users/:id/notification_rules/:notification_rule_id", getNotificationRule),
];
