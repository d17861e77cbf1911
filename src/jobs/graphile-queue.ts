import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import {
  type Job,
  type LogFunctionFactory,
  makeWorkerUtils,
  type Runner,
  run,
  type Task,
  type TaskList,
  type WorkerEvents,
  Logger as WorkerLogger,
  type WorkerUtils,
} from "graphile-worker";
import type pg from "pg";
import type { Logger } from "pino";
import type { JobQueueOptions } from "./options.ts";
import type { EnqueueOptions, JobHandler, JobQueue } from "./queue.ts";

/**
 * The scale-out job queue: graphile-worker on the store's own pg pool. Every instance runs a worker pool;
 * graphile-worker claims each job for one worker (`FOR UPDATE SKIP LOCKED`), retries failures with its
 * exponential backoff and wakes workers through LISTEN/NOTIFY.
 *
 * What graphile-worker does not do by itself is notice a crashed instance: a job locked by a process that
 * was killed stays locked for four hours. So each instance records its worker ids with a heartbeat in
 * `<worker schema>.roster_instances`, and every instance sweeps now and then: a job locked for longer than
 * the lease by a worker that no live instance owns is unlocked (`force_unlock_workers`) and runs again
 * elsewhere; if that was its last attempt, the job's `giveUp` is told, once. That mirrors the embedded
 * queue, where a crash is an expired lease.
 *
 * The worker schema is `graphile_worker` when Roster's tables are in `public`, and `<schema>_worker` when
 * DATABASE_URL puts them in another schema (search_path), so stores in separate schemas never share jobs.
 */
export class GraphileJobQueue implements JobQueue {
  /**
   * One owner per queue instance, like the embedded queue: the sync runner's lease compares against it. The
   * pid in it tells an operator (and the scale-out test) which process holds a run.
   */
  readonly owner = `instance-${process.pid}-${randomBytes(6).toString("hex")}`;
  #utils: Promise<WorkerUtils> | undefined;
  #schema: Promise<string> | undefined;
  #runner: Runner | undefined;
  #controller = new AbortController();
  #workerIds = new Set<string>();
  #timers: NodeJS.Timeout[] = [];
  /** Jobs interrupted by stop(): handed back afterwards without spending an attempt. */
  #interrupted = new Map<string, number>();
  #sweeping = false;
  #handlers: Record<string, JobHandler<never>> = {};

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: Pick<JobQueueOptions, "pollMs" | "leaseMs" | "concurrency">,
    private readonly logger?: Logger,
  ) {
    // graphile-worker asks for an error handler on every pool client (a dropped connection must not crash us).
    if (pool.listeners("connect").length === 0) pool.on("connect", (client) => client.on("error", () => {}));
  }

  /** The PostgreSQL schema graphile-worker keeps its tables in (see the class comment). */
  schema(): Promise<string> {
    this.#schema ??= this.pool.query<{ schema: string }>("select current_schema() as schema").then((r) => {
      const current = r.rows[0]?.schema ?? "public";
      return current === "public" ? "graphile_worker" : `${current}_worker`;
    });
    return this.#schema;
  }

  async enqueue(name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    const utils = await this.#ready();
    await utils.addJob(name, payload, {
      runAt: options.runAt,
      maxAttempts: options.maxAttempts ?? 3,
      // The contract: while a job with this key exists (queued, running or failed), enqueuing is a no-op.
      ...(options.key ? { jobKey: options.key, jobKeyMode: "unsafe_dedupe" as const } : {}),
    });
  }

  async start(handlers: Record<string, JobHandler<never>>): Promise<void> {
    if (this.#runner) return;
    await this.#ready();
    this.#handlers = handlers;
    this.#controller = new AbortController();
    const taskList: TaskList = {};
    for (const [name, handler] of Object.entries(handlers)) taskList[name] = this.#task(handler);
    const known = await this.#knownMigration();
    const events: WorkerEvents = new EventEmitter();
    // Jobs are locked by the pool (batched fetch) or by a worker: record both ids as this instance's.
    events.on("pool:create", ({ workerPool }) => {
      this.#workerIds.add(workerPool.id);
      void this.#beat();
    });
    events.on("worker:create", ({ worker }) => {
      this.#workerIds.add(worker.workerId);
      void this.#beat();
    });
    events.on("pool:listen:success", ({ client }) => ignoreKnownMigrations(client, known));
    this.#runner = await run({
      pgPool: this.pool,
      schema: await this.schema(),
      taskList,
      concurrency: this.options.concurrency,
      pollInterval: this.options.pollMs,
      noHandleSignals: true,
      events,
      logger: workerLogger(this.logger),
    });
    await this.#beat();
    const every = Math.max(50, Math.floor(this.options.leaseMs / 3));
    this.#timers = [setInterval(() => void this.#beat(), every), setInterval(() => void this.sweep(), every)];
    for (const timer of this.#timers) timer.unref();
    void this.sweep();
  }

  /** Aborts running jobs, stops the workers, and hands the interrupted jobs back at once. */
  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    this.#controller.abort();
    const runner = this.#runner;
    this.#runner = undefined;
    if (runner) {
      await runner.stop().catch((error) => this.logger?.warn({ err: error }, "job worker stop failed"));
      await this.#handBack();
      const schema = await this.schema();
      await this.pool
        .query(`delete from "${schema}".roster_instances where instance_id = $1`, [this.owner])
        .catch(() => {});
      this.#workerIds.clear();
    }
    const utils = this.#utils;
    this.#utils = undefined;
    if (utils) await (await utils.catch(() => undefined))?.release();
  }

  /**
   * Unlocks the jobs of crashed instances (see the class comment). Public so tests can drive it. Only one
   * instance sweeps at a time (a transaction-level advisory lock per worker schema).
   */
  async sweep(): Promise<void> {
    if (this.#sweeping || !this.#runner) return;
    this.#sweeping = true;
    const schema = await this.schema();
    const client = await this.pool.connect().catch(() => undefined);
    if (!client) {
      this.#sweeping = false;
      return;
    }
    const q = `"${schema}"`;
    const leaseSeconds = this.options.leaseMs / 1000;
    try {
      await client.query("begin");
      const lock = await client.query<{ ok: boolean }>(
        "select pg_try_advisory_xact_lock(hashtext($1)) as ok",
        [`${schema}:roster-sweep`],
      );
      if (!lock.rows[0]?.ok) {
        await client.query("rollback");
        return;
      }
      const { rows } = await client.query<Job>(
        `select j.*, p.payload from ${q}.jobs j join ${q}._private_jobs p on p.id = j.id
          where j.locked_by is not null
            and j.locked_at < now() - make_interval(secs => $1)
            and not exists (
              select 1 from ${q}.roster_instances i
               where i.heartbeat_at > now() - make_interval(secs => $1) and j.locked_by = any(i.worker_ids))`,
        [leaseSeconds],
      );
      if (rows.length > 0) {
        const dead = [...new Set(rows.map((j) => j.locked_by as string))];
        await client.query(`select ${q}.force_unlock_workers($1::text[])`, [dead]);
        this.logger?.warn(
          { workers: dead, jobs: rows.map((j) => j.id) },
          "unlocked the jobs of workers that stopped (instance crashed?)",
        );
        for (const job of rows.filter((j) => j.attempts >= j.max_attempts)) {
          await client.query(`update ${q}._private_jobs set last_error = $2 where id = $1`, [
            job.id,
            "the worker stopped",
          ]);
          await this.#giveUp(job, "the worker stopped");
        }
      }
      await client.query(
        `delete from ${q}.roster_instances where heartbeat_at < now() - make_interval(secs => $1)`,
        [leaseSeconds * 20],
      );
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      this.logger?.error({ err: error }, "job sweep failed");
    } finally {
      client.release();
      this.#sweeping = false;
    }
  }

  #task(handler: JobHandler<never>): Task {
    return async (payload, helpers) => {
      const { job } = helpers;
      const signal = AbortSignal.any([this.#controller.signal, helpers.abortSignal]);
      try {
        await handler.run(payload as never, {
          jobId: job.id,
          attempt: job.attempts,
          owner: this.owner,
          signal,
        });
      } catch (error) {
        if (signal.aborted) {
          // Stopped, not failed: stop() hands the job back without spending this attempt.
          this.#interrupted.set(job.id, job.attempts - 1);
        } else if (job.attempts >= job.max_attempts) {
          await this.#giveUp(job, describe(error), handler);
        }
        throw error;
      }
    };
  }

  async #giveUp(job: Job, error: string, handler?: JobHandler<never>): Promise<void> {
    const target = handler ?? this.#handlerFor(job);
    try {
      await target?.giveUp?.(job.payload as never, error);
    } catch (failure) {
      this.logger?.error({ job: job.id, err: failure }, "job give-up handler failed");
    }
  }

  #handlerFor(job: Job): JobHandler<never> | undefined {
    return this.#handlers[job.task_identifier];
  }

  async #handBack(): Promise<void> {
    if (this.#interrupted.size === 0) return;
    const schema = await this.schema();
    for (const [id, attempts] of this.#interrupted) {
      try {
        // The worker records the failure just after the task returns: wait (briefly) until it is unlocked.
        for (let tries = 0; tries < 100; tries++) {
          // reschedule_jobs directly: WorkerUtils.rescheduleJobs treats `attempts: 0` as "unchanged".
          const { rowCount } = await this.pool.query(
            `select from "${schema}".reschedule_jobs($1::bigint[], run_at := now(), attempts := $2::int)`,
            [[id], Math.max(0, attempts)],
          );
          if (rowCount) break;
          const { rows } = await this.pool.query(`select 1 from "${schema}".jobs where id = $1`, [id]);
          if (rows.length === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      } catch (error) {
        this.logger?.warn({ job: id, err: error }, "could not hand an interrupted job back");
      }
    }
    this.#interrupted.clear();
  }

  async #beat(): Promise<void> {
    if (!this.#runner && this.#workerIds.size === 0) return;
    const schema = await this.schema();
    await this.pool
      .query(
        `insert into "${schema}".roster_instances (instance_id, worker_ids, heartbeat_at) values ($1, $2, now())
         on conflict (instance_id) do update set worker_ids = excluded.worker_ids, heartbeat_at = now()`,
        [this.owner, [...this.#workerIds]],
      )
      .catch((error) => this.logger?.warn({ err: error }, "job worker heartbeat failed"));
  }

  /** The newest graphile-worker migration in our worker schema: what this version installed or found. */
  async #knownMigration(): Promise<number> {
    const schema = await this.schema();
    const { rows } = await this.pool.query<{ id: number | null }>(
      `select max(id) as id from "${schema}".migrations`,
    );
    return Number(rows[0]?.id ?? 0);
  }

  /** graphile-worker's schema (installed or migrated by it) plus Roster's instance heartbeat table. */
  #ready(): Promise<WorkerUtils> {
    this.#utils ??= (async () => {
      const schema = await this.schema();
      const utils = await makeWorkerUtils({ pgPool: this.pool, schema, logger: workerLogger(this.logger) });
      for (let attempt = 0; ; attempt++) {
        try {
          await this.pool.query(
            `create table if not exists "${schema}".roster_instances (
               instance_id text primary key,
               worker_ids text[] not null default '{}',
               heartbeat_at timestamptz not null default now())`,
          );
          break;
        } catch (error) {
          // Two instances creating it at once: the loser sees a duplicate; the table exists now.
          if (attempt >= 2) throw error;
        }
      }
      return utils;
    })();
    this.#utils.catch(() => {
      this.#utils = undefined;
    });
    return this.#utils;
  }
}

function describe(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/**
 * graphile-worker announces every breaking migration on the database-wide channel `worker:migrate` and every
 * running pool shuts down when it hears one, whatever schema it was for. Installing the worker schema of a
 * second Roster database schema (another tenant, a test) would stop everyone. A migration this version
 * already knows is not a reason to stop (the schema it applies to is one we are compatible with); only a
 * newer one (a newer Roster upgrading the shared schema) is passed on, and then the pool stops as designed.
 */
function ignoreKnownMigrations(client: pg.PoolClient, known: number): void {
  const patched = client as pg.PoolClient & { [FILTERED]?: boolean };
  if (patched[FILTERED]) return;
  patched[FILTERED] = true;
  const emit = client.emit.bind(client);
  client.emit = ((event: string | symbol, ...args: unknown[]) => {
    const message = args[0] as pg.Notification | undefined;
    if (event === "notification" && message?.channel === "worker:migrate") {
      let number = Number.NaN;
      try {
        number = Number((JSON.parse(message.payload ?? "") as { migrationNumber?: unknown }).migrationNumber);
      } catch {}
      if (Number.isFinite(number) && number <= known) return false;
    }
    return emit(event, ...args);
  }) as typeof client.emit;
}

const FILTERED = Symbol("roster:ignore-known-migrations");

/** graphile-worker's log lines into pino; its per-job "completed" chatter is debug. */
function workerLogger(logger: Logger | undefined): WorkerLogger {
  const factory: LogFunctionFactory = (scope) => (level, message, meta) => {
    if (!logger) return;
    const fields = { scope, ...(meta ?? {}) };
    if (level === "error") logger.error(fields, message);
    else if (level === "warning") logger.warn(fields, message);
    else logger.debug(fields, message);
  };
  return new WorkerLogger(factory);
}
