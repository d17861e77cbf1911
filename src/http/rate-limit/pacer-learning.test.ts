import { describe, expect, it } from "vitest";
import { InMemoryBucketStore } from "./bucket-store.ts";
import { learningDefaults } from "./learnt-rate.ts";
import { InMemoryLearntRateStore, type LearntRateStore } from "./learnt-rate-store.ts";
import { type PaceKey, Pacer } from "./pacer.ts";
import { RateLearner } from "./rate-learner.ts";

/** Pacers on one virtual clock: sleeping advances it, so every figure below is exact and machine-independent. */
function world() {
  const clock = { now: 1_000_000 };
  const learnt = new InMemoryLearntRateStore();
  const pacer = (store: LearntRateStore = learnt) => {
    const p = new Pacer(
      new InMemoryBucketStore(),
      { defaultLimits: {} },
      {
        now: () => clock.now,
        sleep: async (ms) => {
          clock.now += ms;
        },
        learner: new RateLearner(store, { now: () => clock.now }),
      },
    );
    // The provider's assumed limits (10/s, 600/min), as Sessions states them for a new account.
    p.assume("acc", "prov", [
      {
        domain: "*",
        windows: [
          { limit: 10, periodSeconds: 1 },
          { limit: 600, periodSeconds: 60 },
        ],
      },
    ]);
    return p;
  };
  return { clock, learnt, pacer };
}

const key: PaceKey = { accountId: "acc", provider: "prov", domain: "search" };
const perSecond = (pacer: Pacer) => pacer.effectiveWindows(key)[0]?.limit ?? 0;
const assumedRate = 10 * 0.97;

/** A server bucket pair like the provider's (per second and per minute, refilled continuously). */
function server(clock: { now: number }, limits: { perSecond: number; perMinute: number }) {
  const bucket = (capacity: number, periodMs: number) => ({
    capacity,
    periodMs,
    tokens: capacity,
    at: clock.now,
  });
  let windows = [bucket(limits.perSecond, 1000), bucket(limits.perMinute, 60_000)];
  return {
    /** The period (s) of the window that refuses the request, or undefined when it is served. */
    take(): number | undefined {
      for (const w of windows) {
        w.tokens = Math.min(w.capacity, w.tokens + ((clock.now - w.at) * w.capacity) / w.periodMs);
        w.at = clock.now;
      }
      const short = [...windows].reverse().find((w) => w.tokens < 1 - 1e-9);
      if (short) return short.periodMs / 1000;
      for (const w of windows) w.tokens--;
      return undefined;
    },
    set(next: { perSecond: number; perMinute: number }) {
      windows = [bucket(next.perSecond, 1000), bucket(next.perMinute, 60_000)];
    },
  };
}

/** One request as the engine makes it: paced, answered (3 ms), and on a 429 retried after the tripped period. */
async function request(pacer: Pacer, clock: { now: number }, srv: ReturnType<typeof server>) {
  let throttled = 0;
  for (;;) {
    const paced = await pacer.acquire(key);
    clock.now += 3;
    const tripped = srv.take();
    if (tripped === undefined) {
      pacer.onAnswered(key, paced.waitedOn);
      return throttled;
    }
    throttled++;
    await pacer.onThrottled(key, tripped, paced.at);
    clock.now += tripped * 1000;
  }
}

describe("Pacer with a learnt rate", () => {
  it("serves a burst at once and never makes a caller at a human pace wait, nor learns from it", async () => {
    const { clock, pacer } = world();
    const p = pacer();
    const start = clock.now;
    for (let i = 0; i < 9; i++) expect((await p.acquire(key)).waitedMs).toBe(0);
    expect(clock.now).toBe(start);
    for (let i = 0; i < 30; i++) {
      clock.now += 2_000;
      const paced = await p.acquire(key);
      expect(paced.waitedMs).toBe(0);
      p.onAnswered(key, paced.waitedOn);
    }
    expect(perSecond(p)).toBeCloseTo(assumedRate, 6);
  });

  it("raises the rate while answers to requests that waited stay clean", async () => {
    const { pacer } = world();
    const p = pacer();
    for (let i = 0; i < 100; i++) p.onAnswered(key, (await p.acquire(key)).waitedOn);
    expect(perSecond(p)).toBeGreaterThan(assumedRate * 1.5);
    // Only the window the requests waited for: the per-minute one was never short.
    expect(p.effectiveWindows(key)[1]?.limit).toBeCloseTo(600 * 0.97, 6);
  });

  it("cuts the rate on a 429 and holds it for the tripped window", async () => {
    const { clock, pacer } = world();
    const p = pacer();
    for (let i = 0; i < 60; i++) p.onAnswered(key, (await p.acquire(key)).waitedOn);
    const before = perSecond(p);
    await p.onThrottled(key, 1);
    const cut = perSecond(p);
    // (The stored rate applies the raises counted here in one batch: the same within rounding.)
    expect(cut / before).toBeCloseTo(learningDefaults.cutFactor, 2);
    // Within the second that tripped, clean answers raise nothing and further 429s cut nothing.
    await p.onThrottled(key, 1);
    p.onAnswered(key, ["1", "1", "1"]);
    expect(perSecond(p)).toBe(cut);
    clock.now += 1_000;
    for (let i = 0; i < 20; i++) p.onAnswered(key, (await p.acquire(key)).waitedOn);
    expect(perSecond(p)).toBeGreaterThan(cut);
  });

  it("converges near the server's true limit with a handful of 429s, and follows a halving", async () => {
    const { clock, pacer } = world();
    const p = pacer();
    const srv = server(clock, { perSecond: 25, perMinute: 1000 });
    const start = clock.now;
    let throttled = 0;
    for (let i = 0; i < 700; i++) throttled += await request(p, clock, srv);
    // The floor: the server's burst of 25, then 25/s. Fixed pacing at the assumed 10/s would take 2.5x as long.
    const floorMs = ((700 - 25) / 25) * 1000;
    expect(clock.now - start).toBeLessThan(floorMs * 1.2);
    expect(throttled).toBeLessThanOrEqual(6);

    srv.set({ perSecond: 12.5, perMinute: 500 });
    let afterHalving = 0;
    for (let i = 0; i < 300; i++) afterHalving += await request(p, clock, srv);
    expect(afterHalving).toBeLessThanOrEqual(12);
    expect(perSecond(p)).toBeLessThan(14);
  });

  it("lets limits the provider tells win over the learnt rate", async () => {
    const { learnt, pacer } = world();
    const p = pacer();
    for (let i = 0; i < 60; i++) p.onAnswered(key, (await p.acquire(key)).waitedOn);
    p.learn("acc", "prov", [{ domain: "*", windows: [{ limit: 4, periodSeconds: 1 }] }]);
    expect(p.effectiveWindows(key)).toEqual([{ limit: 4 * 0.97, periodSeconds: 1, burst: 3 }]);
    const stored = await learnt.read("prov:acc:search");
    await p.onThrottled(key, 1);
    expect(await learnt.read("prov:acc:search")).toEqual(stored);
  });

  it("starts a new process where the last one stopped, and shares a cut with another process", async () => {
    const { clock, learnt, pacer } = world();
    const first = pacer();
    const other = pacer();
    await other.acquire(key);
    for (let i = 0; i < 60; i++) first.onAnswered(key, (await first.acquire(key)).waitedOn);
    await first.onThrottled(key, 1);
    const learntRate = perSecond(first);
    expect(learntRate).not.toBeCloseTo(assumedRate, 1);

    // A restart: a new pacer on the same store knows the rate from its first request on.
    const restarted = pacer(learnt);
    await restarted.acquire(key);
    expect(perSecond(restarted)).toBeCloseTo(learntRate, 6);

    // The other process read the key before the cut; its next sync (after refreshMs) brings the cut in.
    expect(perSecond(other)).toBeCloseTo(assumedRate, 6);
    clock.now += 1_000;
    await other.acquire(key);
    await new Promise((resolve) => setImmediate(resolve));
    expect(perSecond(other)).toBeCloseTo(learntRate, 6);
  });
});

describe("Pacer with a learnt rate, when the store fails", () => {
  it("paces by what it knows locally: requests still pass, and a 429 still cuts", async () => {
    const { pacer } = world();
    const broken: LearntRateStore = {
      read: () => Promise.reject(new Error("database down")),
      update: () => Promise.reject(new Error("database down")),
    };
    const p = pacer(broken);
    for (let i = 0; i < 30; i++) p.onAnswered(key, (await p.acquire(key)).waitedOn);
    const raised = perSecond(p);
    expect(raised).toBeGreaterThan(assumedRate);
    await p.onThrottled(key, 1);
    expect(perSecond(p)).toBeCloseTo(raised * learningDefaults.cutFactor, 6);
  });
});
