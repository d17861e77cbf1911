/** Request accounting on a fake clock: counters, and peak rates over one second and a sliding minute. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Stats } from "./stats.ts";

const T = Date.UTC(2024, 0, 1);

describe("Stats", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts answers by domain, endpoint and status, 429s as throttled, faults by kind; reset forgets", () => {
    const s = new Stats();
    s.record("search", "GET /v2/users", 200);
    s.record("search", "GET /v2/users", 429);
    s.record(undefined, "GET (reset)", "reset");
    s.fault("reset");
    expect(s.snapshot()).toEqual({
      since: new Date(T).toISOString(),
      total: 3,
      throttled: 1,
      byDomain: { search: 2 },
      byEndpoint: { "GET /v2/users": 2, "GET (reset)": 1 },
      byStatus: { "200": 1, "429": 1, reset: 1 },
      faults: { reset: 1 },
      rates: {},
    });
    vi.advanceTimersByTime(5000);
    s.reset();
    expect(s.snapshot()).toMatchObject({ since: new Date(T + 5000).toISOString(), total: 0, byStatus: {} });
  });

  it("keeps the peak per second and per sliding minute, for all arrivals and for accepted ones", () => {
    const s = new Stats();
    for (let i = 0; i < 3; i++) s.arrive("search", true);
    s.arrive("search", false);
    vi.advanceTimersByTime(1000);
    s.arrive("search", true);
    expect(s.snapshot().rates.search).toEqual({
      maxPerSecond: 4,
      maxPerMinute: 5,
      maxAcceptedPerSecond: 3,
      maxAcceptedPerMinute: 4,
    });
    // A minute later the first arrivals have left the window: 6 more make a minute of 6, not 11.
    vi.advanceTimersByTime(60_000);
    for (let i = 0; i < 6; i++) s.arrive("search", true);
    expect(s.snapshot().rates.search).toMatchObject({ maxPerSecond: 6, maxPerMinute: 6 });
  });
});
