import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { projectRoot } from "../project-root.ts";

const dashboardDir = path.join(projectRoot(), "dist", "dashboard");

/**
 * The operator's dashboard (built by Vite into dist/dashboard, `npm run build:web`). The page itself is
 * public and holds no data: it asks for an API token and calls the authenticated API with it, so it sees
 * exactly what the token's environment sees. It talks to its own origin only and may not be framed.
 */
export const dashboardPageRoutes: FastifyPluginAsync = async (app) => {
  // Registered even before the page is built, so a later `npm run build` is served without a restart.
  await app.register(fastifyStatic, {
    root: path.join(dashboardDir, "assets"),
    prefix: "/dashboard/assets/",
    decorateReply: false,
    index: false,
    maxAge: "1h",
  });

  const page = async (_request: unknown, reply: FastifyReply) => {
    const indexFile = path.join(dashboardDir, "index.html");
    if (!fs.existsSync(indexFile)) {
      return reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("The dashboard is not built. Run `npm run build`.");
    }
    reply.headers({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "content-security-policy": [
        "default-src 'self'",
        "script-src 'self'",
        // Chart.js sizes its canvas with inline styles.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join("; "),
    });
    return reply.send(fs.createReadStream(indexFile));
  };
  // The router ignores a trailing slash, so /dashboard/ is served too.
  app.get("/dashboard", { schema: { hide: true } }, page);
};
