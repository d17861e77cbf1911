import { describe, expect, it } from "vitest";
import { timeAxis } from "../../src/web/dashboard/time-axis.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every tick on a whole local hour, evenly spaced from min to max, at most five of them. */
function expectRoundTicks(axis: ReturnType<typeof timeAxis>) {
  expect(axis.ticks[0]).toBe(axis.min);
  expect(axis.ticks.at(-1)).toBe(axis.max);
  expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
  expect(axis.ticks.length).toBeLessThanOrEqual(5);
  const gaps = new Set(axis.ticks.slice(1).map((t, i) => t - (axis.ticks[i] ?? 0)));
  expect(gaps.size).toBe(1);
  for (const tick of axis.ticks) {
    const date = new Date(tick);
    expect([date.getMinutes(), date.getSeconds(), date.getMilliseconds()]).toEqual([0, 0, 0]);
  }
}

describe("the seat chart's time axis", () => {
  it("puts a single sync in its day, hours either side, not years", () => {
    const at = Date.parse("2026-11-30T10:17:42.123Z");
    const axis = timeAxis([at]);
    expect(axis.min).toBeLessThanOrEqual(at - 6 * HOUR);
    expect(axis.max).toBeGreaterThanOrEqual(at + 6 * HOUR);
    expect(axis.max - axis.min).toBeLessThanOrEqual(2 * DAY);
    expectRoundTicks(axis);
  });

  it("widens syncs minutes apart to a day, and spans weeks of syncs with a little room", () => {
    const at = Date.parse("2026-03-01T23:50:00Z");
    const burst = timeAxis([at + 10 * 60_000, at]);
    expect(burst.min).toBeLessThan(at);
    expect(burst.max - burst.min).toBeGreaterThanOrEqual(DAY);
    expect(burst.max - burst.min).toBeLessThanOrEqual(2 * DAY);
    expectRoundTicks(burst);

    const weeks = timeAxis([at, at + 10 * DAY, at + 30 * DAY]);
    expect(weeks.min).toBeLessThan(at);
    expect(weeks.min).toBeGreaterThan(at - 15 * DAY);
    expect(weeks.max).toBeGreaterThan(at + 30 * DAY);
    expect(weeks.max).toBeLessThan(at + 45 * DAY);
    expect(weeks.ticks.length).toBeLessThanOrEqual(5);
  });

  it("refuses an empty list", () => {
    expect(() => timeAxis([])).toThrow(/at least one/);
  });
});
