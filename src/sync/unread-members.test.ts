import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../test/helpers/databases.ts";
import { insertAccountWithJob, insertRunningRun } from "../../test/helpers/store-rows.ts";
import { loadConfig } from "../config.ts";
import { openStore, type StoreHandle } from "../store/database.ts";
import { migrateToLatest } from "../store/migrate.ts";
import { emptyProgress } from "../store/sync-runs.ts";
import { checkpoint } from "./checkpoint.ts";
import { commitRun } from "./commit.ts";

const account = { id: "acc_um", environment_id: "env_um", tenant_id: "t", integration: "opsgenie" };
const team = (name: string, members?: string[]) => ({
  id: "g1",
  name,
  ...(members ? { members: members.map((id) => ({ id, username: null, role: null })) } : {}),
  remote_data: { id: "g1" },
});

/**
 * A group record without `members` was read without them (JSM over OAuth has no Teams API): a run that commits
 * it keeps the stored memberships instead of taking the group for empty.
 */
describe.each(testDatabases)("a group committed without its members, on $name", (database) => {
  let store: StoreHandle;
  let runs = 0;

  const ids = { environmentId: account.environment_id, accountId: account.id, jobId: "job_um" };

  beforeAll(async () => {
    store = await openStore(loadConfig({ DATABASE_URL: await database.create() }).database);
    await migrateToLatest(store.db, store.dialect);
    await insertAccountWithJob(store.db, ids, ["groups"]);
  });
  afterAll(() => store.close());

  async function commitGroups(records: unknown[]) {
    const runId = `srun_um${++runs}`;
    await insertRunningRun(store.db, { ...ids, runId });
    const progress = emptyProgress();
    const base = { runId, owner: "me", accountId: account.id, progress, leaseMs: 60_000 };
    await checkpoint(store, { ...base, resource: "groups", records });
    await commitRun(store, { runId, owner: "me", account, resources: ["groups"], progress });
  }
  const liveMembers = async () =>
    (
      await store.db
        .selectFrom("directory_memberships")
        .select("user_id")
        .where("account_id", "=", account.id)
        .where("deleted_at", "is", null)
        .orderBy("user_id")
        .execute()
    ).map((row) => row.user_id);
  const events = async () =>
    (
      await store.db.selectFrom("change_events").select("type").where("type", "like", "group.%").execute()
    ).map((e) => e.type);

  it("keeps the stored members of a group renamed while its members could not be read", async () => {
    await commitGroups([team("Ops", ["u1", "u2"])]);
    expect(await liveMembers()).toEqual(["u1", "u2"]);

    await commitGroups([team("Ops renamed")]);
    expect(await liveMembers()).toEqual(["u1", "u2"]);
    expect(await events()).toEqual(["group.updated"]);

    // Read with members again: only real changes are events.
    await commitGroups([team("Ops renamed", ["u1", "u3"])]);
    expect(await liveMembers()).toEqual(["u1", "u3"]);
    expect((await events()).sort()).toEqual(["group.member_added", "group.member_removed", "group.updated"]);
  });
});
