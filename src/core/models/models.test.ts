import { describe, expect, it } from "vitest";
import {
  groupSchema,
  isUnifiedResourceName,
  licenseSchema,
  organizationSchema,
  roleSchema,
  unifiedModels,
  unifiedResourceNames,
  userSchema,
} from "./index.ts";

describe("unified models", () => {
  it("maps every resource name of the user directory to its schema", () => {
    expect(unifiedResourceNames).toEqual(["users", "groups", "roles", "licenses", "organizations"]);
    expect(unifiedModels.users).toBe(userSchema);
    expect(unifiedModels.groups).toBe(groupSchema);
    expect(unifiedModels.roles).toBe(roleSchema);
    expect(unifiedModels.licenses).toBe(licenseSchema);
    expect(unifiedModels.organizations).toBe(organizationSchema);
    expect(isUnifiedResourceName("users")).toBe(true);
    expect(isUnifiedResourceName("teams")).toBe(false);
    expect(isUnifiedResourceName("toString")).toBe(false);
  });

  it("accepts a user with only an id, and a complete user", () => {
    expect(userSchema.parse({ id: "u1" })).toEqual({ id: "u1" });
    const full = {
      id: "u1",
      username: "a@example.com",
      name: "A B",
      first_name: "A",
      last_name: "B",
      emails: [{ email: "a@example.com", type: "work", is_primary: true }],
      phones: [{ number: "+1 555 0100", type: "sms" }],
      status: "active",
      is_email_verified: true,
      roles: [{ id: "Admin", name: "Admin" }],
      groups: [{ id: "g1", name: "Team" }],
      timezone: "Europe/Berlin",
      languages: ["de-DE"],
      title: null,
      avatar: null,
      created_at: "2017-12-18T00:52:36.856Z",
      updated_at: null,
      remote_data: { anything: [1, 2] },
    };
    expect(userSchema.parse(full)).toEqual(full);
  });

  it("rejects values outside the contract", () => {
    expect(userSchema.safeParse({}).success).toBe(false);
    expect(userSchema.safeParse({ id: "" }).success).toBe(false);
    expect(userSchema.safeParse({ id: "u1", status: "blocked" }).success).toBe(false);
    expect(userSchema.safeParse({ id: "u1", emails: [{ email: "a@b.c", type: "home" }] }).success).toBe(
      false,
    );
    // Timestamps are ISO-8601 UTC.
    expect(userSchema.safeParse({ id: "u1", created_at: "2017-12-18" }).success).toBe(false);
    expect(userSchema.safeParse({ id: "u1", created_at: "2017-12-18T01:00:00+01:00" }).success).toBe(false);
    expect(groupSchema.safeParse({ id: "g1", name: "G", group_type: "department" }).success).toBe(false);
    expect(roleSchema.safeParse({ id: "r1", name: "R", type: "system" }).success).toBe(false);
    expect(licenseSchema.safeParse({ id: "l1", name: "L", available_quantity: -1 }).success).toBe(false);
    expect(licenseSchema.safeParse({ id: "l1", name: "L", assigned_quantity: 1.5 }).success).toBe(false);
  });

  it("accepts the other models with nulls for absent values and omitted remote_data", () => {
    expect(
      groupSchema.parse({
        id: "g1",
        name: "Team",
        description: null,
        group_type: "team",
        members: [{ id: "u1", username: null, role: "admin" }],
        created_at: null,
        updated_at: null,
      }),
    ).toMatchObject({ id: "g1", members: [{ id: "u1" }] });
    expect(roleSchema.parse({ id: "Admin", name: "Admin", type: "builtin" })).toEqual({
      id: "Admin",
      name: "Admin",
      type: "builtin",
    });
    expect(licenseSchema.parse({ id: "plan", name: "Free", is_paid: false, status: "active" })).toMatchObject(
      {
        is_paid: false,
      },
    );
    expect(organizationSchema.parse({ id: "acme", name: null, pricing_plan: null })).toEqual({
      id: "acme",
      name: null,
      pricing_plan: null,
    });
  });
});
