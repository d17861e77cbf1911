/** Faults from the kit, answered in JSM's terms. */
import { describe, expect, it } from "vitest";
import { call, ops, useSimulator } from "./test-helpers.ts";

describe("faults", () => {
  const sim = useSimulator({ seed: 15, users: 5, teams: 1 });

  it("a targeted 503 carries Retry-After and a JSON body; the next request succeeds", async () => {
    sim().setFaultRules([{ kind: "5xx", path: `${ops(sim())}/v1/teams`, times: 1 }]);
    const first = await call(sim(), `${ops(sim())}/v1/teams`);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(first.json).toEqual({ code: 503, message: "Service Unavailable" });
    expect((await call(sim(), `${ops(sim())}/v1/teams`)).status).toBe(200);
    sim().setFaultRules([]);
  });

  it("random 5xx faults follow the seed", async () => {
    sim().setFaults({ "5xx": 1 });
    try {
      expect([500, 502, 503]).toContain((await call(sim(), "/rest/api/3/myself")).status);
    } finally {
      sim().setFaults({ "5xx": 0 });
    }
  });
});
