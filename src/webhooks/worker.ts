import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { ClaimedDelivery, WebhookDeliveryRepository } from "../store/webhook-deliveries.ts";
import type { Deliverer } from "./deliverer.ts";
import type { FanOut } from "./fan-out.ts";
import type { WebhookOptions } from "./options.ts";

/** A worker keeps draining a lane it holds, but hands it back after this many deliveries in a row. */
const LANE_CHAIN = 500;
/**
 * Deliveries of a lane claimed at once (then sent one after another, in order). Each claim costs three
 * queries, so a bigger batch is cheaper; the lease check in #sendInOrder keeps a long batch (or one claimed
 * ahead) from outliving its claim.
 */
const LANE_BATCH = 100;

/**
 * The delivery loop of one process: fan out new outbox rows, claim the due heads of (webhook, account)
 * lanes, and send them with bounded concurrency. A lane is one endpoint and one account: its deliveries go
 * out strictly in event order, the next one only after the previous succeeded or died, so a failing event
 * holds back the later events of that account (for that endpoint only) until it is resolved.
 *
 * It polls (and is woken by API calls); every claim is a conditional UPDATE with a lease, so any number of
 * processes can run it against one PostgreSQL and a crashed process's claims expire and are taken over.
 */
export class WebhookWorker {
  readonly owner = `webhooks-${randomBytes(6).toString("hex")}`;
  #claims = 0;
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  #again = false;
  #stopped = true;
  #running = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      fanOut: FanOut;
      deliverer: Deliverer;
      deliveries: WebhookDeliveryRepository;
      options: WebhookOptions;
      logger?: Logger;
    },
  ) {}

  start(): void {
    this.#stopped = false;
    this.#timer = setInterval(() => void this.tick(), this.deps.options.pollMs);
    this.#timer.unref();
    this.wake();
  }

  /** Look now rather than at the next poll (a test event was queued, a delivery retried). */
  wake(): void {
    if (!this.#stopped) setImmediate(() => void this.tick());
  }

  /** Stops claiming and waits for the attempts in flight to be recorded. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  /** One round: fan out, then fill the free delivery slots. Public so tests and benchmarks can drive it. */
  async tick(): Promise<void> {
    if (this.#stopped) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = true;
    try {
      do {
        this.#again = false;
        // Slots are filled after each fan-out batch: a burst's first lanes go out while the rest fans out.
        for (let round = 0; round < 20 && !this.#stopped; round++) {
          const fanned = await this.deps.fanOut.once();
          await this.#fillFreeSlots();
          if (fanned < 500) break;
        }
      } while (this.#again && !this.#stopped);
    } catch (error) {
      this.deps.logger?.error({ err: error }, "webhook worker round failed");
    } finally {
      this.#ticking = false;
    }
  }

  /** Claims due lane heads for the free delivery slots and starts a lane on each. */
  async #fillFreeSlots(): Promise<void> {
    const free = this.deps.options.concurrency - this.#running.size;
    if (free <= 0 || this.#stopped) return;
    const claimed = await this.deps.deliveries.claimHeads(this.#token(), this.deps.options.leaseMs, free);
    for (const delivery of claimed) this.#launch(delivery);
  }

  #launch(first: ClaimedDelivery): void {
    const lane = { webhook_id: first.webhook_id, integrated_account_id: first.integrated_account_id };
    const task = (async () => {
      let batch: ClaimedDelivery[] = [first];
      let sent = 0;
      while (batch.length > 0) {
        sent += batch.length;
        // The next batch is claimed while this one goes out, so the lane never waits for a claim.
        const next = sent < LANE_CHAIN ? this.#claimAfter(lane, batch) : Promise.resolve([]);
        next.catch(() => {}); // awaited below; a failed claim fails the lane there
        let whole = false;
        try {
          whole = await this.#sendInOrder(batch);
        } finally {
          // A lane that stops, or fails, hands back untouched what it claimed ahead.
          if (!whole) await this.deps.deliveries.release(await next.catch(() => []));
        }
        if (!whole) return;
        batch = await next;
      }
    })()
      .catch((error) =>
        this.deps.logger?.error({ err: error, webhook: lane.webhook_id }, "webhook delivery failed"),
      )
      .finally(() => {
        this.#running.delete(task);
        this.wake();
      });
    this.#running.add(task);
  }

  /**
   * Sends a lane's batch one after another. Only a success lets the lane go on (a dead delivery disabled its
   * endpoint); when it stops, what was claimed behind is handed back and the answer is false.
   */
  async #sendInOrder(batch: ClaimedDelivery[]): Promise<boolean> {
    for (let i = 0; i < batch.length; i++) {
      const delivery = batch[i] as ClaimedDelivery;
      // A claim whose lease could run out during the attempt is handed back (and claimed afresh): another
      // process may take over an expired claim, and must not find this attempt still under way.
      if (!this.#leaseOutlastsAttempt(delivery)) {
        await this.deps.deliveries.release(batch.slice(i));
        return false;
      }
      const outcome = await this.deps.deliverer.deliver(delivery);
      if (this.#stopped || outcome !== "succeeded") {
        await this.deps.deliveries.release(batch.slice(i + 1));
        return false;
      }
    }
    return true;
  }

  #claimAfter(
    lane: { webhook_id: string; integrated_account_id: string },
    held: ClaimedDelivery[],
  ): Promise<ClaimedDelivery[]> {
    const last = held.at(-1) as ClaimedDelivery;
    return this.deps.deliveries.claimLane(
      lane,
      this.#token(),
      this.deps.options.leaseMs,
      LANE_BATCH,
      last.sequence,
    );
  }

  #leaseOutlastsAttempt(delivery: ClaimedDelivery): boolean {
    const { leaseMs, timeoutMs } = this.deps.options;
    const left = Date.parse(delivery.lease_expires_at ?? "") - Date.now();
    // Half the lease at most, so a lease set shorter than the timeout still lets a fresh claim go out.
    return left >= Math.min(timeoutMs, leaseMs / 2);
  }

  #token(): string {
    this.#claims += 1;
    return `${this.owner}:${this.#claims}`;
  }
}
