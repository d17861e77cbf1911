import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faviconSvg } from "../../src/api/routes/favicon.ts";
import { testDatabases } from "../helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";
import { ensureWebBuild } from "../web/support/web-build.ts";
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
      // Every script and stylesheet is one of Roster's own fingerprinted files (the icon is inline: data:).
      const assets = [...res.body.matchAll(/(?:src|href)="(?!data:)([^"]+)"/g)].map((m) => m[1] ?? "");
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
    // A path climbing out of the assets folder, sent as is (a client that does not normalize it), is refused in
    // Roster's shape with a code that matches its status.
    const url = new URL(await roster.app.listen({ port: 0, host: "127.0.0.1" }));
    const climbing = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        // Options, not a URL: a URL would be normalized before it is sent.
        .get(
          { host: url.hostname, port: url.port, path: "/dashboard/assets/../../../package.json" },
          (res) => {
            let body = "";
            res.on("data", (chunk) => (body += chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          },
        )
        .on("error", reject);
    });
    expect(climbing.status).toBe(403);
    expect(JSON.parse(climbing.body)).toEqual({
      statusCode: 403,
      error: "Forbidden",
      code: "forbidden",
      message: "This path is not allowed.",
    });
    const doc = (await roster.app.inject({ url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/dashboard"))).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/event", "/integrated-account/{id}/seat-history"]),
    );
  });

  it("answers /favicon.ico with Roster's icon, without a token, and keeps it out of the OpenAPI document", async () => {
    const res = await roster.app.inject({ url: "/favicon.ico" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml");
    expect(res.body).toBe(faviconSvg());
    expect(res.body).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
    const doc = (await roster.app.inject({ url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).not.toContain("/favicon.ico");
  });

  it("carries the same icon inline, in the dashboard and the connect page, so the browser asks for none", async () => {
    const inlineIcon = (html: string) => {
      const href = /<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,([^"]+)"/.exec(
        html,
      )?.[1];
      return decodeURIComponent(href ?? "").replaceAll("'", '"');
    };
    await ensureWebBuild();
    const dashboard = await roster.app.inject({ url: "/dashboard" });
    expect(inlineIcon(dashboard.body)).toBe(faviconSvg());
    expect(inlineIcon(fs.readFileSync("dist/web/index.html", "utf8"))).toBe(faviconSvg());
  });
});
