/**
 * PagerDuty's base roles (reference/pagerduty-api.md §1.2): the API `role` of a user and the name the web
 * app shows for it. PagerDuty has no endpoint listing roles and no custom base roles, so they are declared
 * here; the id is the API value, the name the UI's. The descriptions summarise PagerDuty's "User roles"
 * knowledge-base page; `documentation` points there. `builtIn: true` is Roster's marker, not a PagerDuty field.
 */
export interface PagerdutyBaseRole {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly documentation: string;
  readonly builtIn: true;
}

const documentation = "https://support.pagerduty.com/main/docs/user-roles";

const role = (id: string, name: string, description: string): PagerdutyBaseRole => ({
  id,
  name,
  description,
  documentation,
  builtIn: true,
});

export const pagerdutyBaseRoles: readonly PagerdutyBaseRole[] = Object.freeze([
  role(
    "owner",
    "Account Owner",
    "Every right of a Global Admin, plus billing and the account itself. One user per account.",
  ),
  role(
    "admin",
    "Global Admin",
    "Manages the account's settings, users and every object (services, escalation policies, schedules, teams); not billing.",
  ),
  role(
    "user",
    "Manager",
    "Creates and edits services, escalation policies, schedules and teams, and responds to incidents; does not manage users or account settings.",
  ),
  role(
    "limited_user",
    "Responder",
    "Responds to incidents (acknowledge, reassign, resolve), takes on-call shifts and manages their own profile; views the rest.",
  ),
  role(
    "observer",
    "Observer",
    "Views incidents, services, schedules and escalation policies without acting on them (Advanced Permissions).",
  ),
  role(
    "read_only_user",
    "Stakeholder",
    "Views the account's incidents and service status and subscribes to status updates; never on call. Needs a stakeholder license.",
  ),
  role(
    "read_only_limited_user",
    "Limited Stakeholder",
    "Receives status updates of the business services they subscribe to; sees little else. Needs a stakeholder license.",
  ),
  role(
    "restricted_access",
    "Restricted Access",
    "Sees and acts only on what the teams they belong to own (team-based permissions, Advanced Permissions).",
  ),
]);

/** The base role with this API value ("limited_user"), exactly as PagerDuty spells it. */
export function findPagerdutyBaseRole(id: string): PagerdutyBaseRole | undefined {
  return pagerdutyBaseRoles.find((r) => r.id === id);
}
