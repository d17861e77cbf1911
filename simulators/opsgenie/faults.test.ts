/** Faults as a client experiences them: 5xx bodies, resets, truncated bodies and slow answers. */
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { startOpsgenieSimulator } from "./index.ts";
import { call, useSimulator } from "./test-helpers.ts";

describe("faults over HTTP", () => {
  const sim = useSimulator({ seed: 31 });

  it("5xx: 500/502/503 with a JSON error envelope", async () => {
    sim().setFaults({ "5xx": 1 });
    const res = await call(sim(), "/v2/account");
    expect([500, 502, 503]).toContain(res.status);
    expect(res.json).toMatchObject({
      message: expect.any(String),
      requestId: expect.any(String),
      took: expect.any(Number),
    });
    sim().setFaults({ "5xx": 0 });
  });

  it("reset: the connection is destroyed without an answer", async () => {
    sim().setFaults({ reset: 1 });
    await expect(
      fetch(`${sim().url}/v2/account`, { headers: { Authorization: `GenieKey ${sim().apiKeys.full}` } }),
    ).rejects.toThrow();
    sim().setFaults({ reset: 0 });
  });

  it("truncate: Content-Length of the full body but only half of it arrives", async () => {
    sim().setFaults({ truncate: 1 });
    const outcome = await new Promise<{ declared: number; received: number; aborted: boolean }>((resolve) => {
      const req = request(`${sim().url}/v2/users?limit=50`, {
        headers: { Authorization: `GenieKey ${sim().apiKeys.full}` },
      });
      req.on("response", (res) => {
        let received = 0;
        res.on("data", (c: Buffer) => {
          received += c.length;
        });
        const done = (aborted: boolean): void =>
          resolve({ declared: Number(res.headers["content-length"]), received, aborted });
        res.on("aborted", () => done(true));
        res.on("error", () => done(true));
        res.on("end", () => done(false));
      });
      req.on("error", () => resolve({ declared: -1, received: -1, aborted: true }));
      req.end();
    });
    sim().setFaults({ truncate: 0 });
    expect(outcome.aborted).toBe(true);
    expect(outcome.received).toBe(Math.floor(outcome.declared / 2));
  });

  it("slow: the answer comes after slowDelayMs", async () => {
    sim().setFaults({ slow: 1, slowDelayMs: 300 });
    const started = performance.now();
    const res = await call(sim(), "/v2/account");
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    sim().setFaults({ slow: 0 });
  });

  it("faults never hit /__sim, and stats count them", async () => {
    sim().setFaults({ reset: 1 });
    const res = await fetch(`${sim().url}/__sim/faults`);
    expect(res.status).toBe(200);
    expect((await res.json()).reset).toBe(1);
    sim().setFaults({ reset: 0 });
    expect(sim().stats().faults).toMatchObject({ "5xx": 1, reset: 1, truncate: 1, slow: 1 });
  });

  it("PUT /__sim/faults sets faults at run time", async () => {
    const put = await fetch(`${sim().url}/__sim/faults`, {
      method: "PUT",
      body: JSON.stringify({ "5xx": 1 }),
    });
    expect((await put.json())["5xx"]).toBe(1);
    expect((await call(sim(), "/v2/account")).status).toBeGreaterThanOrEqual(500);
    await fetch(`${sim().url}/__sim/faults`, { method: "PUT", body: JSON.stringify({ "5xx": 0 }) });
    expect((await call(sim(), "/v2/account")).status).toBe(200);
    const bad = await fetch(`${sim().url}/__sim/faults`, {
      method: "PUT",
      body: JSON.stringify({ "5xx": 3 }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("fault determinism and shutdown", () => {
  it("the same seed and request order fail the same way", async () => {
    const sequence = async (): Promise<number[]> => {
      const sim = await startOpsgenieSimulator({ seed: 99, users: 10, teams: 2, faults: { "5xx": 0.5 } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await call(sim, "/v2/account")).status);
      await sim.close();
      return out;
    };
    const a = await sequence();
    expect(await sequence()).toEqual(a);
    expect(a.some((s) => s === 200) && a.some((s) => s >= 500)).toBe(true);
  });

  it("close() is prompt even while a slow (30 s) answer is pending", async () => {
    const sim = await startOpsgenieSimulator({ users: 5, teams: 1, faults: { slow: 1 } });
    const pending = fetch(`${sim.url}/v2/account`, {
      headers: { Authorization: `GenieKey ${sim.apiKeys.full}` },
    }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await sim.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
