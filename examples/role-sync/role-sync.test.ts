import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir, testDatabases } from "../../test/helpers/databases.ts";
import { eventually } from "../../test/helpers/eventually.ts";
import { type ListeningWorld, startListeningWorld } from "../../test/helpers/listening-world.ts";
import { createSyncJob, opsgenie, runSync } from "../../test/sync/sync-helpers.ts";
import type { Grant } from "./grants.ts";
import { startRoleSync } from "./role-sync.ts";

const WRITE = ["incidents.read", "incidents.write"];
const ADMIN = ["incidents.read", "incidents.write", "workspace.admin"];
const READ = ["incidents.read"];

describe.each(testDatabases)("role sync against Roster on $name", (database) => {
  let live: ListeningWorld;
  let job: string;
  let dataFile: string;
  /** The product's grants as written to its file, by user id. */
  const stored = () =>
    new Map((JSON.parse(fs.readFileSync(dataFile, "utf8")).grants as Grant[]).map((g) => [g.user_id, g]));
  const users = () => [...live.world.us.directory.users.values()];
  const sync = async () => {
    const run = await runSync(live.world, job);
    expect(run.status, run.error).toBe("completed");
  };

  beforeAll(async () => {
    live = await startListeningWorld({ databaseUrl: await database.create(), users: 30, teams: 3 });
    job = await createSyncJob(live.world, live.account);
    await sync();
    dataFile = path.join(tempDir("role-sync-"), "grants.json");
  });
  afterAll(() => live?.close());

  it("grants every person their roles' permissions on start, then applies user.* webhooks", async () => {
    const roleSync = await startRoleSync({ rosterUrl: live.url, token: live.token, dataFile });
    try {
      expect(roleSync.reconciled).toEqual([{ integrated_account_id: live.account, changed: 30 }]);
      const before = stored();
      expect(before.size).toBe(30);
      for (const user of users()) {
        const grant = before.get(user.id);
        expect(grant?.roles, user.id).toEqual([user.role.name]);
        if (user.blocked) expect(grant?.permissions, user.id).toEqual([]);
        else if (user.role.id === "User") expect(grant?.permissions).toEqual(WRITE);
        else if (user.role.id === "Admin") expect(grant?.permissions).toEqual(ADMIN);
        else if (!["Owner", "Stakeholder", "Observer"].includes(user.role.id))
          expect(grant).toMatchObject({ permissions: [], unmapped_roles: [user.role.name] });
      }

      const active = users().filter((u) => !u.blocked);
      const promoted = active.find((u) => u.role.id === "User");
      const demoted = active.find((u) => u.role.id === "Admin");
      const leaver = active.find((u) => u !== promoted && u !== demoted && u.role.id !== "Owner");
      if (!promoted || !demoted || !leaver)
        throw new Error("the world lacks a User, an Admin or a third person");
      const sim = live.world.us;
      await opsgenie(sim, "PATCH", `/v2/users/${promoted.id}`, { role: { name: "Admin" } });
      await opsgenie(sim, "PATCH", `/v2/users/${demoted.id}`, { role: { name: "Stakeholder" } });
      await opsgenie(sim, "DELETE", `/v2/users/${leaver.id}`);
      const joined = await opsgenie(sim, "POST", "/v2/users", {
        username: "new.hire@example.com",
        fullName: "New Hire",
        role: { name: "User" },
      });
      await sync();

      await eventually(() => {
        const after = stored();
        expect(after.get(promoted.id)).toMatchObject({ roles: ["Admin"], permissions: ADMIN });
        expect(after.get(demoted.id)).toMatchObject({ roles: ["Stakeholder"], permissions: READ });
        expect(after.has(leaver.id)).toBe(false);
        expect(after.get(joined.data.id)).toMatchObject({
          email: "new.hire@example.com",
          roles: ["User"],
          permissions: WRITE,
        });
      });
    } finally {
      await roleSync.close();
    }
  });

  it("a restart reconciles what changed while it was stopped, and leaves the rest alone", async () => {
    const person = users().find((u) => !u.blocked && u.role.id === "Stakeholder");
    if (!person) throw new Error("no stakeholder");
    await opsgenie(live.world.us, "PATCH", `/v2/users/${person.id}`, { role: { name: "User" } });
    await sync();
    expect(stored().get(person.id)?.permissions).toEqual(READ);

    const roleSync = await startRoleSync({ rosterUrl: live.url, token: live.token, dataFile });
    try {
      expect(roleSync.reconciled).toEqual([{ integrated_account_id: live.account, changed: 1 }]);
      expect(stored().get(person.id)).toMatchObject({ roles: ["User"], permissions: WRITE });
    } finally {
      await roleSync.close();
    }
  });
});
