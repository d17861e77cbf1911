import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../../test/helpers/databases.ts";
import { insertAccountRow } from "../../../test/helpers/store-rows.ts";
import { loadConfig } from "../../config.ts";
import { openStore, type StoreHandle } from "../database.ts";
import { migrateToLatest } from "../migrate.ts";
import { down, up } from "./0007-sync-checkpoint-speed.ts";

describe.each(testDatabases)("migration 0007 (staging by position), on $name", (database) => {
  let store: StoreHandle;
  const now = new Date().toISOString();

  beforeAll(async () => {
    store = await openStore(loadConfig({ DATABASE_URL: await database.create() }).database);
    await migrateToLatest(store.db, store.dialect);
    await store.db.insertInto("environments").values({ id: "env_m", name: "e", created_at: now }).execute();
    await insertAccountRow(store.db, { id: "acc_m", environmentId: "env_m", tenantId: "t" });
    await store.db
      .insertInto("sync_jobs")
      .values({
        id: "job_m",
        environment_id: "env_m",
        integrated_account_id: "acc_m",
        resources: '["users"]',
        interval_minutes: null,
        next_run_at: null,
        created_at: now,
      })
      .execute();
    await store.db
      .insertInto("sync_job_runs")
      .values({
        id: "run_m",
        sync_job_id: "job_m",
        environment_id: "env_m",
        integrated_account_id: "acc_m",
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
    await store.db
      .insertInto("directory_records")
      .values({
        account_id: "acc_m",
        resource: "users",
        remote_id: "u1",
        record: '{"id":"u1","name":"stored"}',
        content_hash: "h1",
        email: null,
        first_seen_at: now,
        last_seen_at: now,
        deleted_at: null,
        updated_at: now,
      })
      .execute();
  });
  afterAll(() => store.close());

  const rows = async () =>
    (
      await sql<{ remote_id: string; record: string | null; position?: number }>`
        select * from sync_run_staging order by remote_id`.execute(store.db)
    ).rows.map((r) => ({ ...r, position: r.position === undefined ? undefined : Number(r.position) }));

  it("keeps the staging of runs in flight both ways", async () => {
    // A hash-only row and a record staged twice (positions 1 and 3): down keeps the last copy, filled from the store.
    await store.db
      .insertInto("sync_run_staging")
      .values([
        { run_id: "run_m", resource: "users", position: 1, remote_id: "u2", record: '{"v":1}', hash: "a" },
        { run_id: "run_m", resource: "users", position: 2, remote_id: "u1", record: null, hash: "h1" },
        { run_id: "run_m", resource: "users", position: 3, remote_id: "u2", record: '{"v":2}', hash: "b" },
      ])
      .execute();
    await down(store.db as unknown as Kysely<unknown>);
    expect(await rows()).toEqual([
      {
        run_id: "run_m",
        resource: "users",
        remote_id: "u1",
        record: '{"id":"u1","name":"stored"}',
        hash: "h1",
      },
      { run_id: "run_m", resource: "users", remote_id: "u2", record: '{"v":2}', hash: "b" },
    ]);
    await up(store.db as unknown as Kysely<unknown>);
    expect(await rows()).toEqual([
      {
        run_id: "run_m",
        resource: "users",
        position: 1,
        remote_id: "u1",
        record: '{"id":"u1","name":"stored"}',
        hash: "h1",
      },
      { run_id: "run_m", resource: "users", position: 2, remote_id: "u2", record: '{"v":2}', hash: "b" },
    ]);
  });
});
