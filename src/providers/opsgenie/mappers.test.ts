import { describe, expect, it } from "vitest";
import { groupSchema } from "../../core/models/group.ts";
import { licenseSchema } from "../../core/models/license.ts";
import { organizationSchema } from "../../core/models/organization.ts";
import { roleSchema } from "../../core/models/role.ts";
import { userSchema } from "../../core/models/user.ts";
import { enterpriseAccountResponse, freeAccountResponse, requestLimitsResponse } from "./fixtures/account.ts";
import { customRoleGetResponse, customRoleListResponse } from "./fixtures/roles.ts";
import { emptyTeamGetResponse, teamGetResponse, teamListResponse } from "./fixtures/teams.ts";
import {
  userContactsResponse,
  userGetResponse,
  userListResponse,
  userTeamsResponse,
} from "./fixtures/users.ts";
import {
  localeToLanguageTag,
  mapCustomRole,
  mapGroup,
  mapLicense,
  mapOrganization,
  mapRequestLimits,
  mapUser,
  mapUserStatus,
} from "./mappers.ts";
import {
  opsgenieAccountResponseSchema,
  opsgenieContactListResponseSchema,
  opsgenieCustomUserRoleListResponseSchema,
  opsgenieCustomUserRoleResponseSchema,
  opsgenieRequestLimitsResponseSchema,
  opsgenieTeamListResponseSchema,
  opsgenieTeamResponseSchema,
  opsgenieUserListResponseSchema,
  opsgenieUserResponseSchema,
  opsgenieUserTeamsResponseSchema,
} from "./schemas.ts";

const users = opsgenieUserListResponseSchema.parse(userListResponse).data;
const fullUser = opsgenieUserResponseSchema.parse(userGetResponse).data;
const userTeams = opsgenieUserTeamsResponseSchema.parse(userTeamsResponse).data;
const contacts = opsgenieContactListResponseSchema.parse(userContactsResponse).data;

function listUser(username: string) {
  const user = users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`fixture has no ${username}`);
  return user;
}

describe("mapUser", () => {
  it("maps a list user field by field and validates against the unified schema", () => {
    const raw = listUser("jane.doe@example.com");
    const user = mapUser(raw);
    expect(userSchema.parse(user)).toEqual(user);
    expect(user).toEqual({
      id: "e07c63f0-dd8c-4ad4-983e-4ee7dc600463",
      username: "jane.doe@example.com",
      name: "jane doe",
      first_name: "jane",
      last_name: "doe",
      emails: [{ email: "jane.doe@example.com", type: "work", is_primary: true }],
      status: "active",
      is_email_verified: true,
      roles: [{ id: "Admin", name: "Admin" }],
      timezone: "Europe/Moscow",
      languages: ["en-US"],
      title: null,
      avatar: null,
      created_at: "2017-12-18T00:52:36.856Z",
      updated_at: null,
      remote_data: raw,
    });
    // A list call fetches neither teams nor contacts: groups and phones are unknown, so omitted.
    expect(user).not.toHaveProperty("groups");
    expect(user).not.toHaveProperty("phones");
  });

  it("keeps the raw user as received in remote_data, unknown fields included", () => {
    const raw = listUser("over.limit@example.com");
    expect(mapUser(raw).remote_data).toEqual(userListResponse.data[4]);
    expect(mapUser(raw).remote_data).toHaveProperty("someFutureField", { kept: true });
  });

  it("splits names at the first space: non-ASCII, three words, one word, extra whitespace", () => {
    expect(mapUser(listUser("jose.muller@example.com"))).toMatchObject({
      name: "José Müller",
      first_name: "José",
      last_name: "Müller",
    });
    expect(mapUser(listUser("mary.smith@example.com"))).toMatchObject({
      name: "Mary Ann Smith",
      first_name: "Mary",
      last_name: "Ann Smith",
    });
    const cher = mapUser(listUser("cher@example.com"));
    expect(cher).toMatchObject({ name: "Cher", first_name: "Cher", last_name: null });
    expect(mapUser(listUser("over.limit@example.com"))).toMatchObject({
      name: "  Over   Limit  ",
      first_name: "Over",
      last_name: "Limit",
    });
    const noName = mapUser({ id: "u1", username: "nobody@example.com" });
    expect(noName).toMatchObject({ name: null, first_name: null, last_name: null });
    expect(userSchema.parse(noName)).toEqual(noName);
  });

  it("derives status: blocked wins (inactive), then unverified (invited), then active", () => {
    expect(mapUser(listUser("over.limit@example.com"))).toMatchObject({
      status: "inactive",
      is_email_verified: false,
    });
    expect(mapUser(listUser("jose.muller@example.com"))).toMatchObject({
      status: "invited",
      is_email_verified: false,
    });
    expect(mapUserStatus({ blocked: true, verified: true })).toBe("inactive");
    expect(mapUserStatus({ blocked: false, verified: true })).toBe("active");
    expect(mapUserStatus({ verified: true })).toBe("active");
    // Neither field present: unknown, not guessed.
    expect(mapUserStatus({})).toBeNull();
    expect(mapUser({ id: "u1", username: "a@example.com" })).toMatchObject({
      status: null,
      is_email_verified: null,
    });
  });

  it("maps a custom role on a user by its id and name, like a built-in one", () => {
    expect(mapUser(listUser("mary.smith@example.com")).roles).toEqual([
      { id: "187f70c4-6f3b-4e0f-9d1c-2a3b4c5d6e7f", name: "Incident Commander" },
    ]);
    expect(mapUser(listUser("cher@example.com")).roles).toEqual([{ id: "Owner", name: "Owner" }]);
    expect(mapUser({ id: "u1", username: "a@example.com" })).not.toHaveProperty("roles");
  });

  it("turns Java locales into BCP-47 language tags and leaves out what is not a tag", () => {
    expect(mapUser(listUser("jose.muller@example.com")).languages).toEqual(["de-DE"]);
    expect(mapUser(listUser("mary.smith@example.com")).languages).toEqual(["en-GB"]);
    expect(localeToLanguageTag("ja_JP")).toEqual(["ja-JP"]);
    expect(localeToLanguageTag("en")).toEqual(["en"]);
    expect(localeToLanguageTag("pt_br")).toEqual(["pt-BR"]);
    expect(localeToLanguageTag("")).toBeUndefined();
    expect(localeToLanguageTag(undefined)).toBeUndefined();
    expect(localeToLanguageTag("not a locale!")).toBeUndefined();
    expect(mapUser({ id: "u1", username: "a@example.com", locale: "??" })).not.toHaveProperty("languages");
  });

  it("maps a full user with expand=contact: sms and voice numbers become phones, email and mobile do not", () => {
    const user = mapUser(fullUser);
    expect(userSchema.parse(user)).toEqual(user);
    expect(user.phones).toEqual([
      { number: "1-9999999999", type: "sms" },
      { number: "1-8888888888", type: "voice" },
    ]);
    expect(user.emails).toEqual([{ email: "john.doe@example.com", type: "work", is_primary: true }]);
    expect(user).toMatchObject({ status: "invited", created_at: "2017-05-12T08:34:12.344Z" });
    expect(user.remote_data).toEqual(userGetResponse.data);
  });

  it("takes phones from the /contacts list shape (method) when given, and groups from the user's teams", () => {
    const user = mapUser(fullUser, { teams: userTeams, contacts });
    expect(userSchema.parse(user)).toEqual(user);
    expect(user.phones).toEqual([
      { number: "+49 30 1234567", type: "voice" },
      { number: "+49 170 7654321", type: "sms" },
    ]);
    expect(user.groups).toEqual([
      { id: "51d69df8-c40b-439e-9808-e1a78e54f91b", name: "Engineering" },
      { id: "63374eee-0b03-42d4-bb8c-50d1fa64827c", name: "Data Science Team" },
    ]);
  });

  it("knows a user with no teams and no phone contacts has empty groups and phones", () => {
    const user = mapUser(listUser("cher@example.com"), {
      teams: [],
      contacts: [{ method: "email", to: "cher@example.com" }],
    });
    expect(user.groups).toEqual([]);
    expect(user.phones).toEqual([]);
  });

  it("normalises a created_at with an offset to UTC", () => {
    const user = mapUser({ id: "u1", username: "a@example.com", createdAt: "2020-01-01T02:00:00+02:00" });
    expect(user.created_at).toBe("2020-01-01T00:00:00.000Z");
    expect(userSchema.parse(user)).toEqual(user);
  });

  it("maps every fixture user to a valid unified user", () => {
    for (const raw of users) expect(userSchema.safeParse(mapUser(raw)).success).toBe(true);
  });
});

describe("mapGroup", () => {
  it("maps a list item without members (omitted: lists do not return them)", () => {
    const [engineering, dataScience] = opsgenieTeamListResponseSchema.parse(teamListResponse).data;
    if (!engineering || !dataScience) throw new Error("fixture");
    const group = mapGroup(engineering, "list");
    expect(groupSchema.parse(group)).toEqual(group);
    expect(group).toEqual({
      id: "51d69df8-c40b-439e-9808-e1a78e54f91b",
      name: "Engineering",
      description: "Engineering",
      group_type: "team",
      created_at: null,
      updated_at: null,
      remote_data: teamListResponse.data[0],
    });
    expect(group).not.toHaveProperty("members");
    // An empty description stays as Opsgenie gives it.
    expect(mapGroup(dataScience, "list").description).toBe("");
  });

  it("maps a full team's members with string roles, a custom team role included", () => {
    const team = opsgenieTeamResponseSchema.parse(teamGetResponse).data;
    const group = mapGroup(team, "full");
    expect(groupSchema.parse(group)).toEqual(group);
    expect(group.members).toEqual([
      { id: "ce544b61-3f2a-4c1d-9e8f-7a6b5c4d3e2f", username: "testuser@example.com", role: "admin" },
      { id: "9ea8f86a-1b2c-4d3e-8f9a-0b1c2d3e4f5a", username: "devtester@example.com", role: "user" },
      {
        id: "7a1c9b52-5c3e-4f0e-8d3a-1b2c3d4e5f60",
        username: "mary.smith@example.com",
        role: "Incident Lead",
      },
    ]);
    expect(group.remote_data).toEqual(teamGetResponse.data);
  });

  it("maps a full team without members to an empty member list and no description to null", () => {
    const team = opsgenieTeamResponseSchema.parse(emptyTeamGetResponse).data;
    const group = mapGroup(team, "full");
    expect(groupSchema.parse(group)).toEqual(group);
    expect(group.members).toEqual([]);
    expect(group.description).toBeNull();
  });

  it("keeps a member without username or role as null, not invented", () => {
    const group = mapGroup({ id: "t1", name: "T", members: [{ user: { id: "u1" } }] }, "full");
    expect(group.members).toEqual([{ id: "u1", username: null, role: null }]);
  });
});

describe("mapCustomRole", () => {
  it("maps a custom role: type custom, permissions from grantedRights, description from extendedRole", () => {
    const [commander, viewer] = opsgenieCustomUserRoleListResponseSchema.parse(customRoleListResponse).data;
    if (!commander || !viewer) throw new Error("fixture");
    const role = mapCustomRole(commander);
    expect(roleSchema.parse(role)).toEqual(role);
    expect(role).toEqual({
      id: "187f70c4-6f3b-4e0f-9d1c-2a3b4c5d6e7f",
      name: "Incident Commander",
      description: "Custom role extending user",
      type: "custom",
      permissions: ["alert-action", "alert-create", "alert-close", "alert-escalate"],
      remote_data: customRoleListResponse.data[0],
    });
    expect(mapCustomRole(viewer)).toMatchObject({
      description: "Custom role extending stakeholder",
      permissions: [],
    });
  });

  it("has a null description without extendedRole, and no permissions when rights are not given", () => {
    const raw = opsgenieCustomUserRoleResponseSchema.parse(customRoleGetResponse).data;
    expect(mapCustomRole(raw)).toMatchObject({ description: null, permissions: ["logs-page-access"] });
    expect(mapCustomRole({ id: "r1", name: "Bare" })).not.toHaveProperty("permissions");
  });
});

describe("mapLicense and mapOrganization", () => {
  const enterprise = opsgenieAccountResponseSchema.parse(enterpriseAccountResponse).data;
  const free = opsgenieAccountResponseSchema.parse(freeAccountResponse).data;

  it("maps the account's plan to one license with a stable id", () => {
    const license = mapLicense(enterprise);
    expect(licenseSchema.parse(license)).toEqual(license);
    expect(license).toEqual({
      id: "plan",
      name: "Enterprise",
      description: "Enterprise plan, billed yearly",
      available_quantity: 1500,
      assigned_quantity: 1450,
      is_paid: true,
      status: "active",
      remote_data: enterpriseAccountResponse.data,
    });
  });

  it("treats the Free plan as unpaid, case-insensitively", () => {
    const license = mapLicense(free);
    expect(licenseSchema.parse(license)).toEqual(license);
    expect(license).toMatchObject({
      id: "plan",
      name: "FREE",
      is_paid: false,
      available_quantity: 5,
      assigned_quantity: 3,
      description: "FREE plan, billed monthly",
    });
  });

  it("leaves seat counts null when Opsgenie does not give them", () => {
    const license = mapLicense({ name: "acme", plan: { name: "Standard" } });
    expect(license).toMatchObject({
      available_quantity: null,
      assigned_quantity: null,
      is_paid: true,
      description: "Standard plan",
    });
    expect(licenseSchema.parse(license)).toEqual(license);
  });

  it("maps the account to an organization identified by the account name", () => {
    const organization = mapOrganization(enterprise);
    expect(organizationSchema.parse(organization)).toEqual(organization);
    expect(organization).toEqual({
      id: "opsgenie",
      name: "opsgenie",
      pricing_plan: "Enterprise",
      remote_data: enterpriseAccountResponse.data,
    });
    expect(mapOrganization(free)).toMatchObject({ id: "acme", pricing_plan: "FREE" });
  });
});

describe("mapRequestLimits", () => {
  it("turns the request-limits payload into windows per domain", () => {
    const raw = opsgenieRequestLimitsResponseSchema.parse(requestLimitsResponse).data;
    expect(mapRequestLimits(raw)).toEqual([
      {
        domain: "configuration",
        windows: [
          { limit: 600, periodSeconds: 60 },
          { limit: 30, periodSeconds: 1 },
        ],
      },
      {
        domain: "search",
        windows: [
          { limit: 300, periodSeconds: 60 },
          { limit: 10, periodSeconds: 1 },
        ],
      },
    ]);
  });
});
