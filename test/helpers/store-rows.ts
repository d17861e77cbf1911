import type { Db } from "../../src/store/database.ts";

/**
 * An integrated account row with placeholder credentials, for store-level tests and benchmarks that never call
 * the provider (its credentials could not be decrypted).
 */
export async function insertAccountRow(
  db: Db,
  account: { id: string; environmentId: string; tenantId: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("integrated_accounts")
    .values({
      id: account.id,
      environment_id: account.environmentId,
      integration: "opsgenie",
      tenant_id: account.tenantId,
      region: "us",
      status: "active",
      last_error: null,
      credentials: "placeholder",
      credentials_key_id: "placeholder",
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** An environment, an account row in it (see insertAccountRow) and a sync job of that account on `resources`. */
export async function insertAccountWithJob(
  db: Db,
  ids: { environmentId: string; accountId: string; jobId: string },
  resources: readonly string[],
): Promise<void> {
  const now = new Date().toISOString();
  await db.insertInto("environments").values({ id: ids.environmentId, name: "e", created_at: now }).execute();
  await insertAccountRow(db, { id: ids.accountId, environmentId: ids.environmentId, tenantId: "t" });
  await db
    .insertInto("sync_jobs")
    .values({
      id: ids.jobId,
      environment_id: ids.environmentId,
      integrated_account_id: ids.accountId,
      resources: JSON.stringify(resources),
      interval_minutes: null,
      next_run_at: null,
      created_at: now,
    })
    .execute();
}

/** A run of the job, running under the lease owner "me" (what checkpoint and commitRun are then called with). */
export async function insertRunningRun(
  db: Db,
  ids: { runId: string; environmentId: string; accountId: string; jobId: string },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("sync_job_runs")
    .values({
      id: ids.runId,
      sync_job_id: ids.jobId,
      environment_id: ids.environmentId,
      integrated_account_id: ids.accountId,
      status: "running",
      created_at: now,
      started_at: now,
      finished_at: null,
      stats: "{}",
      progress: "{}",
      error: null,
      lease_owner: "me",
      lease_expires_at: now,
      attempt: 1,
    })
    .execute();
}
