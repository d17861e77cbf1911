import { randomBytes } from "node:crypto";
import type { ExpressionBuilder } from "kysely";
import type { Logger } from "pino";
import type { Db } from "../store/database.ts";
import { newId, nowIso } from "../store/ids.ts";
import type { Database } from "../store/schema.ts";
import type { JobQueueOptions } from "./options.ts";
import type { EnqueueOptions, JobHandler, JobQueue } from "./queue.ts";

const claimable = ["queued", "running"];

/**
 * Jobs in a database table, polled in-process. A worker claims a job with a conditional UPDATE (only if
 * nobody holds a live lease), renews the lease while it runs and deletes the row when done. A process that
 * dies stops renewing: the lease expires and any instance claims the job again (the attempt counter grows,
 * and after `max_attempts` the job is given up). Works alike on SQLite and PostgreSQL.
 */
export class EmbeddedJobQueue implements JobQueue {
  readonly owner = `worker-${randomBytes(6).toString("hex")}`;
  #handlers: Record<string, JobHandler<never>> = {};
  #timer: NodeJS.Timeout | undefined;
  #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #polling = false;
  #stopped = true;

  constructor(
    private readonly db: Db,
    private readonly options: Pick<JobQueueOptions, "pollMs" | "leaseMs" | "concurrency">,
    private readonly logger?: Logger,
  ) {}

  async enqueue(name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    const now = nowIso();
    await this.db
      .insertInto("jobs")
      .values({
        id: newId("job"),
        name,
        payload: JSON.stringify(payload),
        key: options.key ?? null,
        status: "queued",
        run_at: (options.runAt ?? new Date()).toISOString(),
        attempts: 0,
        max_attempts: options.maxAttempts ?? 3,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    if (!this.#stopped) setImmediate(() => void this.poll());
  }

  async start(handlers: Record<string, JobHandler<never>>): Promise<void> {
    this.#handlers = handlers;
    this.#stopped = false;
    this.#timer = setInterval(() => void this.poll(), this.options.pollMs);
    this.#timer.unref();
    setImmediate(() => void this.poll());
  }

  /** Stops polling, aborts running jobs and hands their leases back so another start picks them up. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    for (const job of this.#running.values()) job.controller.abort();
    await Promise.allSettled([...this.#running.values()].map((j) => j.done));
  }

  /** One polling round: claim jobs while there is capacity. Public so tests and the CLI can drive it. */
  async poll(): Promise<void> {
    if (this.#polling || this.#stopped) return;
    this.#polling = true;
    try {
      while (!this.#stopped && this.#running.size < this.options.concurrency) {
        if (!(await this.#claimOne())) break;
      }
    } catch (error) {
      this.logger?.error({ err: error }, "job queue poll failed");
    } finally {
      this.#polling = false;
    }
  }

  async #claimOne(): Promise<boolean> {
    const now = nowIso();
    const candidates = await this.db
      .selectFrom("jobs")
      .select(["id", "name", "payload", "attempts", "max_attempts", "last_error"])
      .where("status", "in", claimable)
      .where("run_at", "<=", now)
      .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
      .orderBy("run_at")
      .limit(this.options.concurrency)
      .execute();
    for (const job of candidates) {
      const attempts = Number(job.attempts);
      const free = (eb: ExpressionBuilder<Database, "jobs">) =>
        eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]);
      if (attempts >= Number(job.max_attempts)) {
        // Its last attempt crashed (lease expired): give it up, once.
        const result = await this.db
          .updateTable("jobs")
          .set({ status: "failed", updated_at: now, lease_owner: null, lease_expires_at: null })
          .where("id", "=", job.id)
          .where("status", "in", claimable)
          .where(free)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1)
          await this.#giveUp(job, job.last_error ?? "the worker stopped");
        continue;
      }
      const result = await this.db
        .updateTable("jobs")
        .set({
          status: "running",
          attempts: attempts + 1,
          lease_owner: this.owner,
          lease_expires_at: this.#leaseUntil(),
          updated_at: now,
        })
        .where("id", "=", job.id)
        .where("attempts", "=", attempts)
        .where("status", "in", claimable)
        .where(free)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      this.#launch(
        job.id,
        job.name,
        JSON.parse(job.payload) as never,
        attempts + 1,
        Number(job.max_attempts),
      );
      return true;
    }
    return false;
  }

  #launch(id: string, name: string, payload: never, attempt: number, maxAttempts: number): void {
    const controller = new AbortController();
    const renew = setInterval(
      () => {
        void this.db
          .updateTable("jobs")
          .set({ lease_expires_at: this.#leaseUntil() })
          .where("id", "=", id)
          .where("lease_owner", "=", this.owner)
          .execute()
          .catch(() => {});
      },
      Math.max(50, Math.floor(this.options.leaseMs / 3)),
    );
    const done = (async () => {
      const handler = this.#handlers[name];
      try {
        if (!handler) throw new Error(`no handler for job ${name}`);
        await handler.run(payload, { jobId: id, attempt, owner: this.owner, signal: controller.signal });
        await this.db.deleteFrom("jobs").where("id", "=", id).where("lease_owner", "=", this.owner).execute();
      } catch (error) {
        await this.#failed(id, name, payload, attempt, maxAttempts, error, controller.signal.aborted);
      } finally {
        clearInterval(renew);
        this.#running.delete(id);
        if (!this.#stopped) setImmediate(() => void this.poll());
      }
    })();
    this.#running.set(id, { controller, done });
  }

  async #failed(
    id: string,
    name: string,
    payload: never,
    attempt: number,
    maxAttempts: number,
    error: unknown,
    interrupted: boolean,
  ): Promise<void> {
    const message = (error as Error)?.message ?? String(error);
    const now = new Date();
    if (interrupted) {
      // Stopped, not failed: hand the job back at once without spending an attempt.
      await this.db
        .updateTable("jobs")
        .set({ status: "queued", attempts: attempt - 1, lease_owner: null, lease_expires_at: null })
        .where("id", "=", id)
        .where("lease_owner", "=", this.owner)
        .execute()
        .catch(() => {});
      return;
    }
    this.logger?.warn({ job: id, name, attempt, err: message }, "job failed");
    if (attempt >= maxAttempts) {
      await this.db
        .updateTable("jobs")
        .set({ status: "failed", last_error: message, lease_owner: null, lease_expires_at: null })
        .where("id", "=", id)
        .execute();
      await this.#giveUp({ id, name, payload: JSON.stringify(payload) }, message);
      return;
    }
    const backoffMs = Math.min(60_000, 1000 * 2 ** (attempt - 1));
    await this.db
      .updateTable("jobs")
      .set({
        status: "queued",
        last_error: message,
        run_at: new Date(now.getTime() + backoffMs).toISOString(),
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .execute();
  }

  async #giveUp(job: { id: string; name: string; payload: string }, error: string): Promise<void> {
    try {
      await this.#handlers[job.name]?.giveUp?.(JSON.parse(job.payload) as never, error);
    } catch (failure) {
      this.logger?.error({ job: job.id, err: failure }, "job give-up handler failed");
    }
  }

  #leaseUntil(): string {
    return new Date(Date.now() + this.options.leaseMs).toISOString();
  }
}
