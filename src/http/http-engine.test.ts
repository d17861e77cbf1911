import { performance } from "node:perf_hooks";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, readBody, startServer, type TestServer } from "../../test/helpers/loopback-server.ts";
import { AppError } from "../core/errors.ts";
import { HttpEngine, type HttpEngineConfig, type ProviderRequest } from "./http-engine.ts";
import { createHttpMetrics } from "./metrics.ts";

const SECRET = "s3cr3t-token-value";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const fast: HttpEngineConfig = { retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 6 } };

function engine(config: HttpEngineConfig = fast, registry?: Registry): HttpEngine {
  const instance = new HttpEngine(config, registry ? { metrics: createHttpMetrics(registry) } : {});
  cleanups.push(() => instance.close());
  return instance;
}

async function server(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const started = await startServer(handler);
  cleanups.push(() => started.close());
  return started;
}

/** A server answering the given statuses in order (the last one repeats), counting requests. */
async function sequenceServer(statuses: number[], headers: Record<string, string> = {}) {
  const seen: Array<{ method: string; url: string; authorization?: string; at: number }> = [];
  const srv = await server((req, res) => {
    seen.push({
      method: req.method ?? "",
      url: req.url ?? "",
      authorization: req.headers.authorization,
      at: performance.now(),
    });
    const status = statuses[Math.min(seen.length - 1, statuses.length - 1)] ?? 200;
    res.writeHead(status, { "content-type": "application/json", ...(status === 429 ? headers : {}) });
    res.end(JSON.stringify({ status }));
  });
  return { srv, seen };
}

function request(baseUrl: string, overrides: Partial<ProviderRequest> = {}): ProviderRequest {
  return {
    method: "GET",
    baseUrl,
    path: "/v2/users",
    accountId: "acc-1",
    provider: "prov",
    resource: "users",
    domain: "search",
    authorize: async () => ({ authorization: `Bearer ${SECRET}` }),
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

describe("HttpEngine retries", () => {
  it("retries 500, 502 and 503, then returns the success", async () => {
    const { srv, seen } = await sequenceServer([500, 502, 503, 200]);
    const registry = new Registry();
    const response = await engine(fast, registry).request(request(srv.url));
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(4);
    expect(response.json()).toEqual({ status: 200 });
    expect(seen).toHaveLength(4);
    const retries = await registry.getSingleMetric("roster_provider_retries_total")?.get();
    expect(retries?.values.reduce((sum, v) => sum + v.value, 0)).toBe(3);
  });

  it.each([501, 400, 404, 409])("does not retry %i and returns it to the caller", async (status) => {
    const { srv, seen } = await sequenceServer([status, 200]);
    const response = await engine().request(request(srv.url));
    expect(response.status).toBe(status);
    expect(seen).toHaveLength(1);
  });

  it("bounds the attempts and returns the last response", async () => {
    const { srv, seen } = await sequenceServer([503]);
    const response = await engine({ retry: { ...fast.retry, maxAttempts: 3 } }).request(request(srv.url));
    expect(response.status).toBe(503);
    expect(response.attempts).toBe(3);
    expect(seen).toHaveLength(3);
  });

  it("waits the period a 429 names before retrying", async () => {
    const { srv, seen } = await sequenceServer([429, 200], { "x-ratelimit-period-in-sec": "1" });
    const registry = new Registry();
    const config = {
      retry: { ...fast.retry, retryAfterHeaders: ["retry-after", "x-ratelimit-period-in-sec"] },
    };
    const response = await engine(config, registry).request(request(srv.url));
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    const throttled = await registry.getSingleMetric("roster_provider_throttled_total")?.get();
    expect(throttled?.values[0]?.value).toBe(1);
  });

  it("honours Retry-After on a 429", async () => {
    const { srv, seen } = await sequenceServer([429, 200], { "retry-after": "1" });
    await engine().request(request(srv.url));
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("takes provider-specific 429 headers from the request", async () => {
    const { srv, seen } = await sequenceServer([429, 200], { "x-wait": "1" });
    await engine().request(request(srv.url, { retry: { retryAfterHeaders: ["x-wait"] } }));
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("returns the 429 when the wait it asks for would overrun the deadline", async () => {
    const { srv, seen } = await sequenceServer([429, 200], { "retry-after": "30" });
    const response = await engine({ ...fast, deadlineMs: 2_000 }).request(request(srv.url));
    expect(response.status).toBe(429);
    expect(seen).toHaveLength(1);
  });
});

describe("HttpEngine writes", () => {
  it("does not retry a write after a 500", async () => {
    const { srv, seen } = await sequenceServer([500, 201]);
    const response = await engine().request(request(srv.url, { method: "POST", body: { name: "x" } }));
    expect(response.status).toBe(500);
    expect(seen).toHaveLength(1);
  });

  it("retries a write after a 429", async () => {
    const { srv, seen } = await sequenceServer([429, 201], { "retry-after": "0" });
    const response = await engine().request(request(srv.url, { method: "POST", body: { name: "x" } }));
    expect(response.status).toBe(201);
    expect(seen.map((s) => s.method)).toEqual(["POST", "POST"]);
  });

  it("retries a write whose connection was refused, and it arrives exactly once", async () => {
    const port = await freePort();
    const bodies: string[] = [];
    // The server comes up only after the first attempts were refused.
    const late = new Promise<void>((resolve) => {
      setTimeout(async () => {
        const srv = await startServer(async (req, res) => {
          bodies.push(await readBody(req));
          res.writeHead(201).end("{}");
        }, port);
        cleanups.push(() => srv.close());
        resolve();
      }, 150);
    });
    const config = { retry: { baseDelayMs: 40, maxDelayMs: 80, maxAttempts: 30 } };
    const response = await engine(config).request(
      request(`http://127.0.0.1:${port}`, { method: "POST", body: { name: "x" } }),
    );
    await late;
    expect(response.status).toBe(201);
    expect(response.attempts).toBeGreaterThan(1);
    expect(bodies).toEqual(['{"name":"x"}']);
  });

  it("does not retry a write whose connection was reset after sending", async () => {
    let count = 0;
    const srv = await server((req) => {
      count++;
      req.socket.destroy();
    });
    const error = await caught(engine().request(request(srv.url, { method: "POST", body: {} })));
    expect(error.code).toBe("provider_unreachable");
    expect(error.status).toBe(502);
    expect(count).toBe(1);
  });
});

describe("HttpEngine network failures", () => {
  it("retries a read whose connection was reset", async () => {
    let count = 0;
    const srv = await server((req, res) => {
      count++;
      if (count === 1) req.socket.destroy();
      else res.writeHead(200).end("{}");
    });
    const response = await engine().request(request(srv.url));
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(2);
  });

  it("turns a silent server into provider_timeout within the deadline", async () => {
    let count = 0;
    const srv = await server(() => {
      count++; // never answers
    });
    const started = performance.now();
    const error = await caught(
      engine({ ...fast, headersTimeoutMs: 100, deadlineMs: 1_000 }).request(request(srv.url)),
    );
    expect(error.code).toBe("provider_timeout");
    expect(error.status).toBe(504);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(count).toBeGreaterThan(1); // the header timeout was retried
  });

  it("enforces the overall deadline even when per-attempt timeouts are long", async () => {
    const srv = await server(() => undefined);
    const started = performance.now();
    const error = await caught(
      engine({ ...fast, headersTimeoutMs: 30_000, deadlineMs: 300 }).request(request(srv.url)),
    );
    expect(error.code).toBe("provider_timeout");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("throws provider_unreachable after bounded attempts, naming no secret", async () => {
    const port = await freePort();
    let authorizations = 0;
    const error = await caught(
      engine({ retry: { ...fast.retry, maxAttempts: 3 } }).request(
        request(`http://127.0.0.1:${port}`, {
          query: { q: "x" },
          authorize: async () => {
            authorizations++;
            return { authorization: `Bearer ${SECRET}`, "x-api-key": SECRET };
          },
        }),
      ),
    );
    expect(error.code).toBe("provider_unreachable");
    expect(error.details).toMatchObject({ attempts: 3, failure: "connect" });
    expect(authorizations).toBe(3);
    const everything = [error.message, JSON.stringify(error.details), String(error.cause), error.stack].join(
      "\n",
    );
    expect(everything).not.toContain(SECRET);
  });

  it("rethrows the caller's abort, not a provider error", async () => {
    const srv = await server(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("client went away")), 50);
    await expect(engine().request(request(srv.url, { signal: controller.signal }))).rejects.toThrow(
      "client went away",
    );
  });
});

describe("HttpEngine requests", () => {
  it("calls authorize per attempt and sends its headers", async () => {
    const { srv, seen } = await sequenceServer([503, 200]);
    let calls = 0;
    await engine().request(
      request(srv.url, {
        authorize: async () => {
          calls++;
          return { Authorization: `Bearer ${SECRET}-${calls}` };
        },
      }),
    );
    expect(calls).toBe(2);
    expect(seen.map((s) => s.authorization)).toEqual([`Bearer ${SECRET}-1`, `Bearer ${SECRET}-2`]);
  });

  it("joins base path, path and query, and sends JSON bodies", async () => {
    let seen: { url?: string; type?: string; body?: string; host?: string; trace?: string } = {};
    const srv = await server(async (req, res) => {
      seen = {
        url: req.url,
        type: req.headers["content-type"],
        body: await readBody(req),
        host: req.headers.host,
        trace: String(req.headers["x-trace"]),
      };
      res.writeHead(200, { "x-multi": ["a", "b"] }).end("");
    });
    const response = await engine().request(
      request(`${srv.url}/api/`, {
        method: "PATCH",
        query: { a: "1", "include[]": ["x", "y"], skip: undefined },
        body: { fullName: "Jane" },
        headers: { Host: "elsewhere.example", Connection: "close", "X-Trace": "t1" },
      }),
    );
    expect(seen).toEqual({
      url: "/api/v2/users?a=1&include%5B%5D=x&include%5B%5D=y",
      type: "application/json",
      body: '{"fullName":"Jane"}',
      host: new URL(srv.url).host, // a caller's Host header never redirects the request
      trace: "t1",
    });
    expect(response.headers["x-multi"]).toBe("a, b");
    expect(response.json()).toBeNull();
  });

  it("refuses paths that escape the base path", async () => {
    await expect(
      engine().request(request("http://127.0.0.1:1/api", { path: "/../admin" })),
    ).rejects.toMatchObject({
      code: "invalid_path",
    });
    await expect(
      engine().request(request("http://127.0.0.1:1", { path: "//evil.example/x" })),
    ).rejects.toMatchObject({
      code: "invalid_path",
    });
  });
});
