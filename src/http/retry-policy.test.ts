import { describe, expect, it } from "vitest";
import {
  type AttemptOutcome,
  backoffDelay,
  decideRetry,
  parseDelayHeader,
  type RetryConfig,
  retryDefaults,
  throttleDelayFromHeaders,
} from "./retry-policy.ts";

const config: RetryConfig = {
  ...retryDefaults,
  retryAfterHeaders: ["retry-after", "x-ratelimit-period-in-sec", "ratelimit-reset"],
};
const now = Date.parse("2025-01-01T00:00:00Z");
const response = (status: number, headers: Record<string, string> = {}): AttemptOutcome => ({
  kind: "response",
  status,
  headers,
});
const error = (failure: "connect" | "reset" | "timeout" | "other"): AttemptOutcome => ({
  kind: "error",
  failure,
});
const half = () => 0.5;

describe("parseDelayHeader", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseDelayHeader("2", now)).toBe(2000);
    expect(parseDelayHeader("0.5", now)).toBe(500);
    expect(parseDelayHeader(new Date(now + 3000).toUTCString(), now)).toBe(3000);
    expect(parseDelayHeader(new Date(now - 3000).toUTCString(), now)).toBe(0);
  });
  it("rejects garbage", () => {
    expect(parseDelayHeader(undefined, now)).toBeNull();
    expect(parseDelayHeader("", now)).toBeNull();
    expect(parseDelayHeader("-1", now)).toBeNull();
    expect(parseDelayHeader("soon", now)).toBeNull();
  });
  it("uses the first configured header that parses", () => {
    const names = config.retryAfterHeaders;
    expect(
      throttleDelayFromHeaders({ "x-ratelimit-period-in-sec": "60", "ratelimit-reset": "3" }, names, now),
    ).toBe(60_000);
    expect(throttleDelayFromHeaders({ "retry-after": "nope", "ratelimit-reset": "3" }, names, now)).toBe(
      3000,
    );
    expect(throttleDelayFromHeaders({}, names, now)).toBeNull();
  });
});

describe("backoffDelay", () => {
  it("grows exponentially under a cap, with full jitter", () => {
    expect(backoffDelay(1, config, () => 0.999)).toBe(199);
    expect(backoffDelay(3, config, () => 0.999)).toBe(799);
    expect(backoffDelay(20, config, () => 0.999)).toBe(9990);
    expect(backoffDelay(5, config, () => 0)).toBe(0);
  });
});

describe("decideRetry", () => {
  const decide = (method: "GET" | "POST", outcome: AttemptOutcome, attempt = 1) =>
    decideRetry({ method, outcome, attempt, now }, config, half);

  it("retries reads on 5xx except 501, never on 4xx or 2xx", () => {
    for (const status of [500, 502, 503, 504])
      expect(decide("GET", response(status))).toMatchObject({ retry: true, reason: "server_error" });
    for (const status of [200, 400, 401, 404, 501])
      expect(decide("GET", response(status))).toEqual({ retry: false });
  });

  it("waits what a 429 asks plus jitter, for reads and writes", () => {
    const read = decide("GET", response(429, { "x-ratelimit-period-in-sec": "1" }));
    expect(read).toEqual({ retry: true, delayMs: 1050, reason: "throttled" });
    const write = decide("POST", response(429, { "retry-after": "2" }));
    expect(write).toEqual({ retry: true, delayMs: 2100, reason: "throttled" });
  });

  it("falls back to a doubling wait on a bare 429 and clamps huge ones", () => {
    expect(decide("GET", response(429), 2)).toMatchObject({ delayMs: 2100 });
    expect(decide("GET", response(429, { "retry-after": "86400" }))).toMatchObject({ delayMs: 63_000 });
  });

  it("does not retry writes that reached the provider", () => {
    expect(decide("POST", response(500))).toEqual({ retry: false });
    expect(decide("POST", error("reset"))).toEqual({ retry: false });
    expect(decide("POST", error("timeout"))).toEqual({ retry: false });
  });

  it("retries writes that never left (connect failure)", () => {
    expect(decide("POST", error("connect"))).toMatchObject({ retry: true, reason: "connect_error" });
  });

  it("retries reads on resets and timeouts but not unknown errors", () => {
    expect(decide("GET", error("reset"))).toMatchObject({ retry: true, reason: "reset" });
    expect(decide("GET", error("timeout"))).toMatchObject({ retry: true, reason: "timeout" });
    expect(decide("GET", error("other"))).toEqual({ retry: false });
  });

  it("stops at maxAttempts", () => {
    expect(decide("GET", response(503), config.maxAttempts - 1)).toMatchObject({ retry: true });
    expect(decide("GET", response(503), config.maxAttempts)).toEqual({ retry: false });
    expect(decide("GET", response(429), config.maxAttempts)).toEqual({ retry: false });
  });
});
