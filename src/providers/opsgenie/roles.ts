/**
 * Opsgenie's built-in account roles (reference/opsgenie-api.md §5.1). `GET /v2/roles` lists only custom
 * roles, so the built-ins are declared here. Users show them as `{ id: "Admin", name: "Admin" }` (id equal
 * to name in every public fixture), so the id is the name. The objects are shaped like Opsgenie's role
 * records so that `remote_data` of a built-in role says what it is; `builtIn: true` is Roster's marker,
 * not an Opsgenie field. Opsgenie does not expose the rights of built-in roles as right strings, so there are none here;
 * the descriptions summarise Opsgenie's "Learn user roles and permissions" page.
 */
export interface OpsgenieBuiltinRole {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Where Opsgenie documents the role's rights. */
  readonly documentation: string;
  readonly builtIn: true;
}

const documentation = "https://support.atlassian.com/opsgenie/docs/learn-user-roles-and-permissions/";

export const opsgenieBuiltinRoles: readonly OpsgenieBuiltinRole[] = Object.freeze([
  {
    id: "Owner",
    name: "Owner",
    description:
      "Account owner: every right of Admin, plus the subscription, billing and the owner role itself. An account has at least one owner.",
    documentation,
    builtIn: true,
  },
  {
    id: "Admin",
    name: "Admin",
    description:
      "Manages every account setting, all configurations (teams, escalations, schedules, integrations, policies...) and all users except owners; not the subscription.",
    documentation,
    builtIn: true,
  },
  {
    id: "User",
    name: "User",
    description:
      "Default user (responder): creates alerts and acts on them, manages their own profile, contacts and notification rules; sees only the configurations they are part of.",
    documentation,
    builtIn: true,
  },
  {
    id: "Observer",
    name: "Observer",
    description:
      "Legacy role (accounts from before November 2018 with Mass Notification): receives mass notifications and manages their own profile and contacts; a base role custom roles can extend.",
    documentation,
    builtIn: true,
  },
  {
    id: "Stakeholder",
    name: "Stakeholder",
    description:
      "Is kept informed about incidents: receives stakeholder notifications, views service status pages, manages their own profile and contacts; does not respond to alerts.",
    documentation,
    builtIn: true,
  },
] as const satisfies readonly OpsgenieBuiltinRole[]);

/**
 * Finds a built-in role by id or name, case-insensitively ("admin", "Admin"). Opsgenie matches role
 * names case-insensitively on writes, and some tenants may use opaque ids, so callers should match by name.
 */
export function findOpsgenieBuiltinRole(idOrName: string): OpsgenieBuiltinRole | undefined {
  const wanted = idOrName.trim().toLowerCase();
  return opsgenieBuiltinRoles.find(
    (role) => role.id.toLowerCase() === wanted || role.name.toLowerCase() === wanted,
  );
}

export function isOpsgenieBuiltinRole(value: unknown): value is OpsgenieBuiltinRole {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { builtIn?: unknown }).builtIn === true &&
    typeof (value as { id?: unknown }).id === "string" &&
    typeof (value as { name?: unknown }).name === "string"
  );
}
