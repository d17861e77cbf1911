import { describe, expect, it } from "vitest";
import { roleSchema } from "../../core/models/role.ts";
import { mapBuiltinRole } from "./mappers.ts";
import { findOpsgenieBuiltinRole, isOpsgenieBuiltinRole, opsgenieBuiltinRoles } from "./roles.ts";

describe("Opsgenie built-in roles", () => {
  it("are Owner, Admin, User, Observer and Stakeholder, with id equal to name and a description", () => {
    expect(opsgenieBuiltinRoles.map((role) => role.id)).toEqual([
      "Owner",
      "Admin",
      "User",
      "Observer",
      "Stakeholder",
    ]);
    for (const role of opsgenieBuiltinRoles) {
      expect(role.name).toBe(role.id);
      expect(role.description.length).toBeGreaterThan(20);
      expect(isOpsgenieBuiltinRole(role)).toBe(true);
    }
  });

  it("are found by id or name, case-insensitively, and nothing else is", () => {
    expect(findOpsgenieBuiltinRole("admin")?.id).toBe("Admin");
    expect(findOpsgenieBuiltinRole(" Stakeholder ")?.id).toBe("Stakeholder");
    expect(findOpsgenieBuiltinRole("Incident Commander")).toBeUndefined();
    expect(isOpsgenieBuiltinRole({ id: "x", name: "x" })).toBe(false);
  });

  it("map to valid unified roles of type builtin, keeping the role object as remote_data", () => {
    for (const raw of opsgenieBuiltinRoles) {
      const role = mapBuiltinRole(raw);
      expect(roleSchema.parse(role)).toEqual(role);
      expect(role).toMatchObject({
        id: raw.id,
        name: raw.name,
        description: raw.description,
        type: "builtin",
      });
      expect(role.permissions).toBeUndefined();
      expect(role.remote_data).toEqual(raw);
      expect(role.remote_data).not.toBe(raw);
    }
  });
});
