import { afterEach, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases.ts";
import { loadConfig } from "../config.ts";
import { openStore, type StoreHandle } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";
import { OAuthRefreshLeaseRepository } from "./oauth-refresh-leases.ts";

describe.each(testDatabases)("OAuth refresh leases on $name", (database) => {
  const opened: StoreHandle[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  async function open(url: string): Promise<StoreHandle> {
    const store = await openStore(loadConfig({ DATABASE_URL: url }).database);
    opened.push(store);
    await migrateToLatest(store.db, store.dialect);
    return store;
  }

  it("one claim wins; the lease is free again once its holder releases it", async () => {
    const leases = new OAuthRefreshLeaseRepository((await open(await database.create())).db);
    const lease = await leases.claim("acc_1", 60_000);
    expect(lease).toBeDefined();
    expect(await leases.claim("acc_1", 60_000)).toBeUndefined();
    expect(await leases.claim("acc_2", 60_000)).toBeDefined();
    expect(await leases.liveUntil("acc_1")).toBeGreaterThan(Date.now() + 50_000);

    // Only the claim that wrote the lease ends it.
    await leases.release({ accountId: "acc_1", holder: "someone-else" });
    expect(await leases.claim("acc_1", 60_000)).toBeUndefined();
    if (lease) await leases.release(lease);
    expect(await leases.liveUntil("acc_1")).toBeUndefined();
    expect(await leases.claim("acc_1", 60_000)).toBeDefined();
  });

  it("an expired lease is taken over, and its old holder's release leaves the new one alone", async () => {
    let now = Date.parse("2030-01-01T00:00:00.000Z");
    const leases = new OAuthRefreshLeaseRepository((await open(await database.create())).db, () => now);
    const first = await leases.claim("acc_1", 60_000);
    now += 59_999;
    expect(await leases.claim("acc_1", 60_000)).toBeUndefined();
    now += 1;
    expect(await leases.liveUntil("acc_1")).toBeUndefined();
    const second = await leases.claim("acc_1", 60_000);
    expect(second).toBeDefined();
    expect(second?.holder).not.toBe(first?.holder);
    if (first) await leases.release(first);
    expect(await leases.liveUntil("acc_1")).toBe(now + 60_000);
  });

  it("claims racing from two processes on one database: exactly one wins", async () => {
    const url = await database.create();
    const a = new OAuthRefreshLeaseRepository((await open(url)).db);
    const b = new OAuthRefreshLeaseRepository((await open(url)).db);
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).claim("acc_1", 60_000)),
    );
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
  });
});
