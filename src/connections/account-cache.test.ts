import crypto from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import type { AccountWithSecret } from "../store/integrated-accounts.ts";
import { Keyring, Vault } from "../vault/index.ts";
import { AccountCache } from "./account-cache.ts";

const secret = "sk-cache-test-0123456789";

function setup(ttlMs = 5_000) {
  const { keyring } = Keyring.load({ masterKey: crypto.randomBytes(32).toString("base64"), dataDir: "/" });
  const vault = new Vault(keyring);
  const rows = new Map<string, AccountWithSecret>();
  const put = (id: string, environment: string, apiKey: string) =>
    rows.set(id, {
      id,
      environment_id: environment,
      integration: "opsgenie",
      tenant_id: "t",
      region: "us",
      status: "active",
      last_error: null,
      migrated_from: null,
      created_at: "2026-01-01T00:00:00.000Z",
      updated_at: "2026-01-01T00:00:00.000Z",
      credentials: vault.sealJson({ api_key: apiKey }, id).sealed,
      settings: {},
      auth_method: "key",
    });
  let reads = 0;
  let hold = false;
  let release: () => void = () => undefined;
  const store = {
    async getWithSecret(environmentId: string, id: string) {
      reads++;
      const row = rows.get(id);
      // A test may hold a read open (its row already read) to let a change land meanwhile.
      if (hold) {
        hold = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return row?.environment_id === environmentId ? row : undefined;
    },
  };
  let now = 0;
  const dropped: string[] = [];
  const cache = new AccountCache(store, vault, { ttlMs, now: () => now, onDrop: (id) => dropped.push(id) });
  return {
    cache,
    put,
    dropped,
    reads: () => reads,
    advance: (ms: number) => {
      now += ms;
    },
    holdNextRead: () => {
      hold = true;
      return () => release();
    },
  };
}

describe("AccountCache", () => {
  it("reads and decrypts once while fresh, and again after the TTL", async () => {
    const t = setup(5_000);
    t.put("acc_1", "env_a", secret);
    const first = await t.cache.open("env_a", "acc_1");
    expect(first?.credentials()).toEqual({ api_key: secret });
    expect(await t.cache.open("env_a", "acc_1")).toBe(first);
    expect(t.reads()).toBe(1);
    t.advance(5_001);
    await t.cache.open("env_a", "acc_1");
    expect(t.reads()).toBe(2);
  });

  it("never serves an account to another environment, even when it holds it", async () => {
    const t = setup();
    t.put("acc_1", "env_a", secret);
    expect(await t.cache.open("env_a", "acc_1")).toBeDefined();
    expect(await t.cache.open("env_b", "acc_1")).toBeUndefined();
  });

  it("does not remember an absent account (one created later is seen at once)", async () => {
    const t = setup();
    expect(await t.cache.open("env_a", "acc_new")).toBeUndefined();
    t.put("acc_new", "env_a", secret);
    expect(await t.cache.open("env_a", "acc_new")).toBeDefined();
  });

  it("drops an account at once and announces it; a read that began before the drop is not kept", async () => {
    const t = setup();
    t.put("acc_1", "env_a", "old-key");
    await t.cache.open("env_a", "acc_1");
    t.put("acc_1", "env_a", "new-key");
    t.cache.drop("acc_1");
    expect(t.dropped).toEqual(["acc_1"]);
    expect((await t.cache.open("env_a", "acc_1"))?.credentials()).toEqual({ api_key: "new-key" });

    // A read of the old row still in flight when the change lands must not fill the cache with it.
    t.cache.forgetLocally("acc_1");
    t.put("acc_1", "env_a", "older-key");
    const release = t.holdNextRead();
    const racing = t.cache.open("env_a", "acc_1");
    await new Promise((r) => setTimeout(r, 0));
    t.put("acc_1", "env_a", "newest-key");
    t.cache.forgetLocally("acc_1");
    release();
    expect((await racing)?.credentials()).toEqual({ api_key: "older-key" });
    expect((await t.cache.open("env_a", "acc_1"))?.credentials()).toEqual({ api_key: "newest-key" });
  });

  it("keeps nothing with a TTL of 0", async () => {
    const t = setup(0);
    t.put("acc_1", "env_a", secret);
    await t.cache.open("env_a", "acc_1");
    await t.cache.open("env_a", "acc_1");
    expect(t.reads()).toBe(2);
    expect(t.cache.size).toBe(0);
  });

  it("never shows the decrypted key when serialized or inspected", async () => {
    const t = setup();
    t.put("acc_1", "env_a", secret);
    const opened = await t.cache.open("env_a", "acc_1");
    opened?.credentials();
    expect(JSON.stringify(opened)).not.toContain(secret);
    expect(inspect(opened, { depth: 10, showHidden: true })).not.toContain(secret);
    expect(inspect(t.cache, { depth: 10, showHidden: true })).not.toContain(secret);
  });
});
