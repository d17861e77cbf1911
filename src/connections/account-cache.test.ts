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
    keyring,
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

describe("AccountCache shared values", () => {
  /** A read that counts its calls and answers `value` (or fails with it when it is an Error). */
  function counted(value: unknown) {
    const read = async () => {
      read.calls++;
      if (value instanceof Error) throw value;
      return value;
    };
    read.calls = 0;
    return read;
  }

  async function opened(t: ReturnType<typeof setup>, id = "acc_1", environment = "env_a") {
    t.put(id, environment, secret);
    const account = await t.cache.open(environment, id);
    if (!account) throw new Error("no account");
    return account;
  }

  it("shares a value between sessions of the account for shareForMs after it was read, then reads again", async () => {
    const t = setup(5_000);
    const account = await opened(t);
    const read = counted("directory-1");
    const [a, b] = await Promise.all([
      t.cache.shared(account, "k", 60_000, read),
      t.cache.shared(account, "k", 60_000, read),
    ]);
    expect([a, b, read.calls]).toEqual(["directory-1", "directory-1", 1]);
    // The account's own entry expires (5 s) and is read again: the value still serves until its minute is up.
    t.advance(59_999);
    const reopened = await t.cache.open("env_a", "acc_1");
    if (!reopened) throw new Error("no account");
    expect(await t.cache.shared(reopened, "k", 60_000, read)).toBe("directory-1");
    t.advance(2);
    expect(await t.cache.shared(reopened, "k", 60_000, counted("directory-2"))).toBe("directory-2");
    // A caller that accepts less age does not get a value older than it accepts.
    t.advance(2_000);
    expect(await t.cache.shared(reopened, "k", 1_000, counted("fresher"))).toBe("fresher");
    expect(await t.cache.shared(reopened, "other", 60_000, counted("another key"))).toBe("another key");
  });

  it("never serves one account's value to another account", async () => {
    const t = setup();
    const one = await opened(t, "acc_1");
    const two = await opened(t, "acc_2");
    expect(await t.cache.shared(one, "k", 60_000, counted("of acc_1"))).toBe("of acc_1");
    expect(await t.cache.shared(two, "k", 60_000, counted("of acc_2"))).toBe("of acc_2");
  });

  it("forgets a failed read at once: the next caller reads again", async () => {
    const t = setup();
    const account = await opened(t);
    await expect(t.cache.shared(account, "k", 60_000, counted(new Error("refused")))).rejects.toThrow(
      "refused",
    );
    expect(await t.cache.shared(account, "k", 60_000, counted("read again"))).toBe("read again");
  });

  it("drops the account's values with the account: drop, a drop from another instance, clear, key rotation", async () => {
    const t = setup();
    const forgetting: Array<(id: string) => void> = [
      (id) => t.cache.drop(id),
      (id) => t.cache.forgetLocally(id),
      () => t.cache.clear(),
      () => t.keyring.markRotated(),
    ];
    for (const [i, forget] of forgetting.entries()) {
      const account = await opened(t);
      await t.cache.shared(account, "k", 60_000, counted(`before ${i}`));
      forget("acc_1");
      const fresh = await opened(t);
      expect(await t.cache.shared(fresh, "k", 60_000, counted(`after ${i}`))).toBe(`after ${i}`);
    }
  });

  it("does not keep what a session opened before a drop reads (e.g. with the old credentials)", async () => {
    const t = setup();
    const before = await opened(t);
    t.cache.drop("acc_1");
    expect(await t.cache.shared(before, "k", 60_000, counted("old credentials"))).toBe("old credentials");
    const after = await opened(t);
    expect(await t.cache.shared(after, "k", 60_000, counted("new credentials"))).toBe("new credentials");
  });

  it("does not keep a read in flight when the account is dropped meanwhile", async () => {
    const t = setup();
    const account = await opened(t);
    let finish: (value: string) => void = () => undefined;
    const slow = t.cache.shared(account, "k", 60_000, () => new Promise<string>((r) => (finish = r)));
    t.cache.drop("acc_1");
    finish("read before the drop");
    expect(await slow).toBe("read before the drop");
    const fresh = await opened(t);
    expect(await t.cache.shared(fresh, "k", 60_000, counted("read after"))).toBe("read after");
  });

  it("shares nothing when the cache is off (TTL 0)", async () => {
    const t = setup(0);
    const read = counted("value");
    await t.cache.shared(await opened(t), "k", 60_000, read);
    await t.cache.shared(await opened(t), "k", 60_000, read);
    expect(read.calls).toBe(2);
    expect(t.cache.sharedSize).toBe(0);
  });

  it("holds the values of at most as many accounts as it holds entries", async () => {
    const { keyring } = Keyring.load({ masterKey: crypto.randomBytes(32).toString("base64"), dataDir: "/" });
    const vault = new Vault(keyring);
    const row = (id: string) =>
      ({
        id,
        environment_id: "env_a",
        credentials: vault.sealJson({ api_key: secret }, id).sealed,
      }) as AccountWithSecret;
    const cache = new AccountCache({ getWithSecret: async (_env, id) => row(id) }, vault, {
      ttlMs: 60_000,
      maxEntries: 2,
    });
    for (const id of ["acc_1", "acc_2", "acc_3"]) {
      const account = await cache.open("env_a", id);
      if (account) await cache.shared(account, "k", 60_000, async () => id);
    }
    expect(cache.sharedSize).toBe(2);
  });
});
