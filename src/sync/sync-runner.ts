import type { Logger } from "pino";
import type { Sessions } from "../connections/sessions.ts";
import { isAppError } from "../core/errors.ts";
import { distinctWarnings } from "../core/provider/warnings.ts";
import type { StoreHandle } from "../store/database.ts";
import type { IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import type { SyncJobRepository } from "../store/sync-jobs.ts";
import type { RunProgress, SyncRun, SyncRunRepository } from "../store/sync-runs.ts";
import type { UnifiedExecutor } from "../unified/executor.ts";
import { checkpoint } from "./checkpoint.ts";
import { commitRun, RunSupersededError } from "./commit.ts";
import { confirmMissing } from "./confirm-missing.ts";
import { hiddenRecords, refusedResource } from "./hidden-records.ts";
import { includesFor, orderResources, SYNC_CATEGORY } from "./resources.ts";
import { failRunWithEvent } from "./run-failure.ts";

export interface SyncRunnerDeps {
  store: StoreHandle;
  sessions: Sessions;
  unified: UnifiedExecutor;
  accounts: IntegratedAccountRepository;
  jobs: SyncJobRepository;
  runs: SyncRunRepository;
  leaseMs: number;
  logger?: Logger;
}

export interface ExecuteOptions {
  owner: string;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
}

/** Big pages: the provider strategies clamp to what the provider allows. */
const PAGE_LIMIT = 1000;

/**
 * Executes one run: reads every resource of the job page by page through the same paced engine as the
 * API (a checkpoint after each page), then commits the snapshot and its events in one transaction. A run
 * resumed after a crash continues from its last checkpoint. Failure commits nothing: the staging is
 * dropped and the run is marked failed; an abort (the process stopping) leaves it for the next attempt.
 *
 * Partial failure is reported, not fatal: the pages' warnings are collected per resource, a resource the
 * provider refuses to list for the account's plan or key is skipped with a warning, and whatever a fault hid
 * (a malformed record, a refused resource) keeps its stored copy instead of being tombstoned.
 */
export class SyncRunner {
  constructor(private readonly deps: SyncRunnerDeps) {}

  async execute(runId: string, options: ExecuteOptions): Promise<SyncRun | undefined> {
    const { runs, jobs, accounts, store } = this.deps;
    const run = await runs.markRunning(runId, options.owner, this.deps.leaseMs);
    if (!run) return runs.getById(runId);
    const progress = run.progress;
    let warnings = run.warnings;
    try {
      const job = await jobs.getById(run.sync_job_id);
      const account = await accounts.get(run.environment_id, run.integrated_account_id);
      if (!job || !account) throw new Error("the sync job or its account was deleted");
      progress.integration ??= account.integration;
      if (progress.integration !== account.integration)
        throw new Error(
          `The account was migrated to ${account.integration} while this run, which had read part of ${progress.integration}, was interrupted: nothing of the run was committed; the next run reads ${account.integration}.`,
        );
      const session = await this.deps.sessions.open(run.environment_id, account.id, {
        // A run sees the account's data as it is now: it reads every value itself, once per run.
        shareRecentReads: false,
        signal: options.signal,
        onResponse: (response) => {
          progress.requests++;
          if (response.waitedMs > 1) {
            progress.waits++;
            progress.wait_ms += Math.round(response.waitedMs);
          }
        },
      });
      const resources = orderResources(job.resources);
      for (const resource of resources) {
        if (progress.done.includes(resource)) continue;
        let position = progress.resource === resource ? (progress.position ?? null) : null;
        // A provider whose paging never ends fails the run (provider_paging_loop) instead of staging for ever.
        const walk = this.deps.unified.startWalk(session, resource);
        do {
          options.signal?.throwIfAborted();
          const page = await this.deps.unified
            .readPage(
              session,
              SYNC_CATEGORY,
              resource,
              position,
              {
                limit: PAGE_LIMIT,
                filters: {},
                include: includesFor(resource),
                ignoreRemoteData: false,
                raw: false,
              },
              walk,
            )
            .catch((error: unknown) => {
              const refused = refusedResource(error, resource);
              if (!refused) throw error;
              return { records: [], next: null, warnings: [refused] };
            });
          if (page.warnings.length > 0) warnings = distinctWarnings([...warnings, ...page.warnings]);
          position = page.next;
          progress.pages++;
          progress.records += page.records.length;
          progress.resource = position ? resource : null;
          progress.position = position;
          if (!position) progress.done.push(resource);
          const t0 = performance.now();
          await checkpoint(store, {
            runId,
            owner: options.owner,
            accountId: account.id,
            resource,
            records: page.records,
            progress,
            leaseMs: this.deps.leaseMs,
            warnings,
          });
          progress.checkpoint_ms = Math.round((progress.checkpoint_ms ?? 0) + performance.now() - t0);
          options.onProgress?.({ ...progress });
        } while (position);
      }
      for (const resource of resources) {
        const kept = await confirmMissing(
          this.deps,
          session,
          runId,
          resource,
          hiddenRecords(warnings, resource),
        );
        if (kept.length === 0) continue;
        await checkpoint(store, {
          runId,
          owner: options.owner,
          accountId: account.id,
          resource,
          records: kept,
          progress,
          leaseMs: this.deps.leaseMs,
        });
      }
      options.signal?.throwIfAborted();
      await commitRun(store, { runId, owner: options.owner, account, resources, progress, warnings });
      return runs.getById(runId);
    } catch (error) {
      if (error instanceof RunSupersededError) return runs.getById(runId);
      if (options.signal?.aborted) throw error;
      const message = describe(error);
      this.deps.logger?.warn({ run: runId, err: message }, "sync run failed");
      await this.fail(runId, message, progress);
      return runs.getById(runId);
    }
  }

  /** Marks the run failed and drops its staging: nothing of it reaches the snapshot, and the outbox gets only its
   * `sync_job_run.failed` event. */
  async fail(runId: string, message: string, progress?: RunProgress): Promise<void> {
    await failRunWithEvent(this.deps.store, runId, message, progress);
    await this.deps.store.db.deleteFrom("sync_run_staging").where("run_id", "=", runId).execute();
  }
}

function describe(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  return (error as Error)?.message ?? String(error);
}
