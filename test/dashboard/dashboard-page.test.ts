import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import { ensureDashboardBuild } from "./support/dashboard-build.ts";

describe("the dashboard page at /dashboard", () => {
  let roster: TestRoster;
  beforeAll(async () => {
    await ensureDashboardBuild();
    const database = testDatabases[0];
    if (!database) throw new Error("no test database");
    roster = await startTestRoster({ databaseUrl: await database.create() });
  }, 120_000);
  afterAll(() => roster?.close());

  it("is served without a token, never cached, framed or talking to another origin", async () => {
    for (const url of ["/dashboard", "/dashboard/"]) {
      const res = await roster.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("no-store");
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      // Every script and stylesheet is one of Roster's own fingerprinted files.
      const assets = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
      expect(assets.length).toBeGreaterThanOrEqual(2);
      for (const asset of assets) expect(asset).toMatch(/^\/dashboard\/assets\/[\w.-]+\.(js|css)$/);
    }
  });

  it("serves its assets and keeps them out of the OpenAPI document", async () => {
    const page = await roster.app.inject({ url: "/dashboard" });
    const script = /src="(\/dashboard\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    const res = await roster.app.inject({ url: script ?? "" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/javascript/);
    const missing = await roster.app.inject({ url: "/dashboard/assets/nothing-here.js" });
    expect(missing.statusCode).toBe(404);
    const doc = (await roster.app.inject({ url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/dashboard"))).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/event", "/integrated-account/{id}/seat-history"]),
    );
  });
});
