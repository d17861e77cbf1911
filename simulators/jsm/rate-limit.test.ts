/** 429s per API: Jira's burst headers and body, JSM Ops' bare Retry-After, budgets independent per API. */
import { describe, expect, it } from "vitest";
import { call, ops, useSimulator } from "./test-helpers.ts";

describe("rate limits", () => {
  const sim = useSimulator({
    seed: 12,
    users: 5,
    teams: 2,
    rateLimits: { jira: { perSecond: 3 }, ops: { perSecond: 2 } },
  });

  it("Jira: 429 with Retry-After, X-RateLimit-Reset, RateLimit-Reason and Jira's body; Ops still answers", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => call(sim(), "/rest/api/3/myself")));
    const throttled = results.find((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(throttled?.headers.get("retry-after")).toBe("1");
    expect(throttled?.headers.get("ratelimit-reason")).toBe("jira-burst-based");
    expect(throttled?.headers.get("x-ratelimit-reset")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(throttled?.json).toEqual({
      errorMessages: ["The request has been rate-limited. Please try again later."],
      errors: {},
    });
    expect((await call(sim(), `${ops(sim())}/v1/teams`)).status).toBe(200);
  });

  it("JSM Ops: 429 with Retry-After only and the Ops envelope; after Retry-After it answers again", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => call(sim(), `${ops(sim())}/v1/teams`)));
    const throttled = results.find((r) => r.status === 429);
    expect(throttled?.headers.get("retry-after")).toBe("1");
    expect(throttled?.headers.get("ratelimit-reason")).toBeNull();
    expect(throttled?.json).toEqual({ errors: [{ title: expect.any(String) }] });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await call(sim(), `${ops(sim())}/v1/teams`)).status).toBe(200);
    expect(sim().stats().throttled).toBeGreaterThan(0);
  });
});
