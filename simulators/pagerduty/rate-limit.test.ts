/** The per-key (per-user) limit over HTTP: ratelimit-* headers on every answer, 429 code 2020, honest resets. */
import { describe, expect, it } from "vitest";
import type { CallResult } from "../kit/test-helpers.ts";
import { parsePerMinute } from "./rate-limits.ts";
import { call, control, useSimulator } from "./test-helpers.ts";

const headers = (res: CallResult) => ({
  limit: Number(res.headers.get("ratelimit-limit")),
  remaining: Number(res.headers.get("ratelimit-remaining")),
  reset: Number(res.headers.get("ratelimit-reset")),
});

describe("rate-limit headers", () => {
  const sim = useSimulator({ seed: 51, users: 20, teams: 2 });

  it("come on every answer: 200, 400, 401, 403, 404 and 204", async () => {
    const team = [...sim().directory.teams.values()][0];
    const user = [...sim().directory.users.values()][4];
    const answers = await Promise.all([
      call(sim(), "/users"),
      call(sim(), "/users?limit=0"),
      call(sim(), "/users", { key: "nope" }),
      call(sim(), "/users", { key: sim().apiKeys.restrictedUser }),
      call(sim(), "/no/such/path"),
      call(sim(), `/teams/${team?.id}/users/${user?.id}`, { method: "DELETE" }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 400, 401, 403, 404, 204]);
    for (const res of answers) {
      expect(headers(res).limit).toBe(960);
      expect(headers(res).remaining).toBeLessThanOrEqual(960);
      expect(res.headers.get("ratelimit-reset")).toMatch(/^\d+$/);
    }
  });
});

describe("429", () => {
  const sim = useSimulator({ seed: 52, users: 20, teams: 2, rateLimit: 5 });

  it("remaining counts down per request and reset says when the budget is whole again", async () => {
    // 5 per minute refill one request every 12 s: nothing comes back between these calls.
    const key = sim().apiKeys.readOnly;
    const [a, b] = [
      headers(await call(sim(), "/abilities", { key })),
      headers(await call(sim(), "/abilities", { key })),
    ];
    expect([a.remaining, b.remaining]).toEqual([4, 3]);
    expect(b.reset).toBeGreaterThan(12);
    expect(b.reset).toBeLessThanOrEqual(24);
  });

  it("after the key's budget: 429 code 2020 with remaining 0; other keys keep their own budget", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => call(sim(), "/abilities")));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    const throttled = results.filter((r) => r.status === 429);
    expect(throttled).toHaveLength(3);
    expect(throttled[0]?.json).toEqual({ error: { message: "Rate Limit Exceeded", code: 2020 } });
    expect(headers(throttled[0] as CallResult)).toMatchObject({ limit: 5, remaining: 0 });
    expect(headers(throttled[0] as CallResult).reset).toBeGreaterThanOrEqual(1);
    expect((await call(sim(), "/abilities", { key: sim().apiKeys.readOnly })).status).toBe(200);
    expect(sim().stats().throttled).toBe(3);
  });

  it("a client that waits ratelimit-reset seconds is served again", async () => {
    sim().setRateLimit(60);
    let refused: CallResult | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await call(sim(), "/abilities", { key: sim().apiKeys.user });
      if (res.status === 429) refused = res;
    }
    if (!refused) throw new Error("never throttled");
    const wait = headers(refused).reset;
    expect(wait).toBe(1);
    await new Promise((r) => setTimeout(r, wait * 1000));
    expect((await call(sim(), "/abilities", { key: sim().apiKeys.user })).status).toBe(200);
  });

  it("the limit is set at run time through /__sim/rate-limits too (every budget restarts full)", async () => {
    const res = await control(sim(), "PUT", "/__sim/rate-limits", { rest: { perMinute: 2 } });
    expect(res.json.rest.perMinute).toBe(2);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call(sim(), "/abilities", { key: sim().apiKeys.readOnly })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("parses the CLI's N/min", () => {
    expect(parsePerMinute("960/min")).toBe(960);
    expect(() => parsePerMinute("16/s")).toThrow(/expected N\/min/);
  });
});
