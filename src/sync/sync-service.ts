import { AppError } from "../core/errors.ts";
import { isUnifiedResourceName } from "../core/models/index.ts";
import { unifiedOps } from "../core/provider/contract.ts";
import type { JobHandler, JobQueue } from "../jobs/queue.ts";
import { findProvider } from "../providers/index.ts";
import type { IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import type { SyncJob, SyncJobRepository } from "../store/sync-jobs.ts";
import type { SyncRun, SyncRunRepository } from "../store/sync-runs.ts";
import { SYNC_CATEGORY, syncResources } from "./resources.ts";
import type { ExecuteOptions, SyncRunner } from "./sync-runner.ts";

export const SYNC_RUN_JOB = "sync-run";

export interface SyncRunPayload {
  run_id: string;
}

/** Sync jobs and runs as the API and the CLI see them; runs are executed through the job queue. */
export class SyncService {
  constructor(
    private readonly deps: {
      jobs: SyncJobRepository;
      runs: SyncRunRepository;
      accounts: IntegratedAccountRepository;
      runner: SyncRunner;
      queue: JobQueue;
    },
  ) {}

  get jobs(): SyncJobRepository {
    return this.deps.jobs;
  }

  get runs(): SyncRunRepository {
    return this.deps.runs;
  }

  async createJob(
    environmentId: string,
    input: { integrated_account_id: string; resources?: string[]; interval_minutes?: number | null },
  ): Promise<SyncJob> {
    const account = await this.deps.accounts.get(environmentId, input.integrated_account_id);
    if (!account) throw new AppError("not_found", { message: "No such integrated account." });
    // A provider serves a subset of the unified resources: a job reads those (by default all of them).
    const provider = findProvider(account.integration);
    const served = syncResources.filter(
      (r) => provider !== undefined && unifiedOps(provider, SYNC_CATEGORY, r) !== undefined,
    );
    const resources = input.resources ?? served;
    const unknown = resources.filter((r) => !isUnifiedResourceName(r) || !served.includes(r));
    if (unknown.length > 0 || resources.length === 0) {
      throw new AppError("validation_failed", {
        message: `${provider?.label ?? account.integration} does not serve these resources: ${unknown.join(", ") || "(none given)"}.`,
        details: { supported: served },
      });
    }
    return this.deps.jobs.create({
      environmentId,
      accountId: account.id,
      resources: [...new Set(resources)],
      intervalMinutes: input.interval_minutes ?? null,
    });
  }

  /** Queues a run of the job; one run of a job at a time (409 while one is queued or running). */
  async triggerRun(job: SyncJob): Promise<SyncRun> {
    const active = await this.deps.runs.active(job.id);
    if (active) {
      throw new AppError("sync_run_in_progress", {
        message: "A run of this sync job is already queued or running.",
        details: { sync_job_run_id: active.id },
      });
    }
    const run = await this.deps.runs.create(job);
    await this.deps.queue.enqueue(SYNC_RUN_JOB, { run_id: run.id }, { key: `sync-run:${run.id}` });
    return run;
  }

  /** Starts the runs of interval jobs whose time has come (claimed once across instances). */
  async tick(): Promise<number> {
    let started = 0;
    for (const job of await this.deps.jobs.due(50)) {
      if (!(await this.deps.jobs.claimDue(job))) continue;
      if (await this.deps.runs.active(job.id)) continue;
      await this.triggerRun(job);
      started++;
    }
    return started;
  }

  /** The handler the job queue runs for `sync-run` jobs. */
  handler(): JobHandler<SyncRunPayload> {
    return {
      run: async (payload, context) => {
        await this.deps.runner.execute(payload.run_id, { owner: context.owner, signal: context.signal });
      },
      giveUp: async (payload, error) => {
        await this.deps.runner.fail(payload.run_id, `gave up after repeated attempts: ${error}`);
      },
    };
  }

  /** A run in the foreground (CLI): same runner and commit, without the queue. */
  async runNow(job: SyncJob, options: Omit<ExecuteOptions, "owner">): Promise<SyncRun | undefined> {
    const run = await this.deps.runs.create(job);
    return this.deps.runner.execute(run.id, { ...options, owner: `cli-${process.pid}` });
  }
}
