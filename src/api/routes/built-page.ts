import fs from "node:fs";
import type { FastifyReply } from "fastify";

/** What a built page's Content-Security-Policy varies in; everything else is the same for every page. */
export interface PagePolicy {
  /** `form-action` sources, e.g. `'self'` or `'none'`. */
  formAction: string;
  /** `frame-ancestors` sources, e.g. `'none'`, `*`, or `'self' https://app.example`. */
  frameAncestors: string;
}

/**
 * Sends a page Vite built (`index.html` under dist/): never cached, no referrer, its own origin only for
 * scripts, styles (inline allowed: the pages and Chart.js set styles inline), images and API calls. Answers
 * 503 in plain words when the page is not built yet (`what` names it: "The dashboard").
 */
export function sendBuiltPage(reply: FastifyReply, indexFile: string, what: string, policy: PagePolicy) {
  if (!fs.existsSync(indexFile)) {
    return reply
      .status(503)
      .type("text/plain; charset=utf-8")
      .send(`${what} is not built. Run \`npm run build\`.`);
  }
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
      `form-action ${policy.formAction}`,
      "base-uri 'none'",
      `frame-ancestors ${policy.frameAncestors}`,
    ].join("; "),
  });
  return reply.send(fs.createReadStream(indexFile));
}
