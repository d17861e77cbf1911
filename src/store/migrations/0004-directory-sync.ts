import { type Kysely, SqliteAdapter } from "kysely";
import { createUserSearchIndex, dropUserSearchIndex } from "../search-index-ddl.ts";

/**
 * Directory syncs: sync jobs and runs, the stored directory (records and memberships with tombstones),
 * per-run staging (page checkpoints), the change-event outbox, the embedded job queue and people search.
 * Everything is text (ids, ISO timestamps, JSON) so both dialects read and write the same values.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sync_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("environment_id", "text", (c) => c.notNull().references("environments.id").onDelete("cascade"))
    .addColumn("integrated_account_id", "text", (c) =>
      c.notNull().references("integrated_accounts.id").onDelete("cascade"),
    )
    .addColumn("resources", "text", (c) => c.notNull())
    .addColumn("interval_minutes", "integer")
    .addColumn("next_run_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sync_jobs_env_created")
    .on("sync_jobs")
    .columns(["environment_id", "created_at", "id"])
    .execute();
  await db.schema.createIndex("sync_jobs_due").on("sync_jobs").column("next_run_at").execute();
  await db.schema.createIndex("sync_jobs_account").on("sync_jobs").column("integrated_account_id").execute();

  await db.schema
    .createTable("sync_job_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sync_job_id", "text", (c) => c.notNull().references("sync_jobs.id").onDelete("cascade"))
    .addColumn("environment_id", "text", (c) => c.notNull())
    .addColumn("integrated_account_id", "text", (c) =>
      c.notNull().references("integrated_accounts.id").onDelete("cascade"),
    )
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("stats", "text", (c) => c.notNull())
    .addColumn("progress", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("attempt", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("sync_job_runs_job_created")
    .on("sync_job_runs")
    .columns(["sync_job_id", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("sync_job_runs_account_status")
    .on("sync_job_runs")
    .columns(["integrated_account_id", "status"])
    .execute();
  await db.schema
    .createIndex("sync_job_runs_env_created")
    .on("sync_job_runs")
    .columns(["environment_id", "created_at", "id"])
    .execute();

  await db.schema
    .createTable("directory_records")
    .addColumn("account_id", "text", (c) =>
      c.notNull().references("integrated_accounts.id").onDelete("cascade"),
    )
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("remote_id", "text", (c) => c.notNull())
    .addColumn("record", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("directory_records_pk", ["account_id", "resource", "remote_id"])
    .execute();
  await db.schema
    .createIndex("directory_records_updated")
    .on("directory_records")
    .columns(["account_id", "resource", "updated_at"])
    .execute();
  await db.schema
    .createIndex("directory_records_email")
    .on("directory_records")
    .columns(["account_id", "resource", "email"])
    .execute();

  await db.schema
    .createTable("directory_memberships")
    .addColumn("account_id", "text", (c) =>
      c.notNull().references("integrated_accounts.id").onDelete("cascade"),
    )
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("role", "text")
    .addColumn("username", "text")
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addPrimaryKeyConstraint("directory_memberships_pk", ["account_id", "group_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("directory_memberships_user")
    .on("directory_memberships")
    .columns(["account_id", "user_id"])
    .execute();

  await db.schema
    .createTable("sync_run_staging")
    .addColumn("run_id", "text", (c) => c.notNull().references("sync_job_runs.id").onDelete("cascade"))
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("remote_id", "text", (c) => c.notNull())
    .addColumn("record", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sync_run_staging_pk", ["run_id", "resource", "remote_id"])
    .execute();

  await db.schema
    .createTable("change_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sequence", "text", (c) => c.notNull())
    .addColumn("environment_id", "text", (c) => c.notNull())
    .addColumn("integrated_account_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("integration", "text", (c) => c.notNull())
    .addColumn("sync_job_run_id", "text")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema
    .createIndex("change_events_env_sequence")
    .on("change_events")
    .columns(["environment_id", "sequence"])
    .execute();
  await db.schema
    .createIndex("change_events_undelivered")
    .on("change_events")
    .columns(["delivered_at", "sequence"])
    .execute();
  await db.schema
    .createIndex("change_events_account")
    .on("change_events")
    .columns(["integrated_account_id", "sequence"])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_status_run_at").on("jobs").columns(["status", "run_at"]).execute();

  await createUserSearchIndex(db, dialectOf(db));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropUserSearchIndex(db, dialectOf(db));
  for (const table of [
    "jobs",
    "change_events",
    "sync_run_staging",
    "directory_memberships",
    "directory_records",
    "sync_job_runs",
    "sync_jobs",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

/** Migrations get only the Kysely instance; its adapter tells the dialects apart (no failing probe query,
 * which would abort PostgreSQL's migration transaction). */
function dialectOf(db: Kysely<unknown>): "sqlite" | "postgres" {
  return db.getExecutor().adapter instanceof SqliteAdapter ? "sqlite" : "postgres";
}
