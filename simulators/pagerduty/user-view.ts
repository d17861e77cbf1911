/**
 * Users on the wire (reference §1.2): the `User` object with references to its teams, contact methods and
 * notification rules, or, per `include[]`, the full objects in their place (the spec types these members as
 * references only; PagerDuty's includes sideload full objects, which the conformance test checks as such).
 */
import { createHash } from "node:crypto";
import type { Json } from "../kit/reply.ts";
import type { Directory } from "./directory.ts";
import { head, type Links, reference } from "./links.ts";
import type { ContactMethod, User } from "./model.ts";
import { teamView } from "./team-view.ts";

/** A Gravatar URL from the address (what PagerDuty shows for users without an uploaded picture). */
function avatarUrl(email: string): string {
  const hash = createHash("md5").update(email.trim().toLowerCase()).digest("hex");
  return `https://secure.gravatar.com/avatar/${hash}.png?d=mm&r=PG`;
}

const cmSelf = (links: Links, userId: string, cm: ContactMethod): string =>
  `${links.api}/users/${userId}/contact_methods/${cm.id}`;
const ruleSelf = (links: Links, userId: string, cm: ContactMethod): string =>
  `${links.api}/users/${userId}/notification_rules/${cm.ruleId}`;

export function contactMethodRef(links: Links, userId: string, cm: ContactMethod): Json {
  return {
    id: cm.id,
    type: `${cm.type}_reference`,
    summary: cm.label,
    self: cmSelf(links, userId, cm),
    html_url: null,
  };
}

/** The full contact method: e-mails add `send_short_email`, phones `country_code` and `blacklisted`. */
export function contactMethodView(links: Links, userId: string, cm: ContactMethod): Json {
  const out: Json = {
    id: cm.id,
    type: cm.type,
    summary: cm.label,
    self: cmSelf(links, userId, cm),
    html_url: null,
    label: cm.label,
    address: cm.address,
  };
  if (cm.type === "email_contact_method") return { ...out, send_short_email: false, enabled: true };
  return { ...out, country_code: cm.countryCode, enabled: true, blacklisted: false };
}

const ruleSummary = (cm: ContactMethod): string => `${cm.ruleDelayMinutes} minutes: channel ${cm.id}`;

export function notificationRuleRef(links: Links, userId: string, cm: ContactMethod): Json {
  return {
    id: cm.ruleId,
    type: "assignment_notification_rule_reference",
    summary: ruleSummary(cm),
    self: ruleSelf(links, userId, cm),
    html_url: null,
  };
}

/** The high-urgency rule paging through `cm`; its contact method in full when `fullContactMethod`. */
export function notificationRuleView(
  links: Links,
  userId: string,
  cm: ContactMethod,
  fullContactMethod: boolean,
): Json {
  return {
    id: cm.ruleId,
    type: "assignment_notification_rule",
    summary: ruleSummary(cm),
    self: ruleSelf(links, userId, cm),
    html_url: null,
    start_delay_in_minutes: cm.ruleDelayMinutes,
    contact_method: fullContactMethod
      ? contactMethodView(links, userId, cm)
      : contactMethodRef(links, userId, cm),
    urgency: "high",
  };
}

/** The `User` object; `include` may hold "teams", "contact_methods", "notification_rules". */
export function userView(links: Links, dir: Directory, user: User, include: ReadonlySet<string>): Json {
  const teams = dir.teamsOf(user.id);
  const out: Json = {
    ...head(links, "user", user.id, user.name),
    name: user.name,
    email: user.email,
    time_zone: user.timeZone,
    color: user.color,
    role: user.role,
    avatar_url: avatarUrl(user.email),
    description: user.description,
    invitation_sent: user.invitationSent,
    created_via_sso: user.createdViaSso,
    teams: include.has("teams")
      ? teams.map((t) => teamView(links, t))
      : teams.map((t) => reference(links, "team", t.id, t.name)),
    contact_methods: user.contactMethods.map((cm) =>
      include.has("contact_methods")
        ? contactMethodView(links, user.id, cm)
        : contactMethodRef(links, user.id, cm),
    ),
    notification_rules: user.contactMethods.map((cm) =>
      include.has("notification_rules")
        ? notificationRuleView(links, user.id, cm, false)
        : notificationRuleRef(links, user.id, cm),
    ),
  };
  // job_title is a string of at most 100 characters, never null, in the spec: absent when unset.
  if (user.jobTitle !== null) out.job_title = user.jobTitle;
  return out;
}
