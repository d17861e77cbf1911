import fs from "node:fs";
import path from "node:path";
import type { FastifyPluginAsync } from "fastify";
import { projectRoot } from "../project-root.ts";

/**
 * Roster's icon (a white "R" on a blue rounded square, 32×32 user units), from its one source,
 * src/web/shared/favicon.svg; the Vite build puts the same file inline in the dashboard and the connect page.
 */
export function faviconSvg(): string {
  return fs.readFileSync(path.join(projectRoot(), "src/web/shared/favicon.svg"), "utf8").trim();
}

/**
 * GET /favicon.ico: the icon, for the API docs page and browsers that ask for it anyway (without an icon they
 * log a 404 in the console). Public, cached for a day, and kept out of the OpenAPI document like the pages.
 */
export const faviconRoutes: FastifyPluginAsync = async (app) => {
  const icon = faviconSvg();
  app.get("/favicon.ico", { schema: { hide: true } }, async (_request, reply) => {
    reply.headers({
      "content-type": "image/svg+xml",
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    });
    return icon;
  });
};
