import { describe, expect, it } from "vitest";
import { InMemoryBucketStore } from "./bucket-store.ts";
import { type PaceKey, Pacer, type PacerConfig } from "./pacer.ts";

/** A virtual clock: sleeping advances time instantly, so rates are measured exactly. */
function virtualPacer(config: PacerConfig) {
  const clock = { now: 0 };
  const pacer = new Pacer(new InMemoryBucketStore(), config, {
    now: () => clock.now,
    sleep: async (ms) => {
      clock.now += ms;
    },
  });
  return { pacer, clock };
}

const key: PaceKey = { accountId: "acc", provider: "prov", domain: "search" };

/** Time needed to acquire `count` tokens back to back. */
async function timeFor(pacer: Pacer, clock: { now: number }, count: number, k = key): Promise<number> {
  const start = clock.now;
  for (let i = 0; i < count; i++) await pacer.acquire(k);
  return clock.now - start;
}

describe("Pacer", () => {
  it("paces just under the advertised rate, with a burst one token short of the server's", async () => {
    const { pacer, clock } = virtualPacer({ defaultLimits: { "*": [{ limit: 10, periodSeconds: 1 }] } });
    // A full server bucket lets 10 through at once; we keep one back.
    expect(await timeFor(pacer, clock, 9)).toBe(0);
    const elapsed = await timeFor(pacer, clock, 97);
    // 97 tokens at 9.7/s = 10 s: under the limit, and well within 1.15x of the floor (9.7 s).
    expect(elapsed).toBeGreaterThanOrEqual(9_700);
    expect(elapsed).toBeLessThanOrEqual(10_100);
  });

  it("honours every window of a domain", async () => {
    const { pacer, clock } = virtualPacer({
      defaultLimits: {
        search: [
          { limit: 100, periodSeconds: 1 },
          { limit: 60, periodSeconds: 60 },
        ],
        "*": [],
      },
    });
    await timeFor(pacer, clock, 57); // the per-minute burst (60 minus the safety margin)
    const elapsed = await timeFor(pacer, clock, 10);
    // The per-minute window (~0.97/s) governs, not the per-second one.
    expect(elapsed).toBeGreaterThan(9_000);
  });

  it("falls back to the '*' default and leaves unlisted domains unpaced when there is none", async () => {
    const { pacer } = virtualPacer({ defaultLimits: { search: [{ limit: 5, periodSeconds: 1 }] } });
    expect(pacer.limitsFor({ ...key, domain: "other" })).toEqual([]);
    const { pacer: withStar } = virtualPacer({ defaultLimits: { "*": [{ limit: 5, periodSeconds: 1 }] } });
    expect(withStar.limitsFor({ ...key, domain: "other" })).toEqual([{ limit: 5, periodSeconds: 1 }]);
  });

  it("learn() replaces the defaults for that account only", async () => {
    const { pacer, clock } = virtualPacer({ defaultLimits: { "*": [{ limit: 100, periodSeconds: 1 }] } });
    pacer.learn("acc", "prov", [{ domain: "search", windows: [{ limit: 2, periodSeconds: 1 }] }]);
    expect(pacer.limitsFor(key)).toEqual([{ limit: 2, periodSeconds: 1 }]);
    expect(pacer.limitsFor({ ...key, accountId: "other" })).toEqual([{ limit: 100, periodSeconds: 1 }]);
    const elapsed = await timeFor(pacer, clock, 11);
    // Burst of 1 then 1.94/s: 10 more tokens take ~5.2 s.
    expect(elapsed).toBeGreaterThan(5_000);
  });

  it("onThrottled empties the bucket and slows the rate, which recovers over time", async () => {
    const config = { defaultLimits: { "*": [{ limit: 10, periodSeconds: 1 }] }, throttleRecoveryMs: 60_000 };
    const { pacer, clock } = virtualPacer(config);
    await timeFor(pacer, clock, 9);
    const before = await timeFor(pacer, clock, 20);
    await pacer.onThrottled(key, 1);
    expect(pacer.effectiveWindows(key)[0]?.limit).toBeCloseTo(9.7 * 0.8);
    // Drained: even the first token must wait.
    const after = await timeFor(pacer, clock, 20);
    expect(after).toBeGreaterThan(before * 1.15);
    clock.now += 60_000;
    expect(pacer.effectiveWindows(key)[0]?.limit).toBeCloseTo(9.7);
  });

  it("stops waiting when the signal aborts", async () => {
    const pacer = new Pacer(new InMemoryBucketStore(), {
      defaultLimits: { "*": [{ limit: 1, periodSeconds: 60 }] },
    });
    await pacer.acquire(key);
    const controller = new AbortController();
    const pending = pacer.acquire(key, controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(pending).rejects.toThrow("cancelled");
  });
});

describe("Pacer.onThrottled without a named window", () => {
  const config = {
    defaultLimits: {
      "*": [
        { limit: 10, periodSeconds: 1 },
        { limit: 600, periodSeconds: 60 },
      ],
    },
  };

  it("drains only the shortest window on a first 429, everything on a repeated one", async () => {
    const store = new InMemoryBucketStore();
    const clock = { now: 0 };
    const pacer = new Pacer(store, config, { now: () => clock.now });
    await pacer.acquire(key);
    const k = "prov:acc:search";
    await pacer.onThrottled(key);
    expect(store.snapshot(k)?.["1"]?.tokens).toBe(0);
    expect(store.snapshot(k)?.["60"]?.tokens).toBeGreaterThan(100);
    clock.now += 5_000;
    await pacer.onThrottled(key);
    expect(store.snapshot(k)?.["60"]?.tokens).toBe(0);
  });

  it("drains the window the provider names", async () => {
    const store = new InMemoryBucketStore();
    const pacer = new Pacer(store, config, { now: () => 0 });
    await pacer.onThrottled(key, 60);
    expect(store.snapshot("prov:acc:search")?.["60"]?.tokens).toBe(0);
    expect(store.snapshot("prov:acc:search")?.["1"]).toBeUndefined();
  });
});
