/**
 * Opsgenie's own vocabulary for the generated directory: user-address shapes, user tags, custom role
 * names and the user and team rights Opsgenie knows. Generic word lists live in `../kit/names.ts`.
 */

/** Postal addresses in Opsgenie's `userAddress` shape. */
export const ADDRESSES = [
  { country: "US", state: "Indiana", city: "Terre Haute", line: "567 Stratford Park", zipCode: "47802" },
  { country: "US", state: "California", city: "San Francisco", line: "1 Market St", zipCode: "94105" },
  { country: "DE", state: "Bayern", city: "München", line: "Leopoldstraße 12", zipCode: "80802" },
  { country: "PL", state: "Mazowieckie", city: "Warszawa", line: "ul. Świętokrzyska 30", zipCode: "00-116" },
  { country: "TR", state: "İstanbul", city: "Kadıköy", line: "Moda Cd. 5", zipCode: "34710" },
  { country: "JP", state: "Tokyo", city: "Shibuya", line: "2-21-1 Shibuya", zipCode: "150-0002" },
] as const;

/** Tags found on Opsgenie users. */
export const USER_TAGS = [
  "oncall",
  "sre",
  "manager",
  "contractor",
  "EMEA",
  "APAC",
  "AMER",
  "ITManager",
] as const;

/** Names of generated custom user roles (a number is appended once the list runs out). */
export const CUSTOM_ROLE_NAMES = [
  "Incident Commander",
  "Responder Lite",
  "Read Only Auditor",
  "NOC Operator",
  "Escalation Manager",
  "Stakeholder Plus",
  "Shift Lead",
  "Support Agent",
] as const;

/** Rights a custom user role can grant or disallow. */
export const USER_RIGHTS = [
  "alert-action",
  "alert-create",
  "alert-delete",
  "alert-delete-note",
  "alert-close",
  "alert-close-all",
  "alert-update-priority",
  "alert-escalate",
  "logs-page-access",
  "reports-access",
  "configure-integrations",
  "manage-schedules",
  "manage-escalations",
  "manage-heartbeats",
] as const;

/** Rights of custom team roles. */
export const TEAM_RIGHTS = [
  "manage-members",
  "edit-team-roles",
  "delete-team-roles",
  "access-reports",
  "edit-escalations",
  "delete-escalations",
  "edit-heartbeats",
  "edit-integrations",
  "edit-schedules",
  "edit-routing-rules",
] as const;

/** Names of generated custom team roles. */
export const TEAM_ROLE_NAMES = ["Incident Lead", "Scheduler", "Observer Member"] as const;
