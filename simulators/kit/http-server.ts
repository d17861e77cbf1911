/**
 * Serving a simulator on node:http: listen on host:port (port 0 picks a free one), and keep track of sockets
 * and delayed answers so that close() is prompt even while slow faults hold responses for ~30 s.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** Schedules `fn` after `ms` milliseconds; pending calls are cancelled by close(). */
export type Later = (ms: number, fn: () => void) => void;

/** A request listener, e.g. the pipeline's. */
export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Where to listen. */
export interface ListenOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** A listening server. */
export interface RunningServer {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:41234" (0.0.0.0 is shown as 127.0.0.1). */
  url: string;
  port: number;
  /** Cancels delayed answers, destroys open sockets and stops listening. */
  close(): Promise<void>;
}

/** Builds the listener with a tracked `later` and serves it (keep-alive 10 s) until close(). */
export async function startHttpServer(
  build: (later: Later) => Listener,
  options: ListenOptions = {},
): Promise<RunningServer> {
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const listener = build((ms, fn) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  });
  const server: Server = createServer({ keepAliveTimeout: 10_000 }, listener);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
