import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A real HTTP server listening on 127.0.0.1 (tests only; nothing leaves loopback). */
export interface TestServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts `handler` on 127.0.0.1 at `port` (0: a random free port); `close()` also drops open connections. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port = 0,
): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging test handlers must not keep the suite alive.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago and is now closed (connections to it are refused). */
export async function freePort(): Promise<number> {
  const probe = await startServer(() => undefined);
  await probe.close();
  return probe.port;
}

/** The whole request body as UTF-8 text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
