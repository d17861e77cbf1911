import { describe, expect, it } from "vitest";
import { groupSchema, licenseSchema, roleSchema, userSchema } from "../../core/models/index.ts";
import { jsmCredentialSchema } from "./credentials.ts";
import * as fx from "./fixtures/reference-examples.ts";
import { mapBuiltinRole, mapCustomRole, mapGroup, mapLicense, mapOrganization, mapUser } from "./mappers.ts";
import { jsmBuiltinRoles } from "./roles.ts";
import {
  jsmApplicationRoleSchema,
  jsmCustomRoleSchema,
  jsmOpsTeamSchema,
  jsmPlatformTeamSchema,
  jsmTeamMemberSchema,
  jsmUserSchema,
} from "./schemas.ts";

describe("JSM mappers on the reference's examples", () => {
  it("maps a Jira user without inventing names, with the locale as a language tag", () => {
    const user = mapUser(jsmUserSchema.parse(fx.jiraUser));
    expect(userSchema.parse(user)).toMatchObject({
      id: fx.jiraUser.accountId,
      username: "jane.doe@acme.com",
      name: "Jane Doe",
      first_name: null,
      last_name: null,
      emails: [{ email: "jane.doe@acme.com", type: "work", is_primary: true }],
      status: "active",
      timezone: "Europe/Berlin",
      languages: ["en-US"],
      avatar: "https://avatar-management--avatars.example/48",
    });
    expect(user.remote_data).toEqual(fx.jiraUser);
  });

  it("takes a hidden e-mail from the admin API, and a closed admin account is deleted", () => {
    const hidden = jsmUserSchema.parse({ ...fx.jiraUser, emailAddress: null, active: false });
    expect(mapUser(hidden)).toMatchObject({ username: null, status: "inactive" });
    expect(mapUser(hidden).emails).toBeUndefined();
    const admin = { account_id: fx.jiraUser.accountId, account_status: "closed", email: "jane@acme.com" };
    expect(mapUser(hidden, admin)).toMatchObject({
      username: "jane@acme.com",
      emails: [{ email: "jane@acme.com", type: "work", is_primary: true }],
      status: "deleted",
    });
  });

  it("maps an ops team with its Teams API detail and members without roles", () => {
    const team = jsmOpsTeamSchema.parse(fx.opsTeams.platformTeams[0]);
    const detail = jsmPlatformTeamSchema.parse(fx.platformTeam);
    const members = fx.teamMembers.results.map((m) => jsmTeamMemberSchema.parse(m));
    const emails = new Map([[fx.jiraUser.accountId, "jane.doe@acme.com"]]);
    expect(groupSchema.parse(mapGroup(team, detail, members, emails))).toMatchObject({
      id: "4b26961a-a837-49d2-a1fe-0973013e3c3b",
      name: "Payments On-call",
      description: "Migrated from Opsgenie",
      group_type: "team",
      members: [{ id: fx.jiraUser.accountId, username: "jane.doe@acme.com", role: null }],
    });
    expect(mapGroup(team)).toMatchObject({ name: "On-call", description: null });
  });

  it("maps custom and built-in roles", () => {
    expect(roleSchema.parse(mapCustomRole(jsmCustomRoleSchema.parse(fx.customRole)))).toMatchObject({
      id: "288c1908-0000",
      name: "FinanceRole",
      type: "custom",
      permissions: ["alert-action", "alert-create"],
    });
    const builtins = jsmBuiltinRoles.map(mapBuiltinRole);
    expect(builtins.every((r) => r.type === "builtin")).toBe(true);
    expect(new Set(builtins.map((r) => r.id)).size).toBe(builtins.length);
  });

  it("maps the agent seats: unlimited seats have no available quantity", () => {
    const raw = jsmApplicationRoleSchema.parse(fx.applicationRole);
    expect(licenseSchema.parse(mapLicense(raw))).toMatchObject({
      id: "jira-servicedesk",
      available_quantity: 25,
      assigned_quantity: 18,
      is_paid: null,
      status: "active",
    });
    expect(mapLicense({ ...raw, hasUnlimitedSeats: true }).available_quantity).toBeNull();
    expect(mapOrganization("c1", "acme.atlassian.net")).toMatchObject({ id: "c1", pricing_plan: null });
  });
});

describe("JSM credentials", () => {
  const valid = { site: "acme-2.atlassian.net", email: "jane@acme.com", api_token: "t" };
  it("accepts a site host and refuses anything that could point elsewhere", () => {
    expect(jsmCredentialSchema.safeParse(valid).success).toBe(true);
    for (const site of [
      "acme.atlassian.net.evil.com",
      "evil.com#.atlassian.net",
      "ACME.atlassian.net",
      "10.0.0.1",
    ]) {
      expect(jsmCredentialSchema.safeParse({ ...valid, site }).success, site).toBe(false);
    }
  });
});
