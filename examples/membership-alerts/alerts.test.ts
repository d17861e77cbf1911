import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir, testDatabases } from "../../test/helpers/databases.ts";
import { eventually } from "../../test/helpers/eventually.ts";
import { type ListeningWorld, startListeningWorld } from "../../test/helpers/listening-world.ts";
import { startServer, type TestServer } from "../../test/helpers/loopback-server.ts";
import { createSyncJob, opsgenie, runSync } from "../../test/sync/sync-helpers.ts";
import { startAlerts } from "./alerts.ts";
import type { Alert } from "./message.ts";
import { fileSink, httpSink } from "./sinks.ts";

/** A local chat receiver: keeps every message it accepted; the first `failures` posts are answered 500. */
async function startChat(failures: number) {
  const accepted: Alert[] = [];
  let refused = 0;
  const server: TestServer = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (refused < failures) {
        refused++;
        return void res.writeHead(500).end();
      }
      accepted.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200).end("ok");
    });
  });
  return { url: `${server.url}/incoming`, accepted, refused: () => refused, close: () => server.close() };
}

describe.each(testDatabases)("membership-change alerts against Roster on $name", (database) => {
  let live: ListeningWorld;
  let job: string;
  const sync = async () => {
    const run = await runSync(live.world, job);
    expect(run.status, run.error).toBe("completed");
  };

  beforeAll(async () => {
    live = await startListeningWorld({
      databaseUrl: await database.create(),
      users: 30,
      teams: 3,
      tenant: "acme",
    });
    job = await createSyncJob(live.world, live.account);
    await sync();
  });
  afterAll(() => live?.close());

  it("posts one message per member added and removed, naming person and team; a failed post is retried", async () => {
    const chat = await startChat(1);
    const alerts = await startAlerts({ rosterUrl: live.url, token: live.token, sink: httpSink(chat.url) });
    try {
      const team = [...live.world.us.directory.teams.values()][0];
      const person = [...live.world.us.directory.users.values()].find(
        (u) => !u.blocked && !team?.members.has(u.id),
      );
      if (!team || !person) throw new Error("no team or no outsider");
      await opsgenie(live.world.us, "POST", `/v2/teams/${team.id}/members`, {
        user: { id: person.id },
        role: "user",
      });
      await sync();
      const added = await eventually(() => {
        expect(chat.accepted).toHaveLength(1);
        return chat.accepted[0];
      });
      expect(chat.refused()).toBe(1);
      expect(added).toEqual({
        text: `${person.fullName} (${person.username}) was added to ${team.name} as user (opsgenie, tenant acme)`,
        event_type: "group.member_added",
        integrated_account_id: live.account,
        tenant_id: "acme",
        group_id: team.id,
        user_id: person.id,
      });

      await opsgenie(live.world.us, "DELETE", `/v2/teams/${team.id}/members/${person.id}`);
      await sync();
      await eventually(() => expect(chat.accepted).toHaveLength(2));
      expect(chat.accepted[1]).toMatchObject({
        text: `${person.fullName} (${person.username}) was removed from ${team.name} (opsgenie, tenant acme)`,
        event_type: "group.member_removed",
      });
    } finally {
      await alerts.close();
      await chat.close();
    }
  });

  it("writes to a file sink, and names a deleted person by the username the event carries", async () => {
    const file = path.join(tempDir("alerts-"), "alerts.jsonl");
    const alerts = await startAlerts({ rosterUrl: live.url, token: live.token, sink: fileSink(file) });
    try {
      const team = [...live.world.us.directory.teams.values()].find((t) => t.members.size > 1);
      const leaver =
        team &&
        [...live.world.us.directory.users.values()].find(
          (u) => team.members.has(u.id) && u.role.id !== "Owner",
        );
      if (!team || !leaver) throw new Error("no team member to delete");
      await opsgenie(live.world.us, "DELETE", `/v2/users/${leaver.id}`);
      await sync();
      const lines = await eventually(() => {
        const written = fs
          .readFileSync(file, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Alert);
        expect(written.length).toBeGreaterThanOrEqual(1);
        return written;
      });
      const removal = lines.find((l) => l.user_id === leaver.id && l.group_id === team.id);
      expect(removal?.event_type).toBe("group.member_removed");
      expect(removal?.text).toMatch(
        new RegExp(`^${leaver.username.replaceAll(".", "\\.")} was removed from `),
      );
    } finally {
      await alerts.close();
    }
  });
});
