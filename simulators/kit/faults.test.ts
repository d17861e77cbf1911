/** The fault injector on its own: kinds by probability, replayable streams, spec and body parsing. */
import { describe, expect, it } from "vitest";
import { checkFaults, FaultInjector, parseFaults } from "./faults.ts";

describe("FaultInjector", () => {
  it("the injector mixes kinds by probability", () => {
    const f = new FaultInjector(1, { reset: 0.25, truncate: 0.25, "5xx": 0.25, slow: 0.25 });
    const kinds = new Set(Array.from({ length: 200 }, () => f.decide()?.kind));
    expect(kinds).toEqual(new Set(["reset", "truncate", "5xx", "slow"]));
    expect(parseFaults("5xx=0.1,reset=0.02,slow=0.01,truncate=0.01")).toEqual({
      "5xx": 0.1,
      reset: 0.02,
      slow: 0.01,
      truncate: 0.01,
    });
  });

  it("draws nothing while inactive; set() restarts the stream so a sequence replays", () => {
    const f = new FaultInjector(7);
    expect(f.active).toBe(false);
    expect(f.decide()).toBeUndefined();
    f.set({ "5xx": 0.5 });
    const first = Array.from({ length: 30 }, () => f.decide());
    f.set({});
    expect(Array.from({ length: 30 }, () => f.decide())).toEqual(first);
    expect(first.filter(Boolean).every((d) => d?.kind === "5xx" && [500, 502, 503].includes(d.status))).toBe(
      true,
    );
  });

  it("rejects bad specs and bodies", () => {
    expect(parseFaults("slow-ms=100")).toEqual({ slowDelayMs: 100 });
    expect(() => parseFaults("5xx=2")).toThrow(/within 0..1/);
    expect(() => parseFaults("boom=0.1")).toThrow(/unknown fault/);
    expect(checkFaults({ reset: 0.5, slowDelayMs: 10 })).toEqual({ reset: 0.5, slowDelayMs: 10 });
    expect(() => checkFaults({ reset: 2 })).toThrow(/probability/);
    expect(() => checkFaults({ reset: "x" })).toThrow(/non-negative number/);
  });
});
