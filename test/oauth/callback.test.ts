import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OAuthWorld, startOAuthWorld } from "./oauth-world.ts";

describe.each(testDatabases)("OAuth callback refusals ($name)", (database) => {
  let world: OAuthWorld;
  beforeAll(async () => {
    world = await startOAuthWorld(await database.create());
  });
  afterAll(() => world?.close());

  const accounts = async () => (await world.get("/integrated-account?limit=100")).body.result.length;

  it("a forged state is refused with a clear page and links nothing", async () => {
    const { authorizeUrl } = await world.startConsent();
    const landing = new URL(await world.decide(authorizeUrl, "approve"));
    landing.searchParams.set("state", "forged-state-value");
    const page = await world.callback(landing.toString());
    expect(page.status).toBe(400);
    expect(page.code).toBe("oauth_state_invalid");
    expect(page.html).toContain("was not started by Roster");
    const missing = await world.callback("/link/oauth/callback?code=abc");
    expect(missing.status).toBe(400);
    expect(missing.code).toBe("oauth_state_invalid");
    expect(await accounts()).toBe(0);
  });

  it("a replayed callback is refused: the state is single use", async () => {
    const { authorizeUrl } = await world.startConsent();
    const landing = await world.decide(authorizeUrl, "approve");
    const first = await world.callback(landing);
    expect(first.ok).toBe(true);
    const replay = await world.callback(landing);
    expect(replay.status).toBe(400);
    expect(replay.code).toBe("oauth_state_invalid");
    expect(replay.html).toContain("already used");
    expect(await accounts()).toBe(1);
  });

  it("a state is bound to its link token: once that link linked an account, another state of it fails", async () => {
    const { linkToken, authorizeUrl: firstUrl } = await world.startConsent();
    const { authorizeUrl } = await world.startOAuth(linkToken);
    expect((await world.callback(await world.decide(firstUrl, "approve"))).ok).toBe(true);
    const late = await world.callback(await world.decide(authorizeUrl, "approve"));
    expect(late.status).toBe(410);
    expect(late.code).toBe("link_token_used");
  });

  it("a denied consent shows a clear page and leaves the link usable", async () => {
    const before = await accounts();
    const { authorizeUrl, linkToken } = await world.startConsent();
    const page = await world.callback(await world.decide(authorizeUrl, "deny"));
    expect(page.status).toBe(400);
    expect(page.code).toBe("oauth_denied");
    expect(page.html).toContain("Access was not granted");
    expect(await accounts()).toBe(before);
    const session = await world.roster.app.inject({ url: `/link-token/${linkToken}/session` });
    expect(session.statusCode).toBe(200);
  });

  it("OAuth is refused for an integration without a configured client", async () => {
    const link = await world.roster.app.inject({
      method: "POST",
      url: "/link-token",
      headers: world.roster.auth,
      payload: { tenant_id: "customer-1" },
    });
    const res = await world.roster.app.inject({
      method: "POST",
      url: `/link-token/${link.json().link_token}/oauth`,
      payload: { integration: "opsgenie" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("unsupported_operation");
  });
});
