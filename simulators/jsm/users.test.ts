/** What users/search shows: hidden e-mails (recoverable from the admin API for managed accounts) and the non-people mixed in. */
import { describe, expect, it } from "vitest";
import { admin, call, useSimulator } from "./test-helpers.ts";
import { INSTANCE_TIME_ZONE } from "./user-view.ts";

type U = any;

describe("users/search content", () => {
  const sim = useSimulator({ seed: 9, users: 80, teams: 2 });
  const all = async (): Promise<U[]> =>
    (await call(sim(), "/rest/api/3/users/search?maxResults=1000&startAt=0")).json;

  it("mixes people with app, service, customer, inactive and erased accounts", async () => {
    const users = await all();
    const types = new Set(users.map((u) => u.accountType));
    expect(types).toEqual(new Set(["atlassian", "app", "customer"]));
    expect(users.some((u) => u.accountType === "app" && u.appType === "agent")).toBe(true);
    expect(users.some((u) => u.accountType === "app" && u.appType === "service")).toBe(true);
    expect(users.some((u) => u.accountType === "atlassian" && !u.active)).toBe(true);
    const erased = users.find((u) => u.displayName === "Former user");
    expect(erased).toMatchObject({ active: false, emailAddress: null });
    expect(users.some((u) => /^[0-9a-f]{24}$/.test(u.accountId))).toBe(true);
    expect(users.some((u) => u.accountId.startsWith("557058:"))).toBe(true);
  });

  it("hides some e-mails (null) and time zones (instance default); the admin API gives managed ones their e-mail", async () => {
    const users = await all();
    const hidden = users.filter((u) => u.accountType === "atlassian" && u.emailAddress === null && u.active);
    expect(hidden.length).toBeGreaterThan(5);
    expect(users.filter((u) => u.emailAddress).length).toBeGreaterThan(hidden.length);
    const hiddenTz = users.filter((u) => u.locale === null && u.accountType === "atlassian");
    for (const u of hiddenTz) expect(u.timeZone).toBe(INSTANCE_TIME_ZONE);
    const org = await admin(sim(), `/admin/v1/orgs/${sim().orgId}/users`);
    const byId = new Map(org.json.data.map((a: U) => [a.account_id, a.email]));
    const recovered = hidden.filter((u) => byId.has(u.accountId));
    expect(recovered.length).toBeGreaterThan(0);
    for (const u of recovered)
      expect(byId.get(u.accountId)).toBe(sim().directory.accounts.get(u.accountId)?.email);
    // Unmanaged people stay unknown.
    expect(hidden.some((u) => !byId.has(u.accountId))).toBe(true);
  });

  it("/user?accountId= with expand shows the JSM application role of agents only", async () => {
    const agent = [...sim().directory.accounts.values()].find(
      (a) => a.agent && a.accountType === "atlassian",
    );
    const other = [...sim().directory.accounts.values()].find(
      (a) => !a.agent && a.accountType === "atlassian",
    );
    const a = await call(
      sim(),
      `/rest/api/3/user?accountId=${encodeURIComponent(agent?.accountId ?? "")}&expand=applicationRoles`,
    );
    const b = await call(
      sim(),
      `/rest/api/3/user?accountId=${encodeURIComponent(other?.accountId ?? "")}&expand=applicationRoles`,
    );
    expect(a.json.applicationRoles.items).toEqual([
      { key: "jira-servicedesk", name: "Jira Service Management" },
    ]);
    expect(b.json.applicationRoles.items).toEqual([]);
    expect((await call(sim(), "/rest/api/3/user?accountId=nope")).status).toBe(404);
  });

  it("/user/search?query= finds by name, by visible e-mail prefix, and by the exact address of a hidden e-mail", async () => {
    const accounts = [...sim().directory.accounts.values()].filter(
      (a) => a.accountType === "atlassian" && !a.erased,
    );
    const hidden = accounts.find((a) => !a.emailVisible && a.email);
    const visible = accounts.find((a) => a.emailVisible && a.email);
    const ids = async (q: string): Promise<string[]> =>
      (await call(sim(), `/rest/api/3/user/search?query=${encodeURIComponent(q)}`)).json.map(
        (u: { accountId: string }) => u.accountId,
      );
    expect(await ids(hidden?.email ?? "")).toEqual([hidden?.accountId]);
    expect(await ids((hidden?.email ?? "").slice(0, 4))).not.toContain(hidden?.accountId);
    expect(await ids((visible?.email ?? "").split("@")[0] ?? "")).toContain(visible?.accountId);
    expect(await ids(visible?.displayName.toUpperCase() ?? "")).toContain(visible?.accountId);
    expect((await call(sim(), "/rest/api/3/user/search")).status).toBe(400);
  });
});
