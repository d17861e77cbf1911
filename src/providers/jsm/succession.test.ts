import { describe, expect, it } from "vitest";
import type { Role } from "../../core/models/index.ts";
import { jsmBuiltinRoles } from "./roles.ts";
import { succeedsOpsgenie } from "./succession.ts";

const role = (id: string, type: Role["type"] = "builtin"): Role => ({ id, name: id, type, remote_data: {} });

describe("JSM succeeds Opsgenie", () => {
  it("maps Opsgenie's built-in roles per Atlassian's table to roles JSM serves; Observer has no target", () => {
    const served = new Set(jsmBuiltinRoles.map((r) => r.name));
    const mapped = Object.fromEntries(
      ["Owner", "Admin", "User", "Stakeholder", "Observer"].map((id) => [
        id,
        succeedsOpsgenie.mapRole(role(id)),
      ]),
    );
    expect(mapped).toEqual({
      Owner: "Product admin",
      Admin: "Operations global admin",
      User: "User",
      Stakeholder: "Stakeholder",
      Observer: undefined,
    });
    for (const name of Object.values(mapped)) if (name) expect(served.has(name)).toBe(true);
  });

  it("keeps a custom role's name and maps no unknown built-in (nor a prototype key)", () => {
    expect(succeedsOpsgenie.mapRole(role("Escalation manager", "custom"))).toBe("Escalation manager");
    expect(succeedsOpsgenie.mapRole(role("toString"))).toBeUndefined();
  });
});
