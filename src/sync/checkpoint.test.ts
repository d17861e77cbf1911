import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases.ts";
import { insertAccountWithJob, insertRunningRun } from "../../test/helpers/store-rows.ts";
import { loadConfig } from "../config.ts";
import { openStore, type StoreHandle } from "../store/database.ts";
import { migrateToLatest } from "../store/migrate.ts";
import { emptyProgress } from "../store/sync-runs.ts";
import { contentHash } from "./canonical.ts";
import { checkpoint } from "./checkpoint.ts";
import { commitRun } from "./commit.ts";
import { diffStaging, StagedRecordGoneError } from "./staged-diff.ts";

const account = { id: "acc_ck", environment_id: "env_ck", tenant_id: "t", integration: "opsgenie" };
const user = (id: string, name: string) => ({ id, name, username: `${id}@example.com`, remote_data: { id } });

describe.each(testDatabases)("page checkpoints and the staged diff, on $name", (database) => {
  let store: StoreHandle;
  let runs = 0;
  const now = new Date().toISOString();

  const ids = { environmentId: account.environment_id, accountId: account.id, jobId: "job_ck" };

  beforeAll(async () => {
    store = await openStore(loadConfig({ DATABASE_URL: await database.create() }).database);
    await migrateToLatest(store.db, store.dialect);
    await insertAccountWithJob(store.db, ids, ["users"]);
  });
  afterAll(() => store.close());

  async function newRun(): Promise<string> {
    const id = `srun_ck${++runs}`;
    await insertRunningRun(store.db, { ...ids, runId: id });
    return id;
  }

  const stage = (runId: string, records: unknown[]) =>
    checkpoint(store, {
      runId,
      owner: "me",
      accountId: account.id,
      resource: "users",
      records,
      progress: emptyProgress(),
      leaseMs: 60_000,
    });

  async function storeCopies(records: ReturnType<typeof user>[], deleted: string[] = []) {
    await store.db.deleteFrom("directory_records").where("account_id", "=", account.id).execute();
    await store.db
      .insertInto("directory_records")
      .values(
        records.map((r) => ({
          account_id: account.id,
          resource: "users",
          remote_id: r.id,
          record: JSON.stringify(r),
          content_hash: contentHash(r),
          email: null,
          first_seen_at: now,
          last_seen_at: now,
          deleted_at: deleted.includes(r.id) ? now : null,
          updated_at: now,
        })),
      )
      .execute();
  }

  const staging = (runId: string) =>
    store.db
      .selectFrom("sync_run_staging")
      .select(["position", "remote_id", "record"])
      .where("run_id", "=", runId)
      .orderBy("position")
      .execute();

  it("stages a record equal to its stored copy as its hash alone, and appends pages in order", async () => {
    await storeCopies([user("u1", "Ann"), user("u2", "Bob")]);
    const runId = await newRun();
    await stage(runId, [user("u1", "Ann"), user("u2", "Bobby")]);
    await stage(runId, [user("u3", "Cy")]);
    const rows = await staging(runId);
    expect(rows.map((r) => [Number(r.position), r.remote_id, r.record === null])).toEqual([
      [1, "u1", true],
      [2, "u2", false],
      [3, "u3", false],
    ]);
    const diff = await diffStaging(store.db, { runId, accountId: account.id, resource: "users" });
    expect(diff.unchanged).toBe(1);
    expect(diff.changed.map((c) => [c.remote_id, JSON.parse(c.json).name, c.previous !== null])).toEqual([
      ["u2", "Bobby", true],
      ["u3", "Cy", false],
    ]);
  });

  it("stages a copy equal but for key order in full, and the diff finds it unchanged", async () => {
    await storeCopies([user("u1", "Ann")]);
    const runId = await newRun();
    const reordered = { remote_data: { id: "u1" }, username: "u1@example.com", name: "Ann", id: "u1" };
    await stage(runId, [reordered]);
    expect((await staging(runId))[0]?.record).toBe(JSON.stringify(reordered));
    const diff = await diffStaging(store.db, { runId, accountId: account.id, resource: "users" });
    expect(diff).toEqual({ changed: [], unchanged: 1 });
  });

  it("counts a record staged twice at its last copy only", async () => {
    await storeCopies([user("u1", "Ann"), user("u2", "Bob")]);
    const runId = await newRun();
    await stage(runId, [user("u1", "Ann"), user("u2", "Bobby")]);
    await stage(runId, [user("u2", "Bob"), user("u1", "Annie")]);
    const diff = await diffStaging(store.db, { runId, accountId: account.id, resource: "users" });
    expect(diff.unchanged).toBe(1);
    expect(diff.changed.map((c) => [c.remote_id, JSON.parse(c.json).name])).toEqual([["u1", "Annie"]]);
  });

  it("brings a tombstoned record back from its stored copy when it returns unchanged", async () => {
    await storeCopies([user("u1", "Ann")], ["u1"]);
    const runId = await newRun();
    await stage(runId, [user("u1", "Ann")]);
    expect((await staging(runId))[0]?.record).toBeNull();
    const diff = await diffStaging(store.db, { runId, accountId: account.id, resource: "users" });
    expect(diff.changed).toEqual([
      {
        remote_id: "u1",
        json: JSON.stringify(user("u1", "Ann")),
        hash: contentHash(user("u1", "Ann")),
        previous: null,
      },
    ]);
  });

  it("fails the commit, writing nothing, when a hash-only record's stored copy was replaced meanwhile", async () => {
    await storeCopies([user("u1", "Ann"), user("u2", "Bob")]);
    const runId = await newRun();
    await stage(runId, [user("u1", "Ann"), user("u2", "Bobby")]);
    // Another sync of the account commits a new copy of u1 after this run staged it as its hash alone.
    await storeCopies([user("u1", "Annie"), user("u2", "Bob")]);
    const events = () =>
      store.db
        .selectFrom("change_events")
        .select("id")
        .where("integrated_account_id", "=", account.id)
        .execute();
    const before = await events();
    await expect(
      commitRun(store, { runId, owner: "me", account, resources: ["users"], progress: emptyProgress() }),
    ).rejects.toBeInstanceOf(StagedRecordGoneError);
    const stored = await store.db
      .selectFrom("directory_records")
      .select(["remote_id", "record"])
      .where("account_id", "=", account.id)
      .orderBy("remote_id")
      .execute();
    expect(stored.map((r) => JSON.parse(r.record).name)).toEqual(["Annie", "Bob"]);
    expect(await events()).toEqual(before);
    const run = await store.db
      .selectFrom("sync_job_runs")
      .select("status")
      .where("id", "=", runId)
      .executeTakeFirst();
    expect(run?.status).toBe("running");
  });

  it("lets only the lease owner write a checkpoint", async () => {
    const runId = await newRun();
    await expect(
      checkpoint(store, {
        runId,
        owner: "someone-else",
        accountId: account.id,
        resource: "users",
        records: [user("u9", "Zed")],
        progress: emptyProgress(),
        leaseMs: 60_000,
      }),
    ).rejects.toThrow(/taken over/);
    expect(await staging(runId)).toEqual([]);
  });
});
