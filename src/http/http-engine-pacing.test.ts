import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../test/helpers/loopback-server.ts";
import { HttpEngine, type HttpEngineConfig, type ProviderRequest } from "./http-engine.ts";
import { InMemoryBucketStore } from "./rate-limit/bucket-store.ts";
import { Pacer, type PacerConfig } from "./rate-limit/pacer.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/**
 * A provider with its own strict token bucket (capacity = limit, continuous refill, starts full):
 * it answers 429 as soon as a request exceeds the budget, exactly like the providers we pace against.
 */
async function limitedServer(limit: number, periodSeconds = 1, holdMs = 0) {
  const stats = { ok: 0, throttled: 0, inFlight: 0, maxInFlight: 0, arrivals: [] as number[] };
  let tokens = limit;
  let updatedAt = performance.now();
  const srv: TestServer = await startServer((_req, res) => {
    const now = performance.now();
    tokens = Math.min(limit, tokens + ((now - updatedAt) * limit) / (periodSeconds * 1000));
    updatedAt = now;
    stats.arrivals.push(now);
    if (tokens < 1) {
      stats.throttled++;
      res.writeHead(429, { "x-ratelimit-period-in-sec": String(periodSeconds) }).end("{}");
      return;
    }
    tokens -= 1;
    stats.ok++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    setTimeout(() => {
      stats.inFlight--;
      res.writeHead(200).end("{}");
    }, holdMs);
  });
  cleanups.push(() => srv.close());
  return { srv, stats };
}

function setup(pacerConfig: PacerConfig | null, config: HttpEngineConfig = {}) {
  const pacer = pacerConfig ? new Pacer(new InMemoryBucketStore(), pacerConfig) : undefined;
  const engine = new HttpEngine(
    { concurrencyPerAccount: 100, throttlePeriodHeader: "x-ratelimit-period-in-sec", ...config },
    { pacer },
  );
  cleanups.push(() => engine.close());
  return { engine, pacer };
}

const request = (baseUrl: string, accountId = "acc-1"): ProviderRequest => ({
  method: "GET",
  baseUrl,
  path: "/v2/users",
  accountId,
  provider: "prov",
  resource: "users",
  domain: "search",
  authorize: async () => ({ authorization: "Bearer t" }),
});

const burst = (engine: HttpEngine, baseUrl: string, count: number, accountId?: string) =>
  Promise.all(Array.from({ length: count }, () => engine.request(request(baseUrl, accountId))));

describe("HttpEngine pacing", () => {
  it("control: without pacing, a burst trips the server's bucket", async () => {
    const { srv, stats } = await limitedServer(20);
    const { engine } = setup(null, { retry: { maxAttempts: 1 } });
    await burst(engine, srv.url, 60);
    expect(stats.throttled).toBeGreaterThan(0);
  });

  it("keeps a burst of 60 under 20/s with zero 429s, close to the floor", async () => {
    const { srv, stats } = await limitedServer(20);
    const { engine } = setup({ defaultLimits: { "*": [{ limit: 20, periodSeconds: 1 }] } });
    const started = performance.now();
    const responses = await burst(engine, srv.url, 60);
    const elapsed = performance.now() - started;
    expect(stats.throttled).toBe(0);
    expect(responses.every((r) => r.status === 200 && r.attempts === 1)).toBe(true);
    // Floor: 20 at once, then 40 at 20/s = 2 s. Generous upper bound only.
    expect(elapsed).toBeLessThan(2_000 * 1.5);
  });

  it("learn() applies an account's real limits", async () => {
    const { srv, stats } = await limitedServer(5);
    const { engine, pacer } = setup({ defaultLimits: { "*": [{ limit: 100, periodSeconds: 1 }] } });
    pacer?.learn("acc-1", "prov", [{ domain: "search", windows: [{ limit: 5, periodSeconds: 1 }] }]);
    await burst(engine, srv.url, 15);
    expect(stats.throttled).toBe(0);
    const span = (stats.arrivals.at(-1) ?? 0) - (stats.arrivals[0] ?? 0);
    expect(span).toBeGreaterThan(1_800); // 4 at once, then 11 at ~4.85/s
  });

  it("slows down after a 429 and still completes every request", async () => {
    const { srv, stats } = await limitedServer(10);
    // The pacer believes in 40/s: the server will throttle it.
    const { engine, pacer } = setup(
      { defaultLimits: { "*": [{ limit: 40, periodSeconds: 1 }] } },
      { retry: { maxAttempts: 20, retryAfterHeaders: ["x-ratelimit-period-in-sec"] } },
    );
    const key = { accountId: "acc-1", provider: "prov", domain: "search" };
    const before = pacer?.effectiveWindows(key)[0]?.limit ?? 0;
    const responses = await burst(engine, srv.url, 40);
    expect(stats.throttled).toBeGreaterThan(0);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(pacer?.effectiveWindows(key)[0]?.limit ?? Infinity).toBeLessThan(before * 0.9);
  });
});

describe("HttpEngine concurrency", () => {
  it("caps requests in flight per account", async () => {
    const { srv, stats } = await limitedServer(1000, 1, 40);
    const { engine } = setup(null, { concurrencyPerAccount: 3 });
    await burst(engine, srv.url, 20);
    expect(stats.maxInFlight).toBe(3);
  });

  it("gives each account its own slots", async () => {
    const { srv, stats } = await limitedServer(1000, 1, 40);
    const { engine } = setup(null, { concurrencyPerAccount: 3 });
    await Promise.all([burst(engine, srv.url, 12, "a"), burst(engine, srv.url, 12, "b")]);
    expect(stats.maxInFlight).toBe(6);
  });
});

describe("HttpEngine deadline while queued", () => {
  it("reports rate_limited, not a provider timeout, when the budget runs out before sending, with when it refills", async () => {
    const { srv, stats } = await limitedServer(100);
    const { engine } = setup({ defaultLimits: { "*": [{ limit: 1, periodSeconds: 60 }] } });
    await engine.request(request(srv.url));
    const error = await engine.request({ ...request(srv.url), deadlineMs: 200 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "rate_limited", status: 429 });
    // 1 a minute paced at 97 %: the next token is due about 61.9 s after the first request.
    const { retryAfterSeconds } = error as { retryAfterSeconds?: number };
    expect(retryAfterSeconds).toBeGreaterThan(55);
    expect(retryAfterSeconds).toBeLessThanOrEqual(62);
    expect(stats.ok).toBe(1);
  });
});
