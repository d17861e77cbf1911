import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpsgenieSimulator, startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import { rotateMasterKey } from "../../src/vault/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type RecordingProxy, startRecordingProxy } from "../helpers/recording-proxy.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";

/*
 * Live reads keep the account and its decrypted key in memory between calls. These tests make that cache outlive
 * them (a TTL of a minute), so only the drop on each change can explain what the simulator receives next.
 */
const longTtl = { ROSTER_ACCOUNT_CACHE_TTL_MS: "60000" };

describe.each(testDatabases)("the cached account and credential on $name", (database) => {
  let sim: OpsgenieSimulator;
  let proxy: RecordingProxy;
  let roster: TestRoster;

  beforeAll(async () => {
    sim = await startOpsgenieSimulator({ region: "us", users: 30, teams: 3 });
    proxy = await startRecordingProxy(sim.url);
    roster = await startTestRoster({
      databaseUrl: await database.create(),
      env: { ...longTtl, OPSGENIE_US_BASE_URL: proxy.url, OPSGENIE_EU_BASE_URL: "http://127.0.0.1:9" },
    });
  });
  afterAll(async () => {
    await roster.close();
    await proxy.close();
    await sim.close();
  });

  const call = async (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: object) => {
    const res = await roster.app.inject({ method, url, headers: roster.auth, payload });
    return { status: res.statusCode, body: res.json() as any };
  };
  const link = async (apiKey: string) => {
    const res = await call("POST", "/integrated-account", {
      integration: "opsgenie",
      tenant_id: "cache",
      context: { api_key: apiKey, region: "us" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const readUsers = (account: string) =>
    call("GET", `/unified/user-directory/users?integrated_account_id=${account}&limit=5`);
  /** The key the simulator received with the last user list read. */
  const lastListKey = () =>
    proxy.received.filter((r) => r.path.startsWith("/v2/users?")).at(-1)?.authorization;

  it("serves repeated reads with the key it holds, and a PATCH with a new key is used by the next read", async () => {
    const account = await link(sim.apiKeys.full);
    expect((await readUsers(account)).status).toBe(200);
    expect((await readUsers(account)).status).toBe(200);
    expect(lastListKey()).toBe(`GenieKey ${sim.apiKeys.full}`);

    const patched = await call("PATCH", `/integrated-account/${account}`, {
      context: { api_key: sim.apiKeys.readOnly },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await readUsers(account)).status).toBe(200);
    expect(lastListKey()).toBe(`GenieKey ${sim.apiKeys.readOnly}`);
  });

  it("answers 404 at once after a DELETE", async () => {
    const account = await link(sim.apiKeys.full);
    expect((await readUsers(account)).status).toBe(200);
    expect((await call("DELETE", `/integrated-account/${account}`)).status).toBe(200);
    const after = await readUsers(account);
    expect(after.status).toBe(404);
    expect(after.body.code).toBe("not_found");
  });

  it("uses the new key at once after a reconnect through a link token", async () => {
    const account = await link(sim.apiKeys.full);
    expect((await readUsers(account)).status).toBe(200);
    const token = await call("POST", "/link-token", { tenant_id: "cache", integrated_account_id: account });
    expect(token.status).toBe(201);
    const connected = await roster.app.inject({
      method: "POST",
      url: `/link-token/${token.body.link_token}/connect`,
      payload: { integration: "opsgenie", context: { api_key: sim.apiKeys.readOnly } },
    });
    expect(connected.statusCode, connected.body).toBe(201);
    expect((await readUsers(account)).status).toBe(200);
    expect(lastListKey()).toBe(`GenieKey ${sim.apiKeys.readOnly}`);
  });

  it("re-reads the account after a master key rotation", async () => {
    const account = await link(sim.apiKeys.full);
    expect((await readUsers(account)).status).toBe(200);
    // A change the cache is not told of (written straight to the store), then a rotation: the next read must
    // come from the store again, so it carries the new key.
    const { vault, accounts, defaultEnvironmentId } = roster.context;
    const row = await accounts.getWithSecret(defaultEnvironmentId, account);
    if (!row) throw new Error("account row missing");
    const sealed = vault.sealJson(
      { ...vault.openJson<Record<string, string>>(row.credentials, account), api_key: sim.apiKeys.readOnly },
      account,
    );
    await accounts.update(defaultEnvironmentId, account, {
      credentials: sealed.sealed,
      credentials_key_id: sealed.keyId,
    });
    expect((await readUsers(account)).status).toBe(200);
    expect(lastListKey()).toBe(`GenieKey ${sim.apiKeys.full}`);

    const rotation = await rotateMasterKey(vault, [accounts]);
    expect(rotation.rewrapped).toBeGreaterThan(0);
    expect((await readUsers(account)).status).toBe(200);
    expect(lastListKey()).toBe(`GenieKey ${sim.apiKeys.readOnly}`);
  });

  it("refuses a cached account to a token of another environment", async () => {
    const account = await link(sim.apiKeys.full);
    expect((await readUsers(account)).status).toBe(200);
    const staging = await new EnvironmentRepository(roster.context.store.db).ensure("cache-staging");
    const other = { authorization: `Bearer ${(await roster.context.tokens.create(staging.id)).token}` };
    const before = proxy.received.length;
    const res = await roster.app.inject({
      url: `/unified/user-directory/users?integrated_account_id=${account}&limit=5`,
      headers: other,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("not_found");
    expect(proxy.received.length).toBe(before);
  });

  it("never writes the cached key into the logs", async () => {
    const account = await link(sim.apiKeys.keyManagement);
    expect((await readUsers(account)).status).toBe(200);
    const logs = roster.logs.join("\n");
    expect(logs).not.toContain(sim.apiKeys.keyManagement);
  });
});

describe.each(testDatabases.filter((d) => d.name === "postgres"))(
  "two instances on $name sharing one account",
  (database) => {
    let sim: OpsgenieSimulator;
    let proxy: RecordingProxy;
    const instances: TestRoster[] = [];

    beforeAll(async () => {
      sim = await startOpsgenieSimulator({ region: "us", users: 30, teams: 3 });
      proxy = await startRecordingProxy(sim.url);
      const databaseUrl = await database.create();
      const env = {
        ...longTtl,
        ROSTER_MASTER_KEY: `mk_shared:${crypto.randomBytes(32).toString("base64")}`,
        OPSGENIE_US_BASE_URL: proxy.url,
        OPSGENIE_EU_BASE_URL: "http://127.0.0.1:9",
        ROSTER_JOBS: "off",
      };
      instances.push(await startTestRoster({ databaseUrl, env }));
      instances.push(await startTestRoster({ databaseUrl, env }));
    });
    afterAll(async () => {
      for (const instance of instances) await instance.close();
      await proxy.close();
      await sim.close();
    });

    it("a PATCH through one instance is used by the other's next reads", async () => {
      const [a, b] = instances as [TestRoster, TestRoster];
      // One admin token per instance, both of the default environment.
      const created = await a.app.inject({
        method: "POST",
        url: "/integrated-account",
        headers: a.auth,
        payload: { integration: "opsgenie", tenant_id: "t", context: { api_key: sim.apiKeys.full } },
      });
      expect(created.statusCode, created.body).toBe(201);
      const account = created.json().id as string;
      const readThroughB = async () => {
        const res = await b.app.inject({
          url: `/unified/user-directory/users?integrated_account_id=${account}&limit=5`,
          headers: b.auth,
        });
        expect(res.statusCode, res.body).toBe(200);
        return proxy.received.filter((r) => r.path.startsWith("/v2/users?")).at(-1)?.authorization;
      };
      expect(await readThroughB()).toBe(`GenieKey ${sim.apiKeys.full}`);

      const patched = await a.app.inject({
        method: "PATCH",
        url: `/integrated-account/${account}`,
        headers: a.auth,
        payload: { context: { api_key: sim.apiKeys.readOnly } },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      // Announced through PostgreSQL: B drops its copy as soon as the notification arrives (well within the
      // minute its cache would otherwise keep it). Poll generously: CI machines are slow.
      const deadline = Date.now() + 20_000;
      let seen = await readThroughB();
      while (seen !== `GenieKey ${sim.apiKeys.readOnly}` && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        seen = await readThroughB();
      }
      expect(seen).toBe(`GenieKey ${sim.apiKeys.readOnly}`);
    });
  },
);
