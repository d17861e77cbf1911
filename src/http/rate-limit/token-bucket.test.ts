import { describe, expect, it } from "vitest";
import { refill, take } from "./token-bucket.ts";

const window = { limit: 10, periodSeconds: 1 };

describe("token bucket", () => {
  it("starts full and refuses once empty, saying how long to wait", () => {
    let state = undefined as ReturnType<typeof refill> | undefined;
    for (let i = 0; i < 10; i++) {
      const result = take(window, state, 0);
      expect(result.ok).toBe(true);
      state = result.state;
    }
    const refused = take(window, state, 0);
    expect(refused).toMatchObject({ ok: false, waitMs: 100 });
  });

  it("refills continuously up to capacity", () => {
    expect(refill(window, { tokens: 0, updatedAt: 0 }, 250).tokens).toBeCloseTo(2.5);
    expect(refill(window, { tokens: 0, updatedAt: 0 }, 60_000).tokens).toBe(10);
  });

  it("honours a burst smaller than the limit", () => {
    const small = { limit: 10, periodSeconds: 1, burst: 3 };
    expect(refill(small, undefined, 0).tokens).toBe(3);
    expect(refill(small, { tokens: 0, updatedAt: 0 }, 10_000).tokens).toBe(3);
  });

  it("lets a request through a bucket whose capacity is below one token, then charges the debt", () => {
    const tiny = { limit: 0.5, periodSeconds: 1 };
    const first = take(tiny, undefined, 0);
    expect(first.ok).toBe(true);
    expect(first.state.tokens).toBeCloseTo(-0.5);
    expect(take(tiny, first.state, 0)).toMatchObject({ ok: false, waitMs: 2000 });
  });

  it("ignores a clock that goes backwards", () => {
    expect(refill(window, { tokens: 1, updatedAt: 1000 }, 500)).toEqual({ tokens: 1, updatedAt: 1000 });
  });
});
