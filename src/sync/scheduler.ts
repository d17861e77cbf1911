import type { Logger } from "pino";
import type { SyncService } from "./sync-service.ts";

/**
 * The interval schedule: a due-time poll. Every instance may poll; `claimDue` moves a job's next run
 * forward conditionally, so one instance starts each due run.
 */
export class SyncScheduler {
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;

  constructor(
    private readonly service: SyncService,
    private readonly pollMs: number,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.tick(), this.pollMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  async tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      await this.service.tick();
    } catch (error) {
      this.logger?.error({ err: error }, "sync schedule tick failed");
    } finally {
      this.#ticking = false;
    }
  }
}
