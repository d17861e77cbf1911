import type { StoreHandle } from "../store/database.ts";
import type { AttemptRecord, ClaimedDelivery, DeliveryOutcome } from "../store/webhook-deliveries.ts";
import { type FinishedAttempt, recordOutcomes } from "../store/webhook-outcomes.ts";

/** Outcomes written by one statement at most (12 parameters each). */
const MAX_GROUP = 100;

interface Waiting {
  finished: FinishedAttempt;
  resolve: (recorded: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for attempt outcomes. While one write is in flight, the outcomes other lanes finish meanwhile
 * wait and then go together in the next write, instead of a transaction each. A lone outcome is written at
 * once, so nothing waits for company. Each caller still gets its answer only once its own outcome is stored:
 * a lane sends its next delivery only after the previous one is recorded, as before.
 */
export class OutcomeRecorder {
  #waiting: Waiting[] = [];
  #writing = false;

  constructor(private readonly store: StoreHandle) {}

  /** Records an attempt and its outcome; false when the delivery was no longer this worker's. */
  finish(delivery: ClaimedDelivery, attempt: AttemptRecord, outcome: DeliveryOutcome): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ finished: { delivery, attempt, outcome }, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#waiting.length > 0) {
        const group = this.#waiting.splice(0, MAX_GROUP);
        try {
          await this.#write(group);
        } catch {
          // A group that fails (say, a deadlock with an endpoint's open deliveries being killed, which locks
          // rows in another order) is written one by one, so no outcome fails because of another's.
          for (const w of group) await this.#write([w]).catch(w.reject);
        }
      }
    } finally {
      this.#writing = false;
    }
  }

  async #write(group: Waiting[]): Promise<void> {
    const recorded = await recordOutcomes(
      this.store,
      group.map((w) => w.finished),
    );
    for (const w of group) w.resolve(recorded.has(w.finished.delivery.id));
  }
}
