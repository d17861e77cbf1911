/**
 * Queue settings of one process. config.ts reads them from the operator's environment (`ROSTER_JOBS*`, with
 * embedded defaults) and refuses bad values at start-up; tests shorten them.
 */
export interface JobQueueOptions {
  /** false: no background polling in this process (CLI commands, some tests). */
  enabled: boolean;
  pollMs: number;
  leaseMs: number;
  concurrency: number;
}
