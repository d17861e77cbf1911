/** Queue settings from the operator's environment (embedded defaults; tests shorten them). */
export interface JobQueueOptions {
  /** false: no background polling in this process (CLI commands, some tests). */
  enabled: boolean;
  pollMs: number;
  leaseMs: number;
  concurrency: number;
}

export function jobQueueOptions(env: Readonly<Record<string, string | undefined>>): JobQueueOptions {
  return {
    enabled: (env.ROSTER_JOBS ?? "on") !== "off",
    pollMs: positive(env.ROSTER_JOBS_POLL_MS, 1000),
    leaseMs: positive(env.ROSTER_JOB_LEASE_MS, 30_000),
    concurrency: positive(env.ROSTER_JOBS_CONCURRENCY, 4),
  };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}
