import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { createSyncJob, fastJobs, outbox, runSync } from "./sync-helpers.ts";

/**
 * A user deleted while a run pages through the users shifts every later offset by one, so the next page
 * skips a user who still exists. That user must not be reported deleted.
 */
describe.each(testDatabases)("a directory that changes while a run reads it, on $name", (database) => {
  let world: OpsgenieWorld;
  let proxy: http.Server;
  let onFirstUsersPage: (() => void) | undefined;

  beforeAll(async () => {
    // Roster talks to the simulator through this pass-through, which can act between two pages.
    proxy = http.createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", world.us.url);
      const upstream = await fetch(url, {
        method: req.method,
        headers: { authorization: req.headers.authorization ?? "" },
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
      res.end(body);
      if (
        url.pathname.replace(/\/$/, "") === "/v2/users" &&
        (url.searchParams.get("offset") ?? "0") === "0"
      ) {
        const act = onFirstUsersPage;
        onFirstUsersPage = undefined;
        act?.();
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 250, teams: 5 },
      env: { ...fastJobs, OPSGENIE_US_BASE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
    });
  });
  afterAll(async () => {
    await world.close();
    proxy.close();
  });

  it("tombstones only the user that was deleted, not the one the shifted offsets skipped", async () => {
    const account = await world.link(world.us.apiKeys.full, "us", "tenant-shift");
    const job = await createSyncJob(world, account, { resources: ["users"] });
    expect((await runSync(world, job)).status).toBe("completed");

    const sorted = [...world.us.directory.users.values()].sort((a, b) =>
      a.username.localeCompare(b.username),
    );
    const deleted = sorted.find((u) => u.role.id !== "Owner");
    if (!deleted) throw new Error("no user to delete");
    onFirstUsersPage = () => world.us.directory.deleteUser(deleted);

    const run = await runSync(world, job);
    expect(run.status, run.error).toBe("completed");
    // The deleted user was read on the first page, before it went; the user after it was skipped: no event.
    expect(await outbox(world, account)).toEqual([]);
    expect(run.stats.deleted).toBe(0);

    const next = await runSync(world, job);
    expect(next.status, next.error).toBe("completed");
    const events = await outbox(world, account);
    expect(events.map((e) => e.type)).toEqual(["user.deleted"]);
    expect(events[0].data.record.id).toBe(deleted.id);
    const live = await world.roster.context.store.db
      .selectFrom("directory_records")
      .select("remote_id")
      .where("account_id", "=", account)
      .where("resource", "=", "users")
      .where("deleted_at", "is", null)
      .execute();
    expect(new Set(live.map((r) => r.remote_id))).toEqual(new Set(world.us.directory.users.keys()));
  });
});
