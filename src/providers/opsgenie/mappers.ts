import type { Group, GroupMember } from "../../core/models/group.ts";
import type { License } from "../../core/models/license.ts";
import type { Organization } from "../../core/models/organization.ts";
import { splitFullName } from "../../core/models/person-name.ts";
import type { Role } from "../../core/models/role.ts";
import type { User, UserPhone, UserStatus } from "../../core/models/user.ts";
import type { OpsgenieBuiltinRole } from "./roles.ts";
import type {
  OpsgenieAccount,
  OpsgenieContact,
  OpsgenieCustomUserRole,
  OpsgenieRequestLimits,
  OpsgenieTeam,
  OpsgenieTeamMember,
  OpsgenieUser,
  OpsgenieUserContact,
  OpsgenieUserTeam,
} from "./schemas.ts";

/**
 * Pure mappers from parsed Opsgenie payloads (./schemas.ts) to the unified models (core/models).
 * Absent scalars become `null`; collections the call did not return are omitted; `remote_data` is the
 * record as received. Nothing is invented: Opsgenie has no updated_at, title or avatar, so they are null.
 */

// ---------------------------------------------------------------- users

/** What a get call may have fetched besides the user itself. */
export interface OpsgenieUserContext {
  /** From `GET /v2/users/{id}/teams`; becomes `groups`. */
  teams?: readonly OpsgenieUserTeam[];
  /**
   * From `GET /v2/users/{id}/contacts` (`method`) or `expand=contact` (`contactMethod`); becomes `phones`.
   * When absent, the user's own `userContacts` are used if present.
   */
  contacts?: readonly (OpsgenieContact | OpsgenieUserContact)[];
}

/**
 * Contact methods whose `to` is a phone number. `mobile` is excluded: in Opsgenie it is the push
 * notification contact of the mobile app (a device), not a number. `email` contacts are notification
 * addresses; `emails` holds only the username, which is the user's login e-mail.
 */
const phoneContactMethods = new Set(["sms", "voice"]);

export function mapUser(raw: OpsgenieUser, context: OpsgenieUserContext = {}): User {
  const { firstName, lastName } = splitFullName(raw.fullName);
  const contacts = context.contacts ?? raw.userContacts;
  const languages = localeToLanguageTag(raw.locale);
  const user: User = {
    id: raw.id,
    username: raw.username,
    name: raw.fullName ?? null,
    first_name: firstName,
    last_name: lastName,
    // The username is the user's e-mail address (Opsgenie's login).
    emails: [{ email: raw.username, type: "work", is_primary: true }],
    status: mapUserStatus(raw),
    is_email_verified: raw.verified ?? null,
    timezone: raw.timeZone ?? null,
    title: null,
    avatar: null,
    created_at: raw.createdAt === undefined ? null : toUtcTimestamp(raw.createdAt),
    updated_at: null,
    remote_data: raw,
  };
  if (raw.role) user.roles = [{ id: raw.role.id, name: raw.role.name }];
  if (context.teams) user.groups = context.teams.map((team) => ({ id: team.id, name: team.name }));
  if (contacts) user.phones = mapPhones(contacts);
  if (languages) user.languages = languages;
  return user;
}

/**
 * `blocked` (seat limit or suspension) wins: inactive. Otherwise a user who has not verified the e-mail
 * (accepted the invitation) is invited, a verified one active. Unknown when neither field is present.
 */
export function mapUserStatus(raw: Pick<OpsgenieUser, "blocked" | "verified">): UserStatus | null {
  if (raw.blocked === true) return "inactive";
  if (raw.verified === false) return "invited";
  if (raw.verified === true) return "active";
  return null;
}

/**
 * Opsgenie locales are Java-style ("en_US"); unified `languages` are BCP-47 tags ("en-US"), canonicalised
 * by `Intl`. A locale that is not a valid tag once underscores become hyphens is left out, not guessed.
 */
export function localeToLanguageTag(locale: string | undefined): string[] | undefined {
  const candidate = locale?.trim().replaceAll("_", "-");
  if (!candidate) return undefined;
  // An account has a handful of locales; canonicalising each once keeps the per-user cost flat.
  let tag = canonicalTags.get(candidate);
  if (tag === undefined) {
    try {
      tag = Intl.getCanonicalLocales(candidate)[0] ?? null;
    } catch {
      tag = null;
    }
    if (canonicalTags.size < 1000) canonicalTags.set(candidate, tag);
  }
  return tag ? [tag] : undefined;
}

const canonicalTags = new Map<string, string | null>();

/** Phone numbers from sms/voice contacts, in order, one entry per contact (type = the contact method). */
export function mapPhones(contacts: readonly (OpsgenieContact | OpsgenieUserContact)[]): UserPhone[] {
  const phones: UserPhone[] = [];
  for (const contact of contacts) {
    const method = contactMethodOf(contact).toLowerCase();
    const number = contact.to.trim();
    if (phoneContactMethods.has(method) && number !== "") phones.push({ number, type: method });
  }
  return phones;
}

/** `expand=contact` names the method `contactMethod`; `/contacts` names it `method`. */
function contactMethodOf(contact: OpsgenieContact | OpsgenieUserContact): string {
  const method = typeof contact.contactMethod === "string" ? contact.contactMethod : contact.method;
  return typeof method === "string" ? method : "";
}

function toUtcTimestamp(value: string): string {
  return value.endsWith("Z") ? value : new Date(value).toISOString();
}

// ---------------------------------------------------------------- groups

/**
 * A team. `view` says which call produced it: a `list` item never carries members (Opsgenie's list
 * omits them), so `members` is left out unless present; a `full` team (get) without `members` is empty.
 * The description is kept as Opsgenie gives it ("" stays ""). Opsgenie teams have no timestamps.
 */
export function mapGroup(raw: OpsgenieTeam, view: "list" | "full"): Group {
  const group: Group = {
    id: raw.id,
    name: raw.name,
    description: raw.description ?? null,
    group_type: "team",
    created_at: null,
    updated_at: null,
    remote_data: raw,
  };
  if (raw.members) group.members = raw.members.map(mapGroupMember);
  else if (view === "full") group.members = [];
  return group;
}

/** `role` is a string in Opsgenie: "admin", "user" or a custom team role's name; kept as is. */
export function mapGroupMember(member: OpsgenieTeamMember): GroupMember {
  return { id: member.user.id, username: member.user.username ?? null, role: member.role ?? null };
}

// ---------------------------------------------------------------- roles

export function mapBuiltinRole(role: OpsgenieBuiltinRole): Role {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    type: "builtin",
    remote_data: { ...role },
  };
}

/** A custom role: `permissions` are its granted rights, the description names the role it extends. */
export function mapCustomRole(raw: OpsgenieCustomUserRole): Role {
  const role: Role = {
    id: raw.id,
    name: raw.name,
    description: raw.extendedRole ? `Custom role extending ${raw.extendedRole}` : null,
    type: "custom",
    remote_data: raw,
  };
  if (raw.grantedRights) role.permissions = [...raw.grantedRights];
  return role;
}

// ---------------------------------------------------------------- account: license, organization

/** The stable id of the account's only license: the plan's seats. */
export const opsgenieLicenseId = "plan";

/**
 * Opsgenie has one seat pool per account: the plan. Seats total = `plan.maxUserCount`, in use =
 * `userCount`. Every plan except "Free" (case-insensitive) is paid.
 */
export function mapLicense(raw: OpsgenieAccount): License {
  const { plan } = raw;
  const billing = plan.isYearly === undefined ? "" : plan.isYearly ? ", billed yearly" : ", billed monthly";
  return {
    id: opsgenieLicenseId,
    name: plan.name,
    description: `${plan.name} plan${billing}`,
    available_quantity: plan.maxUserCount ?? null,
    assigned_quantity: raw.userCount ?? null,
    is_paid: plan.name.trim().toLowerCase() !== "free",
    status: "active",
    remote_data: raw,
  };
}

/**
 * The account. Opsgenie exposes no account id; the account `name` is its stable, unique identifier
 * (it is the subdomain in `https://<name>.app.opsgenie.com`), so it serves as `id` as well as `name`.
 */
export function mapOrganization(raw: OpsgenieAccount): Organization {
  return { id: raw.name, name: raw.name, pricing_plan: raw.plan.name, remote_data: raw };
}

// ---------------------------------------------------------------- request limits

export interface OpsgenieRateLimitDomain {
  /** Opsgenie's domain name, e.g. "configuration", "search". */
  domain: string;
  /** One token bucket per window, e.g. per minute (60) and per second (1). */
  windows: { limit: number; periodSeconds: number }[];
}

/** `GET /v2/request-limits/` data → the account's buckets per domain. */
export function mapRequestLimits(raw: OpsgenieRequestLimits): OpsgenieRateLimitDomain[] {
  return raw.rateLimits.map((entry) => ({
    domain: entry.domain,
    windows: entry.limits.map((window) => ({ limit: window.limit, periodSeconds: window.periodInSeconds })),
  }));
}
