import { request } from "undici";
import { readBody, startServer, type TestServer } from "./loopback-server.ts";

/** One request as a provider received it through the proxy. */
export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/** A loopback forwarder in front of a simulator that records what each request carried (tests only). */
export interface RecordingProxy extends TestServer {
  received: ReceivedRequest[];
}

/** Forwards every request to `target` as is and records its method, path and `authorization` header. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const received: ReceivedRequest[] = [];
  const server = await startServer((req, res) => {
    void (async () => {
      const authorization = req.headers.authorization;
      received.push({ method: req.method ?? "GET", path: req.url ?? "/", authorization });
      const body = await readBody(req);
      const headers = { ...req.headers };
      delete headers.host;
      delete headers.connection;
      delete headers["content-length"];
      const upstream = await request(`${target}${req.url ?? "/"}`, {
        method: (req.method ?? "GET") as "GET",
        headers,
        body: body === "" ? undefined : body,
      });
      const answer = Buffer.from(await upstream.body.arrayBuffer());
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(upstream.headers)) {
        if (value !== undefined && !["connection", "keep-alive", "transfer-encoding"].includes(name))
          out[name] = value;
      }
      res.writeHead(upstream.statusCode, out).end(answer);
    })().catch(() => {
      res.statusCode = 502;
      res.end();
    });
  });
  return { ...server, received };
}
