/** Authentication and key-kind authorization, with the exact bodies a client would have to handle. */
import { describe, expect, it } from "vitest";
import { must, UUID } from "../kit/test-helpers.ts";
import { deriveApiKeys } from "./auth.ts";
import { call, useSimulator } from "./test-helpers.ts";

describe("authentication", () => {
  const sim = useSimulator({ seed: 11, region: "eu" });

  it("missing header or non-UUID key -> 422 'Key format is not valid!'", async () => {
    for (const key of [null, "not-a-key", "eb243592-faa2-4ba2-a551q-1afdf565c889"]) {
      const res = await call(sim(), "/v2/account", { key });
      expect(res.status).toBe(422);
      expect(res.json).toEqual({
        message: "Key format is not valid!",
        took: expect.any(Number),
        requestId: expect.stringMatching(UUID),
      });
    }
    const wrongScheme = await call(sim(), "/v2/account", {
      key: null,
      headers: { Authorization: `Bearer ${sim().apiKeys.full}` },
    });
    expect(wrongScheme.status).toBe(422);
  });

  it("unknown UUID key -> 401 'Could not authenticate'", async () => {
    const res = await call(sim(), "/v2/account", { key: "00000000-0000-4000-8000-000000000000" });
    expect(res.status).toBe(401);
    expect(res.json.message).toBe("Could not authenticate");
  });

  it("a key of the other region (same seed) is unknown -> 401", async () => {
    const usKeys = deriveApiKeys(11, "us");
    expect(usKeys.full).not.toBe(sim().apiKeys.full);
    const res = await call(sim(), "/v2/users", { key: usKeys.full });
    expect(res.status).toBe(401);
    expect((await call(sim(), "/v2/users")).status).toBe(200);
  });

  it("every response carries X-Request-ID, X-Response-Time (float seconds) and X-RateLimit-State", async () => {
    for (const key of [null, "00000000-0000-4000-8000-000000000000", sim().apiKeys.full]) {
      const res = await call(sim(), "/v2/teams", { key });
      expect(res.headers.get("x-request-id")).toMatch(UUID);
      expect(res.headers.get("x-response-time")).toMatch(/^\d+(\.\d+)?$/);
      expect(res.headers.get("x-ratelimit-state")).toBe("OK");
      expect(typeof res.json.took).toBe("number");
    }
  });

  it("the apiKey option fixes the full-access key", async () => {
    const keys = deriveApiKeys(11, "eu", "11111111-2222-4333-8444-555555555555");
    expect(keys.full).toBe("11111111-2222-4333-8444-555555555555");
  });
});

describe("key kinds -> 403 code 40301", () => {
  const sim = useSimulator({ seed: 12 });
  const newUser = { username: "k@example.com", fullName: "K", role: { name: "user" } };

  it("read-only key: reads work, any write is 403 40301", async () => {
    const { readOnly } = sim().apiKeys;
    expect((await call(sim(), "/v2/users", { key: readOnly })).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", "/v2/users", newUser],
      ["POST", "/v2/teams", { name: "RO" }],
      ["POST", "/v2/alerts", { message: "x" }],
      ["DELETE", `/v2/users/${sim().directory.sortedUsers("username")[1]?.id}`, undefined],
    ] as const) {
      const res = await call(sim(), path, { method, key: readOnly, body });
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({
        code: 40301,
        message: expect.any(String),
        requestId: expect.stringMatching(UUID),
      });
    }
  });

  it("key without configuration access: users, teams, roles, account, schedules... 403; alerts work", async () => {
    const { noConfig } = sim().apiKeys;
    for (const path of [
      "/v2/users",
      "/v2/teams",
      "/v2/roles",
      "/v2/account",
      "/v2/escalations",
      "/v2/schedules",
      "/v2/heartbeats",
      "/v2/integrations",
      "/v1/services",
    ]) {
      const res = await call(sim(), path, { key: noConfig });
      expect(res.status, path).toBe(403);
      expect(res.json.code).toBe(40301);
    }
    expect((await call(sim(), "/v2/alerts", { key: noConfig })).status).toBe(200);
    expect((await call(sim(), "/v1/incidents", { key: noConfig })).status).toBe(200);
  });

  it("team key: account-level calls 403 with the observed message; its own team is readable and writable", async () => {
    const { team } = sim().apiKeys;
    for (const [method, path, body] of [
      ["GET", "/v2/users", undefined],
      ["GET", "/v2/account", undefined],
      ["GET", "/v2/roles", undefined],
      ["GET", "/v2/request-limits/", undefined],
      ["POST", "/v2/teams", { name: "Not Allowed" }],
    ] as const) {
      const res = await call(sim(), path, { method, key: team, body });
      expect(res.status, path).toBe(403);
      expect(res.json).toMatchObject({
        code: 40301,
        message: "Team API Keys are not authorized to perform this action.",
      });
    }
    const own = must(sim().teamKeyTeam);
    expect((await call(sim(), `/v2/teams/${own.id}`, { key: team })).status).toBe(200);
    const other = must([...sim().directory.teams.values()].find((t) => t.id !== own.id));
    const patchOther = await call(sim(), `/v2/teams/${other.id}`, {
      method: "PATCH",
      key: team,
      body: { description: "x" },
    });
    expect(patchOther.status).toBe(403);
    const patchOwn = await call(sim(), `/v2/teams/${own.id}`, {
      method: "PATCH",
      key: team,
      body: { description: "x" },
    });
    expect(patchOwn.status).toBe(200);
  });

  it("API-key-management key cannot create alerts (must use an integration key)", async () => {
    const res = await call(sim(), "/v2/alerts", {
      method: "POST",
      key: sim().apiKeys.keyManagement,
      body: { message: "x" },
    });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({
      code: 40301,
      message: "To perform this action, use an API key from an API integration.",
    });
    expect((await call(sim(), "/v2/users", { key: sim().apiKeys.keyManagement })).status).toBe(200);
  });

  it("unknown route -> 404; wrong method on a known route -> 405", async () => {
    expect((await call(sim(), "/v2/nothing-here")).status).toBe(404);
    expect((await call(sim(), "/v2/account", { method: "DELETE" })).status).toBe(405);
  });
});
