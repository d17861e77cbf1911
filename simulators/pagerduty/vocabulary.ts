/**
 * PagerDuty's fixed vocabulary (reference §1.2-§1.4): base roles, team roles, the two license kinds, account
 * abilities, schedule colours and the titles generated people carry.
 */

/** The 8 base roles of the API (`user.role`); the UI names are in the comments. */
export const BASE_ROLES = [
  "owner", // Account Owner
  "admin", // Global Admin
  "user", // Manager
  "limited_user", // Responder
  "observer", // Observer
  "read_only_user", // (Full) Stakeholder
  "read_only_limited_user", // Limited Stakeholder
  "restricted_access", // Restricted Access
] as const;
export type BaseRole = (typeof BASE_ROLES)[number];

/** Base roles that need the `read_only_users` ability (reference §1.2). */
export const READ_ONLY_ROLES: readonly BaseRole[] = ["read_only_user", "read_only_limited_user"];

/** Base roles whose user keys may change the directory (create/update/delete users and teams). */
export const ADMIN_ROLES: readonly BaseRole[] = ["owner", "admin"];

/**
 * Base roles whose user keys may not read the account's directory (list users, teams, licenses): a
 * restricted-access user sees only what their teams grant [unverified: the exact set of refused reads].
 */
export const DIRECTORY_BLIND_ROLES: readonly BaseRole[] = ["restricted_access"];

/** A user's role on a team (reference §1.3). */
export const TEAM_ROLES = ["manager", "responder", "observer"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The license kinds of Flexible Licensing (reference §1.4). */
export const LICENSE_KINDS = [
  {
    name: "Business (Full User)",
    description: "Full user seats: respond to incidents and configure the account",
    roleGroup: "FullUser",
    validRoles: ["owner", "admin", "user", "limited_user", "observer", "restricted_access"],
  },
  {
    name: "Business (Stakeholder)",
    description: "",
    roleGroup: "Stakeholder",
    validRoles: ["read_only_user", "read_only_limited_user"],
  },
] as const satisfies readonly {
  name: string;
  description: string;
  roleGroup: "FullUser" | "Stakeholder";
  validRoles: readonly BaseRole[];
}[];

/**
 * Abilities an account has by default (`GET /abilities`). `teams`, `read_only_users`, `urgencies`,
 * `service_support_hours` and `coordinated_responding` are named in the spec; `audit_records` gating
 * `/audit/records` (402 without it) is [unverified].
 */
export const DEFAULT_ABILITIES = [
  "teams",
  "read_only_users",
  "urgencies",
  "service_support_hours",
  "coordinated_responding",
  "audit_records",
] as const;

/** Schedule colours (`user.color`). */
export const COLORS = [
  "green",
  "red",
  "blue",
  "purple",
  "orange",
  "teal",
  "brown",
  "cayenne",
  "dark-slate-blue",
  "forest-green",
  "indigo",
  "violet",
] as const;

/** Job titles (`user.job_title`, at most 100 characters). */
export const JOB_TITLES = [
  "Site Reliability Engineer",
  "Senior Software Engineer",
  "Software Engineer",
  "Engineering Manager",
  "Director of Engineering",
  "Support Engineer",
  "Platform Engineer",
  "Security Engineer",
  "Database Administrator",
  "Network Engineer",
  "Product Manager",
  "Incident Commander",
  "VP of Engineering",
  "Customer Success Manager",
] as const;
