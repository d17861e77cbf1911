/** Token buckets on a fake clock: exact pacing never throttled, no token spent on a refusal; input parsing. */
import { describe, expect, it } from "vitest";
import { checkRateLimits, parseRateLimits, RateLimiter, type RateLimitsInput } from "./rate-limiter.ts";

const DOMAINS = ["search", "configuration"] as const;
type Domain = (typeof DOMAINS)[number];
const limiter = (limits: RateLimitsInput<Domain>, clock: () => number) =>
  new RateLimiter({ domains: DOMAINS, defaults: { perSecond: 25, perMinute: 1000 }, limits, clock });

describe("token buckets (fake clock)", () => {
  it("a client pacing exactly at the advertised rate (25/s) is never throttled", () => {
    let now = 0;
    const l = limiter({ search: { perSecond: 25, perMinute: 100_000 } }, () => now);
    for (let i = 0; i < 2500; i++) {
      expect(l.take("search")).toBeUndefined();
      now += 1000 / 25;
    }
  });

  it("a burst trips after `limit`, and a throttled request consumes no token", () => {
    let now = 0;
    const l = limiter({ search: { perSecond: 5, perMinute: 1000 } }, () => now);
    for (let i = 0; i < 5; i++) expect(l.take("search")).toBeUndefined();
    for (let i = 0; i < 50; i++) expect(l.take("search")).toBe(1);
    now += 200; // exactly one token refilled: the 50 refused requests did not eat into it
    expect(l.take("search")).toBeUndefined();
    expect(l.take("search")).toBe(1);
  });

  it("the per-minute bucket refills continuously at limit/60s", () => {
    let now = 0;
    const l = limiter({ configuration: { perSecond: 1000, perMinute: 60 } }, () => now);
    for (let i = 0; i < 60; i++) expect(l.take("configuration")).toBeUndefined();
    expect(l.take("configuration")).toBe(60);
    now += 1000;
    expect(l.take("configuration")).toBeUndefined();
  });

  it("set() changes only what is given, keeps domain order, and refills every bucket", () => {
    const now = 0;
    const l = limiter({ search: { perSecond: 1 } }, () => now);
    expect(l.take("search")).toBeUndefined();
    expect(l.take("search")).toBe(1);
    l.set({ configuration: { perMinute: 5 } });
    expect(l.limits).toEqual({
      search: { perSecond: 1, perMinute: 1000 },
      configuration: { perSecond: 25, perMinute: 5 },
    });
    expect(Object.keys(l.limits)).toEqual(["search", "configuration"]);
    expect(l.take("search")).toBeUndefined();
  });
});

describe("subjects and budgets (fake clock)", () => {
  it("each subject has its own buckets within a domain; no subject shares one account budget", () => {
    const now = 0;
    const l = limiter({ search: { perSecond: 100, perMinute: 2 } }, () => now);
    expect([l.take("search", "key-a"), l.take("search", "key-a"), l.take("search", "key-a")]).toEqual([
      undefined,
      undefined,
      60,
    ]);
    expect(l.take("search", "key-b")).toBeUndefined();
    expect([l.take("search"), l.take("search"), l.take("search")]).toEqual([undefined, undefined, 60]);
  });

  it("budget: the minute limit, whole requests left, and seconds until whole (or until the next request)", () => {
    let now = 0;
    const l = limiter({ search: { perSecond: 1000, perMinute: 60 } }, () => now);
    expect(l.budget("search", "k")).toEqual({ limit: 60, remaining: 60, resetSeconds: 0 });
    for (let i = 0; i < 59; i++) l.take("search", "k");
    expect(l.budget("search", "k")).toEqual({ limit: 60, remaining: 1, resetSeconds: 59 });
    l.take("search", "k");
    // Empty: one token comes back every second, so a retry succeeds after 1 s, not after the whole minute.
    expect(l.budget("search", "k")).toEqual({ limit: 60, remaining: 0, resetSeconds: 1 });
    now += 2500;
    expect(l.budget("search", "k")).toEqual({ limit: 60, remaining: 2, resetSeconds: 58 });
    expect(l.budget("search", "other")?.remaining).toBe(60);
  });
});

describe("limit input", () => {
  it("parses CLI specs, with * for every domain, and rejects unknown domains and bad parts", () => {
    expect(parseRateLimits("*=7/s,search=100/min", DOMAINS)).toEqual({
      search: { perSecond: 7, perMinute: 100 },
      configuration: { perSecond: 7 },
    });
    expect(() => parseRateLimits("bogus=1/s", DOMAINS)).toThrow(/unknown rate-limit domain "bogus"/);
    expect(() => parseRateLimits("search=fast", DOMAINS)).toThrow(/invalid rate limit/);
  });

  it("validates JSON bodies: known domains, positive numbers", () => {
    expect(checkRateLimits({ search: { perSecond: 2 } }, DOMAINS)).toEqual({ search: { perSecond: 2 } });
    expect(() => checkRateLimits({ nope: {} }, DOMAINS)).toThrow(/unknown domain "nope"/);
    expect(() => checkRateLimits({ search: { perMinute: 0 } }, DOMAINS)).toThrow(/positive number/);
    expect(() => checkRateLimits("x", DOMAINS)).toThrow(/must be an object/);
  });
});
