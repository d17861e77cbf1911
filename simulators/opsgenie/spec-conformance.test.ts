/**
 * Responses validated against the official Opsgenie spec definitions. Where the reference notes and
 * the spec disagree, the reference wins and the deviation is asserted explicitly below.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec, ref, validate } from "../kit/spec-validator.ts";
import { must } from "../kit/test-helpers.ts";
import { call, useSimulator } from "./test-helpers.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The official spec beside the project (`../shared/reference/opsgenie-oas/swagger.json`), if present. */
const SPEC_PATH = path.resolve(REPO_ROOT, "../shared/reference/opsgenie-oas/swagger.json");

const spec = loadSpec(SPEC_PATH);
if (!spec) console.warn(`[opsgenie simulator] skipping spec conformance: ${SPEC_PATH} not found`);

describe.skipIf(!spec)("responses match the official spec definitions", () => {
  const sim = useSimulator({ seed: 7 });
  const check = (definition: string, body: unknown): void => {
    expect(validate(must(spec), ref(definition), body)).toEqual([]);
  };

  it("list users -> ListUsersResponse", async () => {
    const res = await call(sim(), "/v2/users?limit=50");
    check("ListUsersResponse", res.json);
    expect(res.json.data).toHaveLength(50);
  });

  it("get user (with and without expand=contact) -> GetUserResponse", async () => {
    const user = must(sim().directory.sortedUsers("username")[3]);
    check("GetUserResponse", (await call(sim(), `/v2/users/${user.id}`)).json);
    const expanded = await call(sim(), `/v2/users/${user.username}?expand=contact`);
    check("GetUserResponse", expanded.json);
    expect(expanded.json.data.userContacts.length).toBeGreaterThan(0);
  });

  it("list teams: items are Team, envelope is BaseResponse", async () => {
    const res = await call(sim(), "/v2/teams");
    // The spec types the list as BaseResponseWithExpandable (required `expandable`), but every observed
    // fixture in the reference (§4.1) has no `expandable` on team lists, so only the parts are checked.
    check("BaseResponse", res.json);
    expect(validate(must(spec), { type: "array", items: ref("Team") }, res.json.data)).toEqual([]);
    expect(res.json.data[0].members).toBeUndefined();
  });

  it("get team -> GetTeamResponse, members use UserMeta + role string", async () => {
    const team = must([...sim().directory.teams.values()].find((t) => t.members.size > 2));
    const res = await call(sim(), `/v2/teams/${team.id}`);
    check("GetTeamResponse", res.json);
    expect(typeof res.json.data.members[0].role).toBe("string");
  });

  it("custom roles list and get -> ListCustomUserRolesResponse / GetCustomUserRoleResponse", async () => {
    const list = await call(sim(), "/v2/roles");
    check("ListCustomUserRolesResponse", list.json);
    const get = await call(sim(), `/v2/roles/${list.json.data[0].id}`);
    check("GetCustomUserRoleResponse", get.json);
  });

  it("account -> GetAccountInfoResponse", async () => {
    check("GetAccountInfoResponse", (await call(sim(), "/v2/account")).json);
  });

  it("write and error envelopes -> SuccessResponse / ErrorResponse", async () => {
    const created = await call(sim(), "/v2/users", {
      method: "POST",
      body: { username: "spec.check@example.com", fullName: "Spec Check", role: { name: "user" } },
    });
    check("SuccessResponse", created.json);
    check("ErrorResponse", (await call(sim(), "/v2/users/nobody@example.com")).json);
    check(
      "ErrorResponse",
      (await call(sim(), "/v2/users", { method: "POST", key: sim().apiKeys.readOnly, body: {} })).json,
    );
  });

  it("other families: schedules, heartbeats, alerts, incidents, integrations, on-calls", async () => {
    check("ListSchedulesResponse", (await call(sim(), "/v2/schedules")).json);
    check("ListEscalationsResponse", (await call(sim(), "/v2/escalations")).json);
    check("ListHeartbeatResponse", (await call(sim(), "/v2/heartbeats")).json);
    check("ListAlertsResponse", (await call(sim(), "/v2/alerts")).json);
    check("ListIncidentsResponse", (await call(sim(), "/v1/incidents")).json);
    check("ListIntegrationsResponse", (await call(sim(), "/v2/integrations")).json);
    const schedule = must(sim().ops.schedules[0]);
    check("GetOnCallResponse", (await call(sim(), `/v2/schedules/${schedule.id}/on-calls`)).json);
  });
});
