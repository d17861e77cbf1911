/** Authentication and key kinds as a client meets them: header format, regions, revocation, roles, From. */
import { describe, expect, it } from "vitest";
import { startPagerdutySimulator } from "./index.ts";
import { call, control, useSimulator } from "./test-helpers.ts";

const AUTH_FAILED = { error: { message: "Authentication failed", code: 2006 } };

describe("authentication", () => {
  const sim = useSimulator({ seed: 11, users: 40, teams: 3 });

  it("accepts only `Authorization: Token token=<key>` with a live key; anything else is 401 code 2006", async () => {
    expect((await call(sim(), "/users")).status).toBe(200);
    const key = sim().apiKeys.full;
    for (const authorization of [
      `Bearer ${key}`,
      `Token ${key}`,
      `token token=${key}`,
      `Token token=${key}x`,
    ]) {
      const res = await call(sim(), "/users", { key: null, headers: { Authorization: authorization } });
      expect([authorization, res.status, res.json]).toEqual([authorization, 401, AUTH_FAILED]);
    }
    expect((await call(sim(), "/users", { key: null })).json).toEqual(AUTH_FAILED);
  });

  it("the pre-revoked key, and a key revoked at run time, answer 401", async () => {
    expect((await call(sim(), "/abilities", { key: sim().apiKeys.revoked })).status).toBe(401);
    const local = await startPagerdutySimulator({ seed: 12, users: 5, teams: 1 });
    try {
      expect((await call(local, "/abilities")).status).toBe(200);
      expect((await control(local, "POST", "/__sim/keys/revoke", { key: local.apiKeys.full })).status).toBe(
        200,
      );
      expect((await call(local, "/abilities")).json).toEqual(AUTH_FAILED);
      expect(local.revokeKey(local.apiKeys.full)).toBe(false);
    } finally {
      await local.close();
    }
  });

  it("a key is valid in one region only: the EU account refuses the US keys of the same seed", async () => {
    const eu = await startPagerdutySimulator({ seed: 11, region: "eu", users: 5, teams: 1 });
    try {
      expect(eu.apiKeys.full).not.toBe(sim().apiKeys.full);
      expect((await call(eu, "/users", { key: sim().apiKeys.full })).status).toBe(401);
      expect((await call(eu, "/users")).status).toBe(200);
      expect((await call(eu, "/users?limit=1")).json.users[0].html_url).toMatch(
        /^https:\/\/acme-11\.eu\.pagerduty\.com\//,
      );
    } finally {
      await eu.close();
    }
  });

  it("Accept: version 2 or no version header at all is served; an explicit other version is a 400", async () => {
    expect((await call(sim(), "/abilities", { headers: { Accept: "application/json" } })).status).toBe(200);
    const v1 = await call(sim(), "/abilities", {
      headers: { Accept: "application/vnd.pagerduty+json;version=1" },
    });
    expect(v1.status).toBe(400);
    expect(v1.json.error).toMatchObject({ message: "Invalid Input Provided", code: 2001 });
  });
});

describe("what each key kind may do", () => {
  const sim = useSimulator({ seed: 13, users: 40, teams: 3 });
  const newUser = (email: string) => ({ user: { type: "user", name: "New Person", email } });

  it("read-only account key: reads pass, every write is 403 Access Denied (code 2010)", async () => {
    const key = sim().apiKeys.readOnly;
    expect((await call(sim(), "/users", { key })).status).toBe(200);
    const team = [...sim().directory.teams.values()][0];
    const user = [...sim().directory.users.values()][5];
    const writes = [
      call(sim(), "/users", {
        key,
        method: "POST",
        body: newUser("ro@example.com"),
        headers: { From: sim().keyUsers.user.email },
      }),
      call(sim(), `/teams/${team?.id}/users/${user?.id}`, { key, method: "PUT", body: { role: "observer" } }),
      call(sim(), `/users/${user?.id}`, { key, method: "DELETE" }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ message: "Access Denied", code: 2010 });
    }
    expect(sim().directory.findUserByEmail("ro@example.com")).toBeUndefined();
  });

  it("restricted user key: may not list users or teams (403), but reads itself through /users/me", async () => {
    const key = sim().apiKeys.restrictedUser;
    for (const path of ["/users", "/teams", "/licenses"]) {
      const res = await call(sim(), path, { key });
      expect([path, res.status, res.json.error.code]).toEqual([path, 403, 2010]);
    }
    const me = await call(sim(), "/users/me", { key });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ id: sim().keyUsers.restrictedUser.id, role: "restricted_access" });
  });

  it("/users/me needs a user key: an account key is a 400", async () => {
    const res = await call(sim(), "/users/me");
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(2001);
    expect((await call(sim(), "/users/me", { key: sim().apiKeys.user })).json.user.id).toBe(
      sim().keyUsers.user.id,
    );
  });

  it("POST /users with an account key needs From naming a user of the account; a user key does not", async () => {
    const missing = await call(sim(), "/users", { method: "POST", body: newUser("a1@example.com") });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe(2016);
    const stranger = await call(sim(), "/users", {
      method: "POST",
      body: newUser("a2@example.com"),
      headers: { From: "nobody@elsewhere.example" },
    });
    expect(stranger.status).toBe(400);
    const withFrom = await call(sim(), "/users", {
      method: "POST",
      body: newUser("a3@example.com"),
      headers: { From: sim().keyUsers.user.email },
    });
    expect(withFrom.status).toBe(201);
    const byUserKey = await call(sim(), "/users", {
      key: sim().apiKeys.user,
      method: "POST",
      body: newUser("a4@example.com"),
    });
    expect(byUserKey.status).toBe(201);
    expect(byUserKey.json.user).toMatchObject({ email: "a4@example.com", invitation_sent: true });
  });

  it("a user key stops working once its user is deleted", async () => {
    const local = await startPagerdutySimulator({ seed: 14, users: 5, teams: 1 });
    try {
      const key = local.apiKeys.restrictedUser;
      expect((await call(local, "/users/me", { key })).status).toBe(200);
      expect(local.removeUser(local.keyUsers.restrictedUser.id)).toBe(true);
      expect((await call(local, "/users/me", { key })).status).toBe(401);
    } finally {
      await local.close();
    }
  });
});
