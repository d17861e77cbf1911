import { z } from "zod";
import type { SyncJob } from "../../../store/sync-jobs.ts";
import type { RunProgress, SyncRun } from "../../../store/sync-runs.ts";
import { syncResources } from "../../../sync/resources.ts";
import { warningSchema } from "../../schemas.ts";

export const syncResourceSchema = z.enum(syncResources as [string, ...string[]]);

export const syncJobSchema = z
  .object({
    id: z.string(),
    integrated_account_id: z.string(),
    resources: z.array(z.string()),
    interval_minutes: z.number().int().nullable(),
    next_run_at: z.string().nullable().describe("When the interval schedule starts the next run."),
    created_at: z.string(),
  })
  .meta({ id: "SyncJob" });

export const syncRunSchema = z
  .object({
    id: z.string(),
    sync_job_id: z.string(),
    integrated_account_id: z.string(),
    status: z.enum(["queued", "running", "completed", "failed"]),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    stats: z
      .object({
        created: z.number().int(),
        updated: z.number().int(),
        deleted: z.number().int(),
        unchanged: z.number().int(),
        requests: z.number().int(),
      })
      .describe(
        "Records and memberships created, updated (unified fields changed), deleted (tombstoned), " +
          "unchanged, and provider requests made. The first sync of an account records the baseline: its " +
          "records count as created but no `*.created` events are emitted.",
      ),
    progress: z
      .object({
        done: z.array(z.string()),
        resource: z.string().nullable(),
        pages: z.number().int(),
        records: z.number().int(),
        requests: z.number().int(),
        waits: z.number().int(),
        wait_ms: z.number().int(),
        checkpoint_ms: z.number().int().optional(),
        commit_ms: z.number().int().optional(),
      })
      .describe("Updated after every page (checkpoint)."),
    error: z.string().nullable(),
    attempt: z.number().int().describe("Attempts so far; a run whose worker crashed is retried."),
    warnings: z
      .array(warningSchema)
      .describe(
        "What the run left out and why, per resource (empty when it read everything). A completed run with " +
          "warnings committed the rest: a resource the account's plan or key may not read and a malformed record " +
          "keep their stored copies (never tombstoned, never overwritten, no events); a record deleted while it " +
          "was read is confirmed by id, then tombstoned.",
      ),
  })
  .meta({ id: "SyncJobRun" });

export function toPublicJob(job: SyncJob): z.infer<typeof syncJobSchema> {
  return {
    id: job.id,
    integrated_account_id: job.integrated_account_id,
    resources: job.resources,
    interval_minutes: job.interval_minutes,
    next_run_at: job.next_run_at,
    created_at: job.created_at,
  };
}

export function toPublicRun(run: SyncRun): z.infer<typeof syncRunSchema> {
  // Positions are internal; runs written before 0.2 kept a signed cursor there instead.
  const {
    position: _position,
    cursor: _cursor,
    ...progress
  } = run.progress as RunProgress & { cursor?: unknown };
  return {
    id: run.id,
    sync_job_id: run.sync_job_id,
    integrated_account_id: run.integrated_account_id,
    status: run.status,
    created_at: run.created_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
    stats: run.stats,
    progress,
    error: run.error,
    attempt: run.attempt,
    warnings: run.warnings,
  };
}
