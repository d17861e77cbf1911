import type { FastifyPluginAsync } from "fastify";

/**
 * Roster's icon: a white "R" on a blue rounded square, 32×32 user units. The dashboard and the connect page
 * carry the same drawing inline in their index.html (a data: URI, so they ask no server for it).
 */
export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2451b7"/><path d="M10 7h7.5a5.5 5.5 0 0 1 1.6 10.76L23 25h-3.5l-3.6-7H13.5v7H10zm3.5 3.2v4.6h4a2.3 2.3 0 0 0 0-4.6z" fill="#fff"/></svg>';

/**
 * GET /favicon.ico: the icon, for the API docs page and browsers that ask for it anyway (without an icon they
 * log a 404 in the console). Public, cached for a day, and kept out of the OpenAPI document like the pages.
 */
export const faviconRoutes: FastifyPluginAsync = async (app) => {
  app.get("/favicon.ico", { schema: { hide: true } }, async (_request, reply) => {
    reply.headers({
      "content-type": "image/svg+xml",
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    });
    return faviconSvg;
  });
};
