import type { Selectable } from "kysely";
import type { PagePosition } from "../core/provider/pagination.ts";
import type { Warning } from "../core/provider/warnings.ts";
import type { Db } from "./database.ts";
import { newId, nowIso } from "./ids.ts";
import { type KeysetPosition, olderThan } from "./keyset.ts";
import type { SyncJobRunTable } from "./sync-schema.ts";

export type RunStatus = "queued" | "running" | "completed" | "failed";

export interface RunStats {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  requests: number;
}

/**
 * Where a run is: the resources done, the resource being read and the provider's page position after its
 * last checkpoint (never an API cursor: those are signed for callers and bound to their scope).
 */
export interface RunProgress {
  done: string[];
  resource: string | null;
  position: PagePosition | null;
  pages: number;
  records: number;
  requests: number;
  waits: number;
  wait_ms: number;
  /** Time Roster itself spent: writing page checkpoints, and diffing + committing at the end. */
  checkpoint_ms?: number;
  commit_ms?: number;
  /**
   * The provider the run's staged pages came from, set when it first starts: a run resumed after the account was
   * migrated to another provider fails instead of adding the new provider's pages to the old one's.
   */
  integration?: string;
}

export interface SyncRun {
  id: string;
  sync_job_id: string;
  environment_id: string;
  integrated_account_id: string;
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  stats: RunStats;
  progress: RunProgress;
  error: string | null;
  attempt: number;
  /** What the run left out and why, so far (saved with each checkpoint). */
  warnings: Warning[];
}

export const emptyStats = (): RunStats => ({ created: 0, updated: 0, deleted: 0, unchanged: 0, requests: 0 });
export const emptyProgress = (): RunProgress => ({
  done: [],
  resource: null,
  position: null,
  pages: 0,
  records: 0,
  requests: 0,
  waits: 0,
  wait_ms: 0,
});

/** Sync runs and their state machine: queued -> running -> completed | failed. */
export class SyncRunRepository {
  constructor(private readonly db: Db) {}

  async create(job: { id: string; environment_id: string; integrated_account_id: string }): Promise<SyncRun> {
    const row: Selectable<SyncJobRunTable> = {
      id: newId("srun"),
      sync_job_id: job.id,
      environment_id: job.environment_id,
      integrated_account_id: job.integrated_account_id,
      status: "queued",
      created_at: nowIso(),
      started_at: null,
      finished_at: null,
      stats: JSON.stringify(emptyStats()),
      progress: JSON.stringify(emptyProgress()),
      error: null,
      lease_owner: null,
      lease_expires_at: null,
      attempt: 0,
      warnings: "[]",
    };
    await this.db.insertInto("sync_job_runs").values(row).execute();
    return toRun(row);
  }

  async get(environmentId: string, id: string): Promise<SyncRun | undefined> {
    const row = await this.db
      .selectFrom("sync_job_runs")
      .selectAll()
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toRun(row);
  }

  async getById(id: string): Promise<SyncRun | undefined> {
    const row = await this.db.selectFrom("sync_job_runs").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toRun(row);
  }

  async list(
    environmentId: string,
    filter: { syncJobId?: string; accountId?: string },
    page: { limit: number; after?: KeysetPosition },
  ): Promise<SyncRun[]> {
    let query = this.db.selectFrom("sync_job_runs").selectAll().where("environment_id", "=", environmentId);
    if (filter.syncJobId) query = query.where("sync_job_id", "=", filter.syncJobId);
    if (filter.accountId) query = query.where("integrated_account_id", "=", filter.accountId);
    if (page.after) query = query.where(olderThan(page.after));
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
    return rows.map(toRun);
  }

  /** A queued or running run of the job, if any (one run of a job at a time). */
  async active(syncJobId: string): Promise<SyncRun | undefined> {
    const row = await this.db
      .selectFrom("sync_job_runs")
      .selectAll()
      .where("sync_job_id", "=", syncJobId)
      .where("status", "in", ["queued", "running"])
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    return row && toRun(row);
  }

  /** The newest run per account, for `roster accounts`. */
  async latestForAccount(accountId: string): Promise<SyncRun | undefined> {
    const row = await this.db
      .selectFrom("sync_job_runs")
      .selectAll()
      .where("integrated_account_id", "=", accountId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    return row && toRun(row);
  }

  async markRunning(id: string, owner: string, leaseMs: number): Promise<SyncRun | undefined> {
    const run = await this.getById(id);
    if (!run || run.status === "completed" || run.status === "failed") return undefined;
    const now = nowIso();
    await this.db
      .updateTable("sync_job_runs")
      .set({
        status: "running",
        started_at: run.started_at ?? now,
        attempt: run.attempt + 1,
        lease_owner: owner,
        lease_expires_at: new Date(Date.now() + leaseMs).toISOString(),
      })
      .where("id", "=", id)
      .execute();
    return { ...run, status: "running", started_at: run.started_at ?? now, attempt: run.attempt + 1 };
  }

  /**
   * Fails a queued or running run (conditional: a run that already finished is left alone). Returns whether
   * this call failed it, so exactly one caller records its `sync_job_run.failed` event. `requests` is kept in
   * the stats, so a failed run still shows what it cost.
   */
  async failOpen(
    id: string,
    outcome: { error: string; finishedAt: string; progress?: RunProgress },
  ): Promise<boolean> {
    const requests = outcome.progress?.requests;
    const result = await this.db
      .updateTable("sync_job_runs")
      .set({
        status: "failed",
        error: outcome.error.slice(0, 2000),
        finished_at: outcome.finishedAt,
        lease_owner: null,
        lease_expires_at: null,
        ...(outcome.progress ? { progress: JSON.stringify(outcome.progress) } : {}),
        ...(requests !== undefined ? { stats: JSON.stringify({ ...emptyStats(), requests }) } : {}),
      })
      .where("id", "=", id)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Completes a running run still leased by `owner` with its final warnings; returns its sync job id, or
   * undefined when the run was taken over or finished meanwhile (the caller's transaction must then roll back).
   */
  async completeLeased(
    id: string,
    owner: string,
    outcome: { stats: RunStats; progress: RunProgress; finishedAt: string; warnings: readonly Warning[] },
  ): Promise<string | undefined> {
    const row = await this.db
      .updateTable("sync_job_runs")
      .set({
        status: "completed",
        finished_at: outcome.finishedAt,
        stats: JSON.stringify(outcome.stats),
        progress: JSON.stringify(outcome.progress),
        warnings: JSON.stringify(outcome.warnings),
        error: null,
        lease_owner: null,
        lease_expires_at: null,
      })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("lease_owner", "=", owner)
      .returning("sync_job_id")
      .executeTakeFirst();
    return row?.sync_job_id;
  }

  /**
   * A page checkpoint's run update: saves progress (and the run's warnings so far, when given) and extends the
   * lease of a running run still leased by `owner`, and returns the last staging position of `resource` (0 when none), or undefined when the run was
   * taken over or finished. It locks the run's row, so two workers never stage at the same positions.
   */
  async checkpointLeased(
    id: string,
    owner: string,
    input: { progress: RunProgress; leaseMs: number; resource: string; warnings?: readonly Warning[] },
  ): Promise<number | undefined> {
    const row = await this.db
      .updateTable("sync_job_runs")
      .set({
        progress: JSON.stringify(input.progress),
        ...(input.warnings ? { warnings: JSON.stringify(input.warnings) } : {}),
        lease_expires_at: new Date(Date.now() + input.leaseMs).toISOString(),
      })
      .where("id", "=", id)
      .where("status", "=", "running")
      .where("lease_owner", "=", owner)
      .returning((eb) =>
        eb
          .selectFrom("sync_run_staging")
          .select((s) => s.fn.max("position").as("position"))
          .where("run_id", "=", id)
          .where("resource", "=", input.resource)
          .as("last_position"),
      )
      .executeTakeFirst();
    return row ? Number(row.last_position ?? 0) : undefined;
  }

  /** The run's job and account, as its outcome event names them. */
  async eventRef(id: string) {
    return this.db
      .selectFrom("sync_job_runs as r")
      .innerJoin("integrated_accounts as a", "a.id", "r.integrated_account_id")
      .select([
        "r.sync_job_id",
        "r.stats",
        "r.warnings",
        "a.id",
        "a.environment_id",
        "a.tenant_id",
        "a.integration",
      ])
      .where("r.id", "=", id)
      .executeTakeFirst();
  }
}

function toRun(row: Selectable<SyncJobRunTable>): SyncRun {
  return {
    id: row.id,
    sync_job_id: row.sync_job_id,
    environment_id: row.environment_id,
    integrated_account_id: row.integrated_account_id,
    status: row.status as RunStatus,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    stats: JSON.parse(row.stats) as RunStats,
    progress: JSON.parse(row.progress) as RunProgress,
    error: row.error,
    attempt: Number(row.attempt),
    warnings: JSON.parse(row.warnings) as Warning[],
  };
}
