import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type OpsgenieSimulator, startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import { loadConfig } from "../../src/config.ts";
import { openStore } from "../../src/store/database.ts";
import { tempDir, testDatabases } from "../helpers/databases.ts";
import { freePort } from "../helpers/loopback-server.ts";
import { opsgenie } from "./sync-helpers.ts";

const entry = path.resolve("src/cli/main.ts");

describe.each(testDatabases)("a sync process killed with SIGKILL on $name", (database) => {
  const children: ChildProcess[] = [];
  let sim: OpsgenieSimulator | undefined;
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await sim?.close();
  });

  it("leaves a consistent store; after restart the run is retried and each change is in the outbox once", async () => {
    sim = await startOpsgenieSimulator({ users: 300, teams: 60, seed: 11 });
    const databaseUrl = await database.create();
    const port = await freePort();
    const admin = `admin-${crypto.randomBytes(12).toString("hex")}`;
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ROSTER_DATA_DIR: tempDir("roster-crash-"),
      ROSTER_ADMIN_TOKEN: admin,
      OPSGENIE_US_BASE_URL: sim.url,
      PORT: String(port),
      LOG_LEVEL: "warn",
      ROSTER_JOBS_POLL_MS: "50",
      ROSTER_JOB_LEASE_MS: "1500",
    };
    const base = `http://127.0.0.1:${port}`;
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${admin}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const start = async () => {
      const child = spawn(process.execPath, ["--import", "tsx", entry, "serve"], { env, stdio: "ignore" });
      children.push(child);
      for (let i = 0; i < 200; i++) {
        const up = await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) return child;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("server did not start");
    };
    const waitFor = async (runId: string, until: (run: any) => boolean) => {
      for (let i = 0; i < 1500; i++) {
        const run = (await call("GET", `/sync-job-run/${runId}`)).body;
        if (until(run)) return run;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error("timed out");
    };

    let child = await start();
    const linked = await call("POST", "/integrated-account", {
      integration: "opsgenie",
      tenant_id: "tenant-crash",
      context: { api_key: sim.apiKeys.full, region: "us" },
    });
    expect(linked.status).toBe(201);
    const account = linked.body.id;
    const job = (await call("POST", "/sync-job", { integrated_account_id: account })).body.id;
    const first = (await call("POST", `/sync-job/${job}/run`)).body;
    expect((await waitFor(first.id, (r) => r.status === "completed")).status).toBe("completed");

    const created = await opsgenie(sim, "POST", "/v2/users", {
      username: "crash.test@example.com",
      fullName: "Crash Test",
      role: { name: "User" },
    });
    const inTeams = new Set([...sim.directory.teams.values()].flatMap((t) => [...t.members.keys()]));
    const victim = [...sim.directory.users.values()].find((u) => u.role.id !== "Owner" && !inTeams.has(u.id));
    if (!victim) throw new Error("no user outside teams");
    await opsgenie(sim, "DELETE", `/v2/users/${victim.id}`);

    const second = (await call("POST", `/sync-job/${job}/run`)).body;
    await waitFor(
      second.id,
      (r) => r.progress.done.includes("users") || (r.status !== "running" && r.status !== "queued"),
    );
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    // The killed run committed nothing: no events, no tombstones, the run still "running" with its checkpoint.
    const store = await openStore(
      loadConfig({ DATABASE_URL: databaseUrl, ROSTER_DATA_DIR: env.ROSTER_DATA_DIR }).database,
    );
    try {
      const run = await store.db
        .selectFrom("sync_job_runs")
        .selectAll()
        .where("id", "=", second.id)
        .executeTakeFirstOrThrow();
      expect(run.status).toBe("running");
      expect(JSON.parse(run.progress).done).toContain("users");
      // Directory events only: the account's link and the first run have their own (account-level) events.
      const events = await store.db
        .selectFrom("change_events")
        .select("type")
        .where("type", "not like", "integrated_account.%")
        .where("type", "not like", "sync_job_run.%")
        .execute();
      expect(events).toEqual([]);
      const tomb = await store.db
        .selectFrom("directory_records")
        .select("remote_id")
        .where("deleted_at", "is not", null)
        .execute();
      expect(tomb).toEqual([]);
    } finally {
      await store.close();
    }

    child = await start();
    const done = await waitFor(second.id, (r) => r.status === "completed" || r.status === "failed");
    expect(done.status, done.error).toBe("completed");
    expect(done.attempt).toBe(2);
    const check = await openStore(
      loadConfig({ DATABASE_URL: databaseUrl, ROSTER_DATA_DIR: env.ROSTER_DATA_DIR }).database,
    );
    try {
      const events = (
        await check.db.selectFrom("change_events").selectAll().orderBy("sequence").execute()
      ).map((e) => `${e.type} ${JSON.parse(e.data).record.id}`);
      expect(events.filter((e) => e.startsWith("user."))).toEqual(
        expect.arrayContaining([`user.created ${created.data.id}`, `user.deleted ${victim.id}`]),
      );
      expect(events.filter((e) => e.startsWith("user."))).toHaveLength(2);
      expect(new Set(events).size).toBe(events.length);
      const staging = await check.db.selectFrom("sync_run_staging").select("run_id").execute();
      expect(staging).toEqual([]);
    } finally {
      await check.close();
    }
    child.kill("SIGTERM");
  }, 60_000);
});
