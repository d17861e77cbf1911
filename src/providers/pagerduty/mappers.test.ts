import { describe, expect, it } from "vitest";
import { groupSchema, licenseSchema, roleSchema, userSchema } from "../../core/models/index.ts";
import { licenseListResponse } from "./fixtures/licenses.ts";
import { teamGetResponse, teamListResponse, teamMembersResponse } from "./fixtures/teams.ts";
import { userGetResponse, userListResponse } from "./fixtures/users.ts";
import { mapBaseRole, mapGroup, mapLicense, mapPhones, mapUser } from "./mappers.ts";
import { pagerdutyBaseRoles } from "./roles.ts";
import {
  pagerdutyLicenseListResponseSchema,
  pagerdutyTeamMemberSchema,
  pagerdutyTeamResponseSchema,
  pagerdutyTeamSchema,
  pagerdutyUserResponseSchema,
  pagerdutyUserSchema,
} from "./schemas.ts";

const listed = userListResponse.users.map((u) => mapUser(pagerdutyUserSchema.parse(u)));
const [earline, kyler, bjork] = listed;

describe("PagerDuty users", () => {
  it("maps the e-mail to username and primary work e-mail, and the profile fields", () => {
    expect(earline).toMatchObject({
      id: "PXPGF42",
      username: "125.greenholt.earline@graham.name",
      name: "Earline Greenholt",
      first_name: "Earline",
      last_name: "Greenholt",
      emails: [{ email: "125.greenholt.earline@graham.name", type: "work", is_primary: true }],
      status: "active",
      timezone: "America/Lima",
      title: "Director of Engineering",
      avatar: "https://pd-static-assets.pagerduty.com/users/blank-avatar.png",
      created_at: null,
      updated_at: null,
    });
    expect(earline?.remote_data).toEqual(userListResponse.users[0]);
    for (const user of listed) expect(userSchema.parse(user)).toEqual(user);
  });

  it("shows a pending invitation as invited, a one-word name as a first name, a missing time zone as null", () => {
    expect(bjork).toMatchObject({ status: "invited", first_name: "Björk", last_name: null, timezone: null });
    expect(bjork?.username).toBe("Bjork@Example.com");
  });

  it("names the base role as PagerDuty's web app does, and keeps a role it does not know", () => {
    expect(earline?.roles).toEqual([{ id: "admin", name: "Global Admin" }]);
    expect(kyler?.roles).toEqual([{ id: "limited_user", name: "Responder" }]);
    expect(bjork?.roles).toEqual([{ id: "incident_commander", name: "incident_commander" }]);
  });

  it("takes groups from teams (references or full teams) and leaves phones out when only references came", () => {
    expect(earline?.groups).toEqual([{ id: "PQ9K7I8", name: "Engineering" }]);
    expect(kyler?.groups).toEqual([{ id: "PQ9K7I8", name: "Engineering" }]);
    expect(bjork?.groups).toEqual([]);
    expect(earline).not.toHaveProperty("phones");
    expect(kyler).not.toHaveProperty("phones");
  });

  it("reads phones from full contact methods on get: voice and sms with the country code", () => {
    const user = mapUser(pagerdutyUserResponseSchema.parse(userGetResponse).user);
    expect(user.phones).toEqual([
      { number: "+1 5555550100", type: "voice" },
      { number: "+1 5555550199", type: "sms" },
    ]);
    expect(userSchema.parse(user)).toEqual(user);
    expect(mapPhones([])).toEqual([]);
    expect(mapPhones(undefined)).toBeUndefined();
  });
});

describe("PagerDuty teams", () => {
  it("maps a team, without members unless they were read", () => {
    const [engineering, ops] = teamListResponse.teams.map((t) => mapGroup(pagerdutyTeamSchema.parse(t)));
    expect(engineering).toEqual({
      id: "PQ9K7I8",
      name: "Engineering",
      description: "All engineering",
      group_type: "team",
      created_at: null,
      updated_at: null,
      remote_data: teamListResponse.teams[0],
    });
    expect(ops?.description).toBeNull();
    expect(engineering).not.toHaveProperty("members");
  });

  it("maps members with their team role, and the e-mail as username when users were included", () => {
    const members = teamMembersResponse.members.map((m) => pagerdutyTeamMemberSchema.parse(m));
    const group = mapGroup(pagerdutyTeamResponseSchema.parse(teamGetResponse).team, members);
    expect(group.members).toEqual([
      { id: "P0XJYI9", username: null, role: "manager" },
      { id: "PXPGF42", username: "125.greenholt.earline@graham.name", role: "observer" },
    ]);
    expect(groupSchema.parse(group)).toEqual(group);
    expect(mapGroup(pagerdutyTeamSchema.parse(teamListResponse.teams[0]), []).members).toEqual([]);
  });
});

describe("PagerDuty roles and licenses", () => {
  it("serves the 8 base roles with the web app's names", () => {
    const roles = pagerdutyBaseRoles.map(mapBaseRole);
    expect(roles.map((r) => [r.id, r.name])).toEqual([
      ["owner", "Account Owner"],
      ["admin", "Global Admin"],
      ["user", "Manager"],
      ["limited_user", "Responder"],
      ["observer", "Observer"],
      ["read_only_user", "Stakeholder"],
      ["read_only_limited_user", "Limited Stakeholder"],
      ["restricted_access", "Restricted Access"],
    ]);
    for (const role of roles) expect(roleSchema.parse(role)).toMatchObject({ type: "builtin" });
  });

  it("counts a license's total seats as used plus free, null when PagerDuty sets no limit", () => {
    const [full, stakeholder, unlimited] = pagerdutyLicenseListResponseSchema
      .parse(licenseListResponse)
      .licenses.map(mapLicense);
    expect(full).toMatchObject({
      id: "PIP248G",
      name: "Business (Full User)",
      description: "Event Intelligence",
      available_quantity: 5000,
      assigned_quantity: 234,
      is_paid: true,
      status: null,
    });
    expect(stakeholder).toMatchObject({ available_quantity: 5000, assigned_quantity: 48, is_paid: null });
    expect(unlimited).toMatchObject({ available_quantity: null, assigned_quantity: 12, is_paid: true });
    for (const license of [full, stakeholder, unlimited]) licenseSchema.parse(license);
  });
});
