import type { Group, GroupMember } from "../../core/models/group.ts";
import type { License } from "../../core/models/license.ts";
import { splitFullName } from "../../core/models/person-name.ts";
import type { Role } from "../../core/models/role.ts";
import type { User, UserPhone } from "../../core/models/user.ts";
import { findPagerdutyBaseRole, type PagerdutyBaseRole } from "./roles.ts";
import type {
  PagerdutyContactMethod,
  PagerdutyLicense,
  PagerdutyTeam,
  PagerdutyTeamMember,
  PagerdutyUser,
  PagerdutyUserTeam,
} from "./schemas.ts";

/**
 * Pure mappers from parsed PagerDuty payloads (./schemas.ts) to the unified models (core/models). Absent
 * scalars become `null`; collections the call did not return are omitted; `remote_data` is the record as
 * received. PagerDuty users and teams carry no timestamps, locale or verification flag: those stay null.
 */

// ---------------------------------------------------------------- users

/** Phone contact methods and the unified channel name of each (the same names Opsgenie's contacts use). */
const phoneChannels: Record<string, string> = { phone_contact_method: "voice", sms_contact_method: "sms" };

/**
 * A user. `email` is the login, so it is the username and the primary work e-mail. A pending invitation
 * (`invitation_sent`) is `invited`; every other listed user is `active` (PagerDuty has no disabled users:
 * removing one deletes it). The base role is one of the built-in roles. `groups` come from `teams` and
 * `phones` from full contact methods, each only when the call included them.
 */
export function mapUser(raw: PagerdutyUser): User {
  const { firstName, lastName } = splitFullName(raw.name);
  const user: User = {
    id: raw.id,
    username: raw.email,
    name: raw.name,
    first_name: firstName,
    last_name: lastName,
    emails: [{ email: raw.email, type: "work", is_primary: true }],
    status: raw.invitation_sent === true ? "invited" : "active",
    is_email_verified: null,
    timezone: raw.time_zone ?? null,
    title: raw.job_title ?? null,
    avatar: raw.avatar_url ?? null,
    created_at: null,
    updated_at: null,
    remote_data: raw,
  };
  if (raw.role) {
    const base = findPagerdutyBaseRole(raw.role);
    user.roles = [{ id: raw.role, name: base?.name ?? raw.role }];
  }
  if (raw.teams) user.groups = raw.teams.map(mapUserTeam);
  const phones = mapPhones(raw.contact_methods);
  if (phones) user.phones = phones;
  return user;
}

function mapUserTeam(team: PagerdutyUserTeam): { id: string; name: string | null } {
  return { id: team.id, name: team.name ?? team.summary ?? null };
}

/**
 * Phone numbers of full contact methods, in order, as `+<country code> <number>` with the channel
 * (`voice` or `sms`) as type. Undefined when the methods are only references (the call did not include
 * them), so `phones` is left out rather than claimed empty.
 */
export function mapPhones(methods: readonly PagerdutyContactMethod[] | undefined): UserPhone[] | undefined {
  if (!methods || methods.some((m) => m.type.endsWith("_reference"))) return undefined;
  const phones: UserPhone[] = [];
  for (const method of methods) {
    const channel = phoneChannels[method.type];
    const address = method.address?.trim() ?? "";
    if (!channel || address === "") continue;
    const number = method.country_code === undefined ? address : `+${method.country_code} ${address}`;
    phones.push({ number, type: channel });
  }
  return phones;
}

// ---------------------------------------------------------------- groups

/**
 * A team. `members` is set when the call read them (`/teams/{id}/members`), else left out. PagerDuty teams
 * have no timestamps.
 */
export function mapGroup(raw: PagerdutyTeam, members?: readonly PagerdutyTeamMember[]): Group {
  const group: Group = {
    id: raw.id,
    name: raw.name,
    description: raw.description ?? null,
    group_type: "team",
    created_at: null,
    updated_at: null,
    remote_data: raw,
  };
  if (members) group.members = members.map(mapGroupMember);
  return group;
}

/** The member's user id, e-mail as username (known when the members call included users) and team role. */
export function mapGroupMember(member: PagerdutyTeamMember): GroupMember {
  return { id: member.user.id, username: member.user.email ?? null, role: member.role ?? null };
}

// ---------------------------------------------------------------- roles

export function mapBaseRole(role: PagerdutyBaseRole): Role {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    type: "builtin",
    remote_data: { ...role },
  };
}

// ---------------------------------------------------------------- licenses

/**
 * A license of `/licenses`. `available_quantity` is the unified model's total seats: seats in use
 * (`current_value`) plus seats still free (`allocations_available`); null when PagerDuty sets no limit
 * (`allocations_available: null`) or omits either count. `assigned_quantity` = `current_value`. Full-user
 * licenses are paid seats; whether a stakeholder license is paid depends on the contract, so it is null.
 * PagerDuty gives licenses no status: null.
 */
export function mapLicense(raw: PagerdutyLicense): License {
  const used = raw.current_value;
  const free = raw.allocations_available;
  return {
    id: raw.id,
    name: raw.name,
    description: raw.description ?? null,
    available_quantity: used !== undefined && typeof free === "number" ? used + free : null,
    assigned_quantity: used ?? null,
    is_paid: raw.role_group === "FullUser" ? true : null,
    status: null,
    remote_data: raw,
  };
}
