import { request } from "undici";
import { readBody, startServer, type TestServer } from "./loopback-server.ts";

/**
 * Stands between Roster and a simulator on loopback and lets a test change the provider's JSON answers, e.g. to
 * serve one malformed record the simulator itself would never produce. `rewrite` gets the request's method and
 * path (with its query) and the parsed answer; it changes the answer in place, and may return another status to
 * answer with (e.g. 404 for a record deleted meanwhile). Everything else passes unchanged.
 */
export interface RewritingProxy extends TestServer {
  rewrite: ((method: string, path: string, body: unknown) => number | undefined) | undefined;
}

export async function startRewritingProxy(target: string): Promise<RewritingProxy> {
  const proxy = {} as RewritingProxy;
  const server = await startServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers = { ...req.headers };
      for (const name of ["host", "connection", "content-length"]) delete headers[name];
      const upstream = await request(`${target}${req.url}`, {
        method: req.method as "GET",
        headers,
        body: body === "" ? undefined : body,
      });
      let text = Buffer.from(await upstream.body.arrayBuffer()).toString("utf8");
      let status = upstream.statusCode;
      const rewrite = proxy.rewrite;
      if (rewrite && text.startsWith("{")) {
        const parsed = JSON.parse(text) as unknown;
        status = rewrite(req.method ?? "GET", req.url ?? "/", parsed) ?? status;
        text = JSON.stringify(parsed);
      }
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(upstream.headers))
        if (
          value !== undefined &&
          !["connection", "keep-alive", "transfer-encoding", "content-length"].includes(name)
        )
          out[name] = value;
      res.writeHead(status, out).end(text);
    })().catch(() => {
      res.statusCode = 502;
      res.end();
    });
  });
  return Object.assign(proxy, server, { rewrite: undefined });
}
