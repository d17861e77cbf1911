import type { Db } from "./database.ts";
import { newId, nowIso } from "./ids.ts";
import { type KeysetPosition, olderThan } from "./keyset.ts";
import type { SyncJobTable } from "./sync-schema.ts";

export interface SyncJob {
  id: string;
  environment_id: string;
  integrated_account_id: string;
  resources: string[];
  interval_minutes: number | null;
  next_run_at: string | null;
  created_at: string;
}

/** Sync jobs: what to sync for an account and how often. Environment-scoped like every public object. */
export class SyncJobRepository {
  constructor(private readonly db: Db) {}

  async create(input: {
    environmentId: string;
    accountId: string;
    resources: string[];
    intervalMinutes: number | null;
  }): Promise<SyncJob> {
    const now = new Date();
    const row: SyncJobTable = {
      id: newId("sjob"),
      environment_id: input.environmentId,
      integrated_account_id: input.accountId,
      resources: JSON.stringify(input.resources),
      interval_minutes: input.intervalMinutes,
      next_run_at:
        input.intervalMinutes === null
          ? null
          : new Date(now.getTime() + input.intervalMinutes * 60_000).toISOString(),
      created_at: now.toISOString(),
    };
    await this.db.insertInto("sync_jobs").values(row).execute();
    return toJob(row);
  }

  async get(environmentId: string, id: string): Promise<SyncJob | undefined> {
    const row = await this.db
      .selectFrom("sync_jobs")
      .selectAll()
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toJob(row);
  }

  async getById(id: string): Promise<SyncJob | undefined> {
    const row = await this.db.selectFrom("sync_jobs").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toJob(row);
  }

  /** Newest first, keyset on (created_at, id). */
  async list(
    environmentId: string,
    filter: { accountId?: string },
    page: { limit: number; after?: KeysetPosition },
  ): Promise<SyncJob[]> {
    let query = this.db.selectFrom("sync_jobs").selectAll().where("environment_id", "=", environmentId);
    if (filter.accountId) query = query.where("integrated_account_id", "=", filter.accountId);
    if (page.after) query = query.where(olderThan(page.after));
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
    return rows.map(toJob);
  }

  async delete(environmentId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("sync_jobs")
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Interval jobs whose time has come. */
  async due(limit: number): Promise<SyncJob[]> {
    const rows = await this.db
      .selectFrom("sync_jobs")
      .selectAll()
      .where("interval_minutes", "is not", null)
      .where("next_run_at", "<=", nowIso())
      .orderBy("next_run_at")
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  /**
   * Moves a due job's next run forward, only if nobody else did since it was read: the instance whose
   * update lands is the one that starts the run (one run per due time, however many instances poll).
   */
  async claimDue(job: SyncJob): Promise<boolean> {
    if (job.interval_minutes === null || job.next_run_at === null) return false;
    const next = new Date(Date.now() + job.interval_minutes * 60_000).toISOString();
    const result = await this.db
      .updateTable("sync_jobs")
      .set({ next_run_at: next })
      .where("id", "=", job.id)
      .where("next_run_at", "=", job.next_run_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function toJob(row: SyncJobTable): SyncJob {
  return {
    id: row.id,
    environment_id: row.environment_id,
    integrated_account_id: row.integrated_account_id,
    resources: JSON.parse(row.resources) as string[],
    interval_minutes: row.interval_minutes === null ? null : Number(row.interval_minutes),
    next_run_at: row.next_run_at,
    created_at: row.created_at,
  };
}
