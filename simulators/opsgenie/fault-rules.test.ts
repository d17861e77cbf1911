/** Targeted faults: one path, one offset, the Nth request; set over /__sim/fault-rules or the handle. */
import { afterEach, describe, expect, it } from "vitest";
import { call, useSimulator } from "./test-helpers.ts";

describe("targeted fault rules", () => {
  const sim = useSimulator({ seed: 41, users: 7, teams: 2 });
  afterEach(() => {
    sim().setFaultRules([]);
  });

  it("5xx only on the page at the given offset, other paths and pages untouched", async () => {
    sim().setFaultRules([{ kind: "5xx", path: "/v2/users", offset: 5, status: 502 }]);
    expect((await call(sim(), "/v2/users?limit=5")).status).toBe(200);
    const second = await call(sim(), "/v2/users?limit=5&offset=5");
    expect(second.status).toBe(502);
    expect(second.json).toMatchObject({ message: "Bad Gateway", requestId: expect.any(String) });
    expect((await call(sim(), "/v2/account")).status).toBe(200);
  });

  it("after and times pick which matching requests fail", async () => {
    sim().setFaultRules([{ kind: "5xx", path: "/v2/account", after: 1, times: 2 }]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(sim(), "/v2/account")).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
  });

  it("repeat-next gives the last page a next link to its own offset, in the body and the header", async () => {
    sim().setFaultRules([{ kind: "repeat-next", path: "/v2/users" }]);
    const first = await call(sim(), "/v2/users?limit=5");
    expect(new URL(first.json.paging.next).searchParams.get("offset")).toBe("5");
    const last = await call(sim(), "/v2/users?limit=5&offset=5");
    expect(last.json.data).toHaveLength(2);
    expect(new URL(last.json.paging.next).searchParams.get("offset")).toBe("5");
    expect(last.headers.get("x-paging-next")).toBe(last.json.paging.next);
    const whole = await call(sim(), "/v2/users");
    expect(new URL(whole.json.paging.next).searchParams.get("offset")).toBe("0");
    expect(sim().stats().faults["repeat-next"]).toBeGreaterThanOrEqual(2);
  });

  it("hang holds the answer for delayMs; a trailing slash in the path still matches", async () => {
    sim().resetStats();
    sim().setFaultRules([{ kind: "hang", path: "/v2/request-limits/", delayMs: 300 }]);
    const started = performance.now();
    const res = await call(sim(), "/v2/request-limits/");
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(sim().stats().faults.hang).toBe(1);
  });

  it("hang without a delay never answers", async () => {
    sim().setFaultRules([{ kind: "hang", path: "/v2/request-limits" }]);
    await expect(
      fetch(`${sim().url}/v2/request-limits/`, {
        headers: { authorization: `GenieKey ${sim().apiKeys.full}` },
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow(/timeout|aborted/i);
  });

  it("PUT /__sim/fault-rules sets and validates rules; GET lists them", async () => {
    const put = (body: unknown) =>
      fetch(`${sim().url}/__sim/fault-rules`, { method: "PUT", body: JSON.stringify(body) });
    const ok = await put([{ kind: "5xx", path: "/v2/teams", times: 1 }]);
    expect(ok.status).toBe(200);
    expect(await (await fetch(`${sim().url}/__sim/fault-rules`)).json()).toEqual([
      { kind: "5xx", path: "/v2/teams", times: 1 },
    ]);
    expect((await call(sim(), "/v2/teams")).status).toBe(503);
    expect((await call(sim(), "/v2/teams")).status).toBe(200);
    for (const bad of [
      {},
      [{ kind: "boom", path: "/x" }],
      [{ kind: "hang", path: "x" }],
      [{ kind: "5xx", path: "/x", status: 404 }],
      [{ kind: "hang", path: "/x", delay: 1 }],
    ]) {
      const res = await put(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });
});
