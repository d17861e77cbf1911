import http from "node:http";
import type { AddressInfo } from "node:net";
import { type EventType, type RosterClient, type RosterEvent, unwrap, verifyWebhook } from "@roster/client";

export interface WebhookReceiverOptions {
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** The URL Roster should POST to when it differs from `http://host:port/roster-webhooks` (a proxy, a tunnel). */
  publicUrl?: string;
  /** Applies one verified event. A throw answers 500, so Roster delivers the event again later. */
  handle: (event: RosterEvent) => Promise<void>;
}

/** How many applied webhook-ids are remembered to skip a second delivery of the same event. */
const MAX_REMEMBERED = 10_000;

/**
 * A receiver of Roster webhooks on node:http. Every request is verified with the endpoint's secret
 * (`verifyWebhook`, Standard Webhooks) before anything else: a bad signature is a 401, an event before the
 * secret is known a 503 (Roster retries). Events are applied one at a time in arrival order (Roster sends the
 * events of one account in order), each `webhook-id` once. `start()` lets events through: until then they wait,
 * so a full reconcile can run first.
 */
export class WebhookReceiver {
  url = "";
  private secret: string | null = null;
  private webhookId: string | null = null;
  private server: http.Server | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly applied = new Set<string>();
  private release: () => void = () => undefined;
  private readonly started = new Promise<void>((resolve) => {
    this.release = resolve;
  });

  constructor(private readonly options: WebhookReceiverOptions) {}

  /** Starts listening; `url` is then the address to register in Roster. */
  async listen(): Promise<void> {
    const server = http.createServer((req, res) => void this.receive(req, res));
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? 0, host, resolve);
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.url = this.options.publicUrl ?? `http://${host}:${port}/roster-webhooks`;
  }

  /** Creates this receiver's webhook endpoint in Roster and keeps its secret (shown once, by this answer). */
  async subscribe(roster: RosterClient, eventTypes: EventType[]): Promise<void> {
    const webhook = await unwrap(
      roster.POST("/webhook", { body: { target_url: this.url, event_types: eventTypes } }),
    );
    this.secret = webhook.secret;
    this.webhookId = webhook.id;
  }

  /** Lets waiting and later events through to `handle`. */
  start(): void {
    this.release();
  }

  /** Stops listening and deletes the endpoint it created (no more deliveries are queued for it). */
  async close(roster: RosterClient): Promise<void> {
    try {
      if (this.webhookId)
        await unwrap(roster.DELETE("/webhook/{id}", { params: { path: { id: this.webhookId } } }));
    } finally {
      const server = this.server;
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  }

  private async receive(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (!this.secret) return void res.writeHead(503).end();
    let event: RosterEvent;
    try {
      event = verifyWebhook(this.secret, body, req.headers);
    } catch {
      return void res.writeHead(401).end();
    }
    const id = String(req.headers["webhook-id"]);
    const applying = this.queue.then(async () => {
      await this.started;
      if (this.applied.has(id)) return;
      await this.options.handle(event);
      this.applied.add(id);
      // Retries of an event come within about a day; the latest ids are enough to recognise them.
      if (this.applied.size > MAX_REMEMBERED)
        this.applied.delete(this.applied.values().next().value as string);
    });
    this.queue = applying.catch(() => undefined);
    try {
      await applying;
      res.writeHead(204).end();
    } catch (error) {
      console.error(`event ${event.type} (${id}) not applied; Roster will deliver it again:`, error);
      res.writeHead(500).end();
    }
  }
}
