import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { landOnCallback, type OAuthWorld, startOAuthWorld } from "./oauth-world.ts";

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

  it("the start answers a one-time binding that is not in the consent URL", async () => {
    const { authorizeUrl, binding } = await world.startConsent();
    expect(binding).toMatch(/^[\w-]{43}$/);
    expect(authorizeUrl).not.toContain(binding);
  });

  it("a callback finished in another browser (no binding) links nothing, uses the state up, and the link can start again", async () => {
    const before = await accounts();
    const { authorizeUrl, linkToken } = await world.startConsent();
    const landing = await world.decide(authorizeUrl, "approve");
    const elsewhere = await landOnCallback(world.roster, landing);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.code).toBe("oauth_binding_mismatch");
    expect(elsewhere.message).toContain("finished in the browser that started it");
    expect(await accounts()).toBe(before);
    // The leaked callback URL is now worth nothing, even to the browser holding the binding.
    const late = await world.callback(landing);
    expect(late.status).toBe(400);
    expect(late.html).toContain("already used");
    expect(await accounts()).toBe(before);
    const { authorizeUrl: again } = await world.startOAuth(linkToken);
    expect((await world.callback(await world.decide(again, "approve"))).ok).toBe(true);
    expect(await accounts()).toBe(before + 1);
  });

  it("a wrong binding posted to the complete route is refused in Roster's error shape and links nothing", async () => {
    const before = await accounts();
    const { authorizeUrl, binding } = await world.startConsent();
    const other = await world.startConsent();
    const landing = new URL(await world.decide(authorizeUrl, "approve"));
    const post = (payload: Record<string, unknown>) =>
      world.roster.app.inject({ method: "POST", url: "/link/oauth/complete", payload });
    const state = landing.searchParams.get("state");
    const code = landing.searchParams.get("code");
    // Another consent's binding is as wrong as a made-up one.
    const wrong = await post({ state, code, binding: other.binding });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({
      statusCode: 403,
      error: "Forbidden",
      code: "oauth_binding_mismatch",
      message: expect.stringContaining("browser that started it"),
    });
    expect(wrong.headers["cache-control"]).toBe("no-store");
    // The wrong try used the state up: the right binding is too late, and nothing was linked.
    const right = await post({ state, code, binding });
    expect(right.statusCode).toBe(400);
    expect(right.json()).toMatchObject({
      code: "oauth_state_invalid",
      message: expect.stringContaining("already used"),
    });
    const forged = await post({ state: "forged-state-value", code, binding });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().message).toContain("not started by Roster");
    expect(await accounts()).toBe(before);
  });

  it("the complete route validates its body with clear 4xx answers", async () => {
    const post = (payload: unknown) =>
      world.roster.app.inject({ method: "POST", url: "/link/oauth/complete", payload: payload as object });
    for (const payload of [
      {},
      { state: "s", binding: "b" },
      { state: "s", code: "c", binding: "b", extra: 1 },
      { state: "x".repeat(201), code: "c", binding: "b" },
      { state: "s", code: "c", binding: "" },
    ]) {
      const res = await post(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe("validation_failed");
    }
    const notJson = await world.roster.app.inject({
      method: "POST",
      url: "/link/oauth/complete",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "state=s&code=c",
    });
    expect(notJson.statusCode).toBe(415);
    expect(notJson.json().code).toBe("unsupported_media_type");
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
