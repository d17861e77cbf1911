import { describe, expect, it } from "vitest";
import { timeWindow } from "../../src/web/dashboard/time-window.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("the seat chart's time window", () => {
  it("puts a single sync in the middle of a day, not of years", () => {
    const at = Date.parse("2026-11-30T10:17:42.123Z");
    expect(timeWindow([at])).toEqual({ min: at - 12 * HOUR, max: at + 12 * HOUR });
  });

  it("widens syncs minutes apart to a day, and spans weeks of syncs with a little room", () => {
    const at = Date.parse("2026-03-01T23:50:00Z");
    const burst = timeWindow([at + 10 * 60_000, at]);
    expect(burst.max - burst.min).toBe(DAY);
    expect(burst.min).toBeLessThan(at);
    expect(burst.max).toBeGreaterThan(at + 10 * 60_000);

    const weeks = timeWindow([at + 30 * DAY, at, at + 10 * DAY]);
    expect(weeks).toEqual({ min: at - 1.5 * DAY, max: at + 31.5 * DAY });
  });

  it("refuses an empty list", () => {
    expect(() => timeWindow([])).toThrow(/at least one/);
  });
});
