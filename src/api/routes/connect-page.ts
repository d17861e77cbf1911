import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { AppError } from "../../core/errors.ts";
import type { AppContext } from "../context.ts";
import { projectRoot } from "../project-root.ts";
import { sendBuiltPage } from "./built-page.ts";

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
    const { token } = request.params as { token: string };
    const link = await context.linkTokens.find(token).catch(() => undefined);
    return sendBuiltPage(reply, path.join(webDir, "index.html"), "The connect page", {
      formAction: "'self'",
      frameAncestors: link?.origin ? `'self' ${link.origin}` : "*",
    });
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
