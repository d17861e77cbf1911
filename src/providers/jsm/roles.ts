/** A role no API lists (reference §1.2, §6): the global ops roles and the JSM product roles. */
export interface JsmBuiltinRole {
  id: string;
  name: string;
  description: string;
}

/** The built-in roles Roster serves, with stable ids of its own (Atlassian gives them none). */
export const jsmBuiltinRoles: readonly JsmBuiltinRole[] = [
  {
    id: "operations-global-admin",
    name: "Operations global admin",
    description: "Global operations role: manages every team's operations settings.",
  },
  { id: "operations-user", name: "User", description: "Global operations role of every responder." },
  { id: "agent", name: "Agent", description: "JSM product role: an agent seat (jira-servicedesk)." },
  { id: "stakeholder", name: "Stakeholder", description: "JSM product role: receives incident updates." },
  { id: "product-admin", name: "Product admin", description: "JSM product role: administers the product." },
];

/** The built-in role with this id, if any. */
export function findJsmBuiltinRole(id: string): JsmBuiltinRole | undefined {
  return jsmBuiltinRoles.find((role) => role.id === id);
}
