import { type Kysely, sql, type Transaction } from "kysely";

/**
 * Cheaper page checkpoints. Staging rows were keyed by (run, resource, remote id): every page inserted ~100
 * random keys into that index, so each checkpoint rewrote scattered index pages (most of its cost, in WAL
 * or heap writes alike). Rows are now keyed by their position in the run's staging of the resource, so a
 * page appends at the end of its run's range; a record staged twice counts at its last position. And
 * `record` becomes nullable: a record equal to its stored copy is staged as its content hash alone.
 *
 * SQLite cannot change a key or drop a NOT NULL in place, so the table is rebuilt the same way on both
 * databases, keeping the rows of runs in flight (they resume from their checkpoints), in one transaction: a
 * crash leaves the old table or the new one, never neither.
 *
 * Checkpoints and commits look stored records up by id. The e-mail and updated-at indexes of
 * `directory_records` start with the same (account, resource) as its primary key, and a PostgreSQL table
 * without statistics (never analysed) rates them as good, so a lookup could scan every record of the account
 * per id. They become partial, over what stored reads filter on anyway (live records; users with an e-mail),
 * which a by-id lookup does not: the primary key is the only index it can use. They also get smaller.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await atomically(db, async (trx) => {
    await trx.schema
      .createTable("sync_run_staging_next")
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("resource", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("remote_id", "text", (c) => c.notNull())
      .addColumn("record", "text")
      .addColumn("hash", "text", (c) => c.notNull())
      // PostgreSQL names the key's index after the constraint, and the old table still holds the old name.
      .addPrimaryKeyConstraint("sync_run_staging_position_pk", ["run_id", "resource", "position"])
      .addForeignKeyConstraint("sync_run_staging_run_fk", ["run_id"], "sync_job_runs", ["id"], (fk) =>
        fk.onDelete("cascade"),
      )
      .execute();
    await sql`insert into sync_run_staging_next (run_id, resource, position, remote_id, record, hash)
      select run_id, resource, row_number() over (partition by run_id, resource order by remote_id), remote_id,
        record, hash
      from sync_run_staging`.execute(trx);
    await replaceStaging(trx);
    await indexStoredRecords(trx, { partial: true });
  });
}

/** Back to one row per (run, resource, remote id): the last copy, a hash-only row taking its stored copy's record. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await atomically(db, async (trx) => {
    await trx.schema
      .createTable("sync_run_staging_next")
      .addColumn("run_id", "text", (c) => c.notNull().references("sync_job_runs.id").onDelete("cascade"))
      .addColumn("resource", "text", (c) => c.notNull())
      .addColumn("remote_id", "text", (c) => c.notNull())
      .addColumn("record", "text", (c) => c.notNull())
      .addColumn("hash", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("sync_run_staging_pk", ["run_id", "resource", "remote_id"])
      .execute();
    await sql`insert into sync_run_staging_next (run_id, resource, remote_id, record, hash)
      select s.run_id, s.resource, s.remote_id, coalesce(s.record, d.record), s.hash
      from sync_run_staging s
      join sync_job_runs r on r.id = s.run_id
      left join directory_records d
        on d.account_id = r.integrated_account_id and d.resource = s.resource and d.remote_id = s.remote_id
      where coalesce(s.record, d.record) is not null
        and s.position = (select max(l.position) from sync_run_staging l
          where l.run_id = s.run_id and l.resource = s.resource and l.remote_id = s.remote_id)`.execute(trx);
    await replaceStaging(trx);
    await indexStoredRecords(trx, { partial: false });
  });
}

async function indexStoredRecords(trx: Kysely<unknown>, options: { partial: boolean }): Promise<void> {
  await trx.schema.dropIndex("directory_records_email").execute();
  await trx.schema.dropIndex("directory_records_updated").execute();
  let email = trx.schema
    .createIndex("directory_records_email")
    .on("directory_records")
    .columns(["account_id", "resource", "email"]);
  let updated = trx.schema
    .createIndex("directory_records_updated")
    .on("directory_records")
    .columns(["account_id", "resource", "updated_at"]);
  if (options.partial) {
    email = email.where(sql.ref("email"), "is not", null);
    updated = updated.where(sql.ref("deleted_at"), "is", null);
  }
  await email.execute();
  await updated.execute();
}

async function replaceStaging(trx: Kysely<unknown>): Promise<void> {
  await trx.schema.dropTable("sync_run_staging").execute();
  await trx.schema.alterTable("sync_run_staging_next").renameTo("sync_run_staging").execute();
}

/** PostgreSQL's migrator runs each migration in a transaction already; SQLite's does not (its DDL is transactional too). */
async function atomically(db: Kysely<unknown>, fn: (trx: Kysely<unknown>) => Promise<void>): Promise<void> {
  if (db.isTransaction) return fn(db);
  await db.transaction().execute((trx: Transaction<unknown>) => fn(trx));
}
