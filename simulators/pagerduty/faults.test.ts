/** Faults as a PagerDuty client meets them: 5xx in PagerDuty's error envelope, dropped connections, slowness. */
import { describe, expect, it } from "vitest";
import { call, useSimulator } from "./test-helpers.ts";

describe("faults over HTTP", () => {
  const sim = useSimulator({ seed: 71, users: 10, teams: 1 });

  it("5xx: 500/502/503 with `{ error: { message } }` and the rate-limit headers", async () => {
    sim().setFaults({ "5xx": 1 });
    try {
      const res = await call(sim(), "/users");
      expect([500, 502, 503]).toContain(res.status);
      expect(res.json).toEqual({ error: { message: expect.any(String) } });
      expect(res.headers.get("ratelimit-limit")).toBe("960");
    } finally {
      sim().setFaults({ "5xx": 0 });
    }
  });

  it("reset: the connection is dropped without an answer; the same seed replays the same faults", async () => {
    sim().setFaults({ reset: 0.5 });
    const run = async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 8; i++)
        outcomes.push(
          await call(sim(), "/abilities").then(
            (r) => String(r.status),
            () => "reset",
          ),
        );
      return outcomes;
    };
    const first = await run();
    sim().setFaults({ reset: 0.5 });
    const second = await run();
    sim().setFaults({ reset: 0 });
    expect(first).toContain("reset");
    expect(first).toContain("200");
    expect(second).toEqual(first);
  });

  it("slow: the answer comes after slowDelayMs", async () => {
    sim().setFaults({ slow: 1, slowDelayMs: 300 });
    const started = performance.now();
    const res = await call(sim(), "/abilities");
    sim().setFaults({ slow: 0 });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
  });
});
