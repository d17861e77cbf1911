import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsmSimulator, startJsmSimulator } from "../../simulators/jsm/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import { decide, landOnCallback } from "./oauth-world.ts";

describe.each(testDatabases)("JSM over Atlassian OAuth 2.0 (3LO) ($name)", (database) => {
  let sim: JsmSimulator;
  let roster: TestRoster;
  let accountId: string;
  beforeAll(async () => {
    sim = await startJsmSimulator({ users: 20, teams: 3 });
    roster = await startTestRoster({
      databaseUrl: await database.create(),
      env: {
        JSM_SITE_BASE_URL: "http://127.0.0.1:9",
        JSM_API_BASE_URL: sim.url,
        JSM_OAUTH_CLIENT_ID: sim.oauthClient.clientId,
        JSM_OAUTH_CLIENT_SECRET: sim.oauthClient.clientSecret,
        JSM_OAUTH_BASE_URL: sim.url,
        ROSTER_JOBS: "off",
      },
    });
  });
  afterAll(async () => {
    await roster?.close();
    await sim?.close();
  });

  const get = async (url: string) => {
    const res = await roster.app.inject({ url, headers: roster.auth });
    return { status: res.statusCode, body: res.json() };
  };

  it("links the consented site (cloud id from accessible-resources) and reads users through /ex/jira", async () => {
    const link = await roster.app.inject({
      method: "POST",
      url: "/link-token",
      headers: roster.auth,
      payload: { tenant_id: "t-1", integration: "jsm" },
    });
    const start = await roster.app.inject({
      method: "POST",
      url: `/link-token/${link.json().link_token}/oauth`,
      payload: { integration: "jsm" },
    });
    const authorizeUrl = new URL(start.json().authorize_url);
    expect(authorizeUrl.searchParams.get("audience")).toBe("api.atlassian.com");
    expect(authorizeUrl.searchParams.get("code_challenge")).toBeNull();
    expect(authorizeUrl.searchParams.get("scope")).toContain("offline_access");
    const page = await landOnCallback(
      roster,
      await decide(authorizeUrl.toString(), "approve"),
      start.json().binding,
    );
    expect(page.code).toBe("connected");
    accountId = page.integrated_account_id ?? "";

    const users = await get(`/unified/user-directory/users?integrated_account_id=${accountId}&limit=5`);
    expect(users.status).toBe(200);
    expect(users.body.result.length).toBeGreaterThan(0);
  });

  it("serves groups without members and says why in warnings (no Teams API with 3LO)", async () => {
    const groups = await get(
      `/unified/user-directory/groups?integrated_account_id=${accountId}&include=members`,
    );
    expect(groups.status).toBe(200);
    expect(groups.body.result.length).toBeGreaterThan(0);
    expect(groups.body.result[0].members).toBeUndefined();
    expect(groups.body.warnings).toEqual([
      expect.objectContaining({
        code: "resource_not_permitted",
        message: expect.stringMatching(/Teams API/),
      }),
    ]);
    expect((await get(`/integrated-account/${accountId}`)).body.status).toBe("active");
  });

  it("refreshes the hour-long access token and keeps working", async () => {
    sim.oauth.expireAccessTokens();
    const users = await get(`/unified/user-directory/users?integrated_account_id=${accountId}&limit=5`);
    expect(users.status).toBe(200);
    expect(sim.oauth.stats().refreshes).toBe(1);
  });
});
