import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  id: string;
  headers: Record<string, string>;
  body: string;
  json: any;
  /** What the receiver answered. */
  status: number;
  /** The standardwebhooks package accepted the signature and timestamp. */
  verified: boolean;
}

/**
 * A local webhook receiver (node:http on 127.0.0.1). Every request is verified with the `standardwebhooks`
 * package, the reference implementation; `answer` decides the status (default 200, 401 when unverified).
 */
export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  secrets: string[];
  answer: (request: Omit<Received, "status">) => number;
  /** Requests whose answer was 2xx, by webhook-id. */
  succeeded(): Map<string, Received[]>;
  waitFor(predicate: (received: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(options: { port?: number; secrets?: string[] } = {}): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    port: 0,
    received: [],
    secrets: options.secrets ?? [],
    answer: (r) => (r.verified ? 200 : 401),
    succeeded() {
      const map = new Map<string, Received[]>();
      for (const r of receiver.received)
        if (r.status >= 200 && r.status < 300) map.set(r.id, [...(map.get(r.id) ?? []), r]);
      return map;
    },
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.received)) {
        if (Date.now() > deadline)
          throw new Error(
            `receiver: condition not met; got ${receiver.received.map((r) => `${r.json?.type}:${r.status}`).join(", ")}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
      return receiver.received;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const verified = receiver.secrets.some((secret) => verifies(secret, body, headers));
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // not JSON
      }
      const request = { id: headers["webhook-id"] ?? "", headers, body, json, verified };
      const status = receiver.answer(request);
      receiver.received.push({ ...request, status });
      res.writeHead(status, { "content-type": "text/plain" }).end(`answer ${status}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}

export function verifies(secret: string, body: string, headers: Record<string, string>): boolean {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

/** Test settings: fast polling and a retry schedule in milliseconds. */
export const fastWebhooks = {
  ROSTER_ALLOW_PRIVATE_WEBHOOKS: "1",
  ROSTER_WEBHOOKS_POLL_MS: "20",
  ROSTER_WEBHOOK_RETRY_SCHEDULE_MS: "150,150,150,150",
  ROSTER_JOBS_POLL_MS: "50",
  ROSTER_JOB_LEASE_MS: "3000",
};
