/**
 * The job queue contract. The embedded implementation polls a database table in-process; a scale-out
 * implementation (graphile-worker on PostgreSQL) can stand in without the callers changing.
 */
export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** At most one pending job per key: enqueuing the same key again is a no-op while the first exists. */
  key?: string;
  /** Attempts before the job is given up (default 3). A crash (expired lease) counts as an attempt. */
  maxAttempts?: number;
}

export interface JobContext {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Who holds the lease: write-once markers (e.g. a run's lease owner) compare against it. */
  owner: string;
  /** Aborted when the queue stops: the job is then handed back and retried later. */
  signal: AbortSignal;
}

export interface JobHandler<P = Record<string, unknown>> {
  run(payload: P, context: JobContext): Promise<void>;
  /** Told when the last attempt failed or crashed, so the domain object can be marked failed. */
  giveUp?(payload: P, error: string): Promise<void>;
}

export interface JobQueue {
  enqueue(name: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<void>;
  start(handlers: Record<string, JobHandler<never>>): Promise<void>;
  stop(): Promise<void>;
}
