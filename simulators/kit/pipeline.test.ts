/** The pipeline tells the dialect which path is being authenticated and which domain ran out of tokens. */
import { describe, expect, it } from "vitest";
import { createControl } from "./control.ts";
import { FaultRules } from "./fault-rules.ts";
import { FaultInjector } from "./faults.ts";
import { type Dialect, servePipeline } from "./pipeline.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { ok, type Reply } from "./reply.ts";
import type { RequestContext, Route } from "./route.ts";
import { Router } from "./router.ts";
import { Stats } from "./stats.ts";

type R = Route<RequestContext<null, string>, "a" | "b">;

describe("pipeline", () => {
  it("hands authenticate the path and throttled the refusing route's domain", async () => {
    const seen: { paths: string[]; domains: string[] } = { paths: [], domains: [] };
    const error = (status: number): Reply => ok({ status }, status);
    const dialect: Dialect<string, R> = {
      authenticate(_headers, path) {
        seen.paths.push(path);
        return path.startsWith("/public/") ? { key: "anonymous" } : { reply: error(401) };
      },
      notFound: () => error(404),
      methodNotAllowed: () => error(405),
      throttled(_period, domain) {
        seen.domains.push(domain);
        return error(429);
      },
      forbidden: () => undefined,
      invalidJson: () => error(400),
      fault: (status) => error(status),
      httpError: (e) => error(e.status),
      internalError: () => error(500),
      serialize: (reply) => ({ status: reply.status, json: JSON.stringify(reply.body), headers: {} }),
    };
    const routes: R[] = [
      { method: "GET", template: "/public/a", domain: "a", handler: () => ok({}) },
      { method: "GET", template: "/public/b", domain: "b", handler: () => ok({}) },
    ];
    const limiter = new RateLimiter({
      domains: ["a", "b"] as const,
      defaults: { perSecond: 1, perMinute: 60 },
    });
    const faults = new FaultInjector(1);
    const faultRules = new FaultRules();
    const stats = new Stats();
    const control = createControl({ stats, faults, faultRules, limiter, keysInfo: () => null });
    const server = await servePipeline(
      {
        router: new Router(routes),
        dialect,
        state: null,
        limiter,
        faults,
        faultRules,
        stats,
        control,
      },
      {},
    );
    try {
      const status = async (path: string) => (await fetch(`${server.url}${path}?x=1`)).status;
      expect(await status("/private")).toBe(401);
      expect([await status("/public/b"), await status("/public/b")]).toEqual([200, 429]);
      expect(seen.paths).toEqual(["/private", "/public/b", "/public/b"]);
      expect(seen.domains).toEqual(["b"]);
    } finally {
      await server.close();
    }
  });
});
