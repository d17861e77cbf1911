import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { AppError } from "../../core/errors.ts";
import type { AppContext } from "../context.ts";

/** The repository root, from the sources (src/...) and from the build (dist/src/...) alike. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const root = projectRoot();
const webDir = path.join(root, "dist", "web");
const sdkFile = path.join(root, "src", "web", "sdk", "link.js");

/**
 * The hosted connect page (built by Vite into dist/web) and the browser SDK. The page is served for any
 * token; it asks the API whether the token is usable and says so in words. Framing is allowed only for the
 * origin the link token declared (any origin when none was declared).
 */
export const connectPageRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  // Registered even before the page is built, so a later `npm run build` is served without a restart.
  await app.register(fastifyStatic, {
    root: path.join(webDir, "assets"),
    prefix: "/link/assets/",
    decorateReply: false,
    index: false,
    maxAge: "1h",
  });

  app.get("/link/:token", { schema: { hide: true } }, async (request, reply) => {
    const indexFile = path.join(webDir, "index.html");
    if (!fs.existsSync(indexFile)) {
      return reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("The connect page is not built. Run `npm run build`.");
    }
    const { token } = request.params as { token: string };
    const link = await context.linkTokens.find(token).catch(() => undefined);
    reply.headers({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "content-security-policy": [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        `frame-ancestors ${link?.origin ? `'self' ${link.origin}` : "*"}`,
      ].join("; "),
    });
    return reply.send(fs.createReadStream(indexFile));
  });

  app.get("/sdk/link.js", { schema: { hide: true } }, async (_request, reply) => {
    if (!fs.existsSync(sdkFile))
      throw new AppError("not_found", { message: "The SDK is not part of this installation." });
    reply.headers({
      "content-type": "text/javascript; charset=utf-8",
      // An ES module imported from the product's own origin needs CORS.
      "access-control-allow-origin": "*",
      "cache-control": "public, max-age=300",
      "x-content-type-options": "nosniff",
    });
    return reply.send(fs.createReadStream(sdkFile));
  });
};
