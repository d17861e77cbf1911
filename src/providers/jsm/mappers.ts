import type { Group, GroupMember } from "../../core/models/group.ts";
import type { License } from "../../core/models/license.ts";
import type { Organization } from "../../core/models/organization.ts";
import type { Role } from "../../core/models/role.ts";
import type { User } from "../../core/models/user.ts";
import type { JsmBuiltinRole } from "./roles.ts";
import type {
  JsmAdminUser,
  JsmApplicationRole,
  JsmCustomRole,
  JsmOpsTeam,
  JsmPlatformTeam,
  JsmTeamMember,
  JsmUser,
} from "./schemas.ts";

/**
 * Pure mappers from parsed JSM payloads (./schemas.ts) to the unified models (reference §6). Absent scalars
 * become `null`, never invented: Atlassian accounts have no first/last name (the display name is not split),
 * no invited state, no phones, title or timestamps.
 */

/**
 * A Jira user. `email` is the Jira `emailAddress` when the person's privacy settings show it, else the org
 * admin API's e-mail when given; without either, `emails` and `username` are absent. `closed` in the admin
 * API means deleted. `locale` `en_US` becomes the language tag `en-US`.
 */
export function mapUser(raw: JsmUser, admin?: JsmAdminUser): User {
  const email = nonEmpty(raw.emailAddress) ?? nonEmpty(admin?.email);
  const user: User = {
    id: raw.accountId,
    username: email ?? null,
    name: nonEmpty(raw.displayName) ?? null,
    first_name: null,
    last_name: null,
    status: admin?.account_status === "closed" ? "deleted" : raw.active ? "active" : "inactive",
    is_email_verified: null,
    timezone: nonEmpty(raw.timeZone) ?? null,
    title: null,
    avatar: raw.avatarUrls?.["48x48"] ?? null,
    created_at: null,
    updated_at: null,
    remote_data: admin ? { ...raw, admin_user: admin } : raw,
  };
  if (email) user.emails = [{ email, type: "work", is_primary: true }];
  const locale = nonEmpty(raw.locale);
  if (locale) user.languages = [locale.replace(/_/g, "-")];
  return user;
}

/**
 * An ops-enabled team. The name is the ops list's `teamName` (the Teams API's `displayName` when read);
 * `description` only comes from the Teams API. Members carry no role (the Teams API does not expose team
 * admins): `role` is null; `username` is the member's e-mail when known.
 */
export function mapGroup(
  team: JsmOpsTeam,
  detail?: JsmPlatformTeam,
  members?: readonly JsmTeamMember[],
  emails: ReadonlyMap<string, string> = new Map(),
): Group {
  const group: Group = {
    id: team.teamId,
    name: nonEmpty(detail?.displayName) ?? team.teamName,
    description: nonEmpty(detail?.description) ?? null,
    group_type: "team",
    created_at: null,
    updated_at: null,
    remote_data: detail ? { ...team, platform_team: detail } : team,
  };
  if (members) group.members = members.map((m) => mapMember(m, emails));
  return group;
}

function mapMember(member: JsmTeamMember, emails: ReadonlyMap<string, string>): GroupMember {
  return { id: member.accountId, username: emails.get(member.accountId) ?? null, role: null };
}

/** A custom global ops role: its granted rights are its permissions (present only from the detail read). */
export function mapCustomRole(raw: JsmCustomRole): Role {
  const role: Role = {
    id: raw.id,
    name: raw.name,
    description: raw.extendedRole ? `Custom role extending ${raw.extendedRole}` : null,
    type: "custom",
    remote_data: raw,
  };
  if (raw.grantedRights) role.permissions = raw.grantedRights;
  return role;
}

/** A built-in role, synthesised (no API lists them); `remote_data` is Roster's own table entry. */
export function mapBuiltinRole(raw: JsmBuiltinRole): Role {
  return { id: raw.id, name: raw.name, description: raw.description, type: "builtin", remote_data: raw };
}

/**
 * The JSM agent seats (`jira-servicedesk` application role): `available_quantity` is the licence size
 * (`numberOfSeats`), null when seats are unlimited; `assigned_quantity` the agents counted. No plan field
 * says whether seats are paid: `is_paid` is null.
 */
export function mapLicense(raw: JsmApplicationRole): License {
  return {
    id: raw.key,
    name: raw.name,
    description: null,
    available_quantity: raw.hasUnlimitedSeats ? null : (raw.numberOfSeats ?? null),
    assigned_quantity: raw.userCount ?? null,
    is_paid: null,
    status: "active",
    remote_data: raw,
  };
}

/** The site as the organization: its cloudId and host; no API tells the plan, so `pricing_plan` is null. */
export function mapOrganization(cloudId: string, site: string): Organization {
  return { id: cloudId, name: site, pricing_plan: null, remote_data: { cloudId, site } };
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
