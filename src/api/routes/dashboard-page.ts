import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { projectRoot } from "../project-root.ts";
import { sendBuiltPage } from "./built-page.ts";

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
    return sendBuiltPage(reply, path.join(dashboardDir, "index.html"), "The dashboard", {
      formAction: "'none'",
      frameAncestors: "'none'",
    });
  };
  // The router ignores a trailing slash, so /dashboard/ is served too.
  app.get("/dashboard", { schema: { hide: true } }, page);
};
