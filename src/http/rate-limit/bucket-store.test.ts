import { describe, expect, it } from "vitest";
import { InMemoryBucketStore } from "./bucket-store.ts";

const perSecond = { limit: 5, periodSeconds: 1 };
const perMinute = { limit: 7, periodSeconds: 60 };

describe("InMemoryBucketStore", () => {
  it("takes from every window, all or none", async () => {
    const store = new InMemoryBucketStore();
    for (let i = 0; i < 5; i++)
      expect(await store.take("k", [perSecond, perMinute], 0)).toMatchObject({ ok: true });
    // The per-second window is empty: nothing may be taken from the per-minute one.
    expect(await store.take("k", [perSecond, perMinute], 0)).toEqual({
      ok: false,
      waitMs: 200,
      short: ["1"],
    });
    expect(store.snapshot("k")?.["60"]?.tokens).toBe(2);
    expect(await store.take("k", [perSecond, perMinute], 1000)).toMatchObject({ ok: true });
    expect(await store.take("k", [perSecond, perMinute], 1000)).toMatchObject({ ok: true });
    // Now the per-minute window is the short one: its wait (60s / 7 per token) wins.
    const refused = await store.take("k", [perSecond, perMinute], 1000);
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.waitMs).toBe(7572); // (1 - 0.1167 tokens) at 7 per 60 s
    expect(refused.ok === false && refused.short).toEqual(["60"]);
  });

  it("keeps keys apart and state small and serialisable", async () => {
    const store = new InMemoryBucketStore();
    await store.take("a", [perSecond], 0);
    expect(await store.take("b", [perSecond], 0)).toMatchObject({ ok: true });
    const snapshot = store.snapshot("a");
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual({ "1": { tokens: 4, updatedAt: 0 } });
  });

  it("reports the tightest window's remaining budget after a take", async () => {
    const store = new InMemoryBucketStore();
    expect(await store.take("k", [perSecond, perMinute], 0)).toEqual({
      ok: true,
      budget: { limit: 5, remaining: 4, resetSeconds: 1 },
    });
    for (let i = 0; i < 3; i++) await store.take("k", [perSecond, perMinute], 0);
    // 5 taken from the minute window (2 left) vs 4 from the second window (1 left): the second window is tighter.
    expect(await store.take("k", [perSecond, perMinute], 0)).toEqual({
      ok: true,
      budget: { limit: 5, remaining: 0, resetSeconds: 1 },
    });
    // A second later the per-second window is full again and the per-minute one is the tight one.
    expect(await store.take("k", [perSecond, perMinute], 1000)).toEqual({
      ok: true,
      budget: { limit: 7, remaining: 1, resetSeconds: 51 }, // (7 - 1.117 tokens) at 7 per 60 s
    });
  });

  it("drains windows", async () => {
    const store = new InMemoryBucketStore();
    await store.drain("k", [perSecond], 0);
    expect(await store.take("k", [perSecond, perMinute], 0)).toEqual({
      ok: false,
      waitMs: 200,
      short: ["1"],
    });
  });
});
