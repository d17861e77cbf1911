/** Opsgenie rate limiting over HTTP: headers per tripped bucket, independent domains, the request-limits report. */
import { describe, expect, it } from "vitest";
import { must } from "../kit/test-helpers.ts";
import { parseRateLimits } from "./rate-limits.ts";
import { call, useSimulator } from "./test-helpers.ts";

describe("429 behaviour over HTTP", () => {
  const sim = useSimulator({
    seed: 21,
    rateLimits: {
      search: { perSecond: 3, perMinute: 1000 },
      configuration: { perSecond: 100, perMinute: 4 },
    },
  });

  it("per-second trip -> 429 THROTTLED, reason ACCOUNT, period 1, observed message", async () => {
    // Sent in parallel so that even a slow machine cannot refill the 3/s bucket in between.
    const results = await Promise.all(Array.from({ length: 10 }, () => call(sim(), "/v2/users?limit=1")));
    const ok = results.filter((r) => r.status === 200);
    const throttled = must(results.find((r) => r.status === 429));
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(ok.length).toBeLessThan(10);
    expect(throttled.headers.get("x-ratelimit-state")).toBe("THROTTLED");
    expect(throttled.headers.get("x-ratelimit-reason")).toBe("ACCOUNT");
    expect(throttled.headers.get("x-ratelimit-period-in-sec")).toBe("1");
    expect(throttled.json.message).toBe(
      "You are making too many requests! To avoid errors, we recommend you limit requests.",
    );
    expect(throttled.json.requestId).toBe(throttled.headers.get("x-request-id"));
  });

  it("domains are independent, and the per-minute trip reports period 60", async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await call(sim(), "/v2/teams");
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(last?.headers.get("x-ratelimit-period-in-sec")).toBe("60");
    // The configuration domain is exhausted but alerts are a different domain.
    expect((await call(sim(), `/v2/alerts/${sim().ops.alerts[0]?.id}`)).status).toBe(200);
  });

  it("request-limits reports the configured limits (and setRateLimits changes them at run time)", async () => {
    sim().setRateLimits({ configuration: { perMinute: 1000 } });
    const res = await call(sim(), "/v2/request-limits/");
    expect(res.status).toBe(200);
    const search = res.json.data.rateLimits.find((d: { domain: string }) => d.domain === "search");
    expect(search.limits).toEqual([
      { limit: 1000, periodInSeconds: 60 },
      { limit: 3, periodInSeconds: 1 },
    ]);
    const config = res.json.data.rateLimits.find((d: { domain: string }) => d.domain === "configuration");
    expect(config.limits[0]).toEqual({ limit: 1000, periodInSeconds: 60 });
  });

  it("stats count 429s by status and domain", async () => {
    const stats = sim().stats();
    expect(stats.byStatus["429"]).toBeGreaterThanOrEqual(3);
    expect(stats.throttled).toBe(stats.byStatus["429"]);
    expect(stats.byEndpoint["GET /v2/users"]).toBe(10);
    expect(stats.rates.search?.maxPerSecond).toBeGreaterThanOrEqual(4);
  });
});

describe("Opsgenie's rate-limit domains", () => {
  it("parses CLI specs", () => {
    expect(parseRateLimits("search=5/s,search=100/min,configuration=10/s")).toEqual({
      search: { perSecond: 5, perMinute: 100 },
      configuration: { perSecond: 10 },
    });
    expect(() => parseRateLimits("bogus=1/s")).toThrow(/unknown rate-limit domain/);
  });
});

describe("limits a client cannot read", () => {
  const sim = useSimulator({
    seed: 22,
    hideRateLimits: true,
    rateLimits: { search: { perSecond: 2, perMinute: 1000 } },
  });

  it("refuses /v2/request-limits/ to the full key but still enforces the limits, until shown again", async () => {
    const refused = await call(sim(), "/v2/request-limits/");
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 40301 });
    const results = await Promise.all(Array.from({ length: 6 }, () => call(sim(), "/v2/users?limit=1")));
    expect(results.some((r) => r.status === 429)).toBe(true);
    sim().setRateLimitsHidden(false);
    expect((await call(sim(), "/v2/request-limits/")).status).toBe(200);
  });
});
