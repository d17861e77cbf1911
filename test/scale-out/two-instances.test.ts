import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { type OpsgenieSimulator, startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import { loadConfig } from "../../src/config.ts";
import { openStore, type StoreHandle } from "../../src/store/database.ts";
import { tempDir, testDatabases } from "../helpers/databases.ts";
import { sleep, startInstance, waitUntil } from "./instances.ts";

/**
 * Scale-out: two Roster processes on one PostgreSQL (graphile-worker queue, shared rate-limit buckets), one
 * Opsgenie account with modest limits. Scheduled runs happen once, the two together stay inside the limits,
 * and a process killed mid-run leaves its run to the other.
 */
const postgres = testDatabases.find((d) => d.name === "postgres");
if (!postgres) console.warn("TEST_DATABASE_URL is not set: the scale-out test (two instances) is skipped");

const LIMIT_PER_SECOND = 10;

describe.skipIf(!postgres)("two Roster instances on one PostgreSQL", () => {
  const children: ChildProcess[] = [];
  let sim: OpsgenieSimulator | undefined;
  let store: StoreHandle | undefined;
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await store?.close();
    await sim?.close();
  });

  it("fire each scheduled run once, share the rate limits, and finish a killed instance's run", async () => {
    const limits = { perSecond: LIMIT_PER_SECOND, perMinute: 600 };
    sim = await startOpsgenieSimulator({
      users: 400,
      teams: 40,
      seed: 5,
      rateLimits: { search: limits, configuration: limits, alert: limits },
    });
    const databaseUrl = await (postgres as NonNullable<typeof postgres>).create();
    const admin = `admin-${crypto.randomBytes(12).toString("hex")}`;
    const masterKey = `mk_scale:${crypto.randomBytes(32).toString("base64")}`;

    const start = () =>
      startInstance({
        databaseUrl,
        masterKey,
        adminToken: admin,
        children,
        env: {
          OPSGENIE_US_BASE_URL: sim?.url ?? "",
          ROSTER_JOBS_POLL_MS: "100",
          ROSTER_JOB_LEASE_MS: "1500",
          // One job at a time per instance: two runs at once are necessarily on the two instances.
          ROSTER_JOBS_CONCURRENCY: "1",
        },
      });

    // Start one first so that the migrations are not raced by the second (they would be safe, only slower).
    const a = await start();
    const b = await start();
    store = await openStore(loadConfig({ DATABASE_URL: databaseUrl, ROSTER_DATA_DIR: tempDir() }).database);
    const db = store.db;

    const linked = await a.call("POST", "/integrated-account", {
      integration: "opsgenie",
      tenant_id: "tenant-scale",
      context: { api_key: sim.apiKeys.full, region: "us" },
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    // Two sync jobs of one account, every minute: their runs of a firing run at once, on both instances
    // (each works one job at a time), and draw on one rate budget.
    const jobIds: string[] = [];
    for (const instance of [a, b]) {
      const job = await instance.call("POST", "/sync-job", {
        integrated_account_id: linked.body.id,
        interval_minutes: 1,
      });
      expect(job.status, JSON.stringify(job.body)).toBe(201);
      jobIds.push(job.body.id);
    }
    const [jobId = ""] = jobIds;

    const runs = (job: string) =>
      db
        .selectFrom("sync_job_runs")
        .selectAll()
        .where("sync_job_id", "=", job)
        .orderBy("created_at")
        .execute();
    const finished = (run: { status: string }) => run.status === "completed" || run.status === "failed";

    // Two scheduled firings. The minute is shortened by making the jobs due now (both instances poll every
    // 100 ms and race for them); each firing must start exactly one run of each job.
    for (let firing = 1; firing <= 2; firing++) {
      const madeDueAt = Date.now();
      await db
        .updateTable("sync_jobs")
        .set({ next_run_at: new Date(Date.now() - 1000).toISOString() })
        .where("id", "in", jobIds)
        .execute();
      for (const job of jobIds) {
        const run = await waitUntil(
          `scheduled run ${firing} of ${job}`,
          async () => {
            const all = await runs(job);
            return all.length >= firing && all.every(finished) ? all[firing - 1] : undefined;
          },
          40_000,
        );
        expect(run?.status, run?.error ?? "").toBe("completed");
      }
      // Both instances keep polling: still one run per job for this firing, and the jobs are not due again.
      await sleep(500);
      for (const job of jobIds) {
        expect(await runs(job)).toHaveLength(firing);
        const after = await db
          .selectFrom("sync_jobs")
          .select("next_run_at")
          .where("id", "=", job)
          .executeTakeFirst();
        // Rescheduled about a minute after the firing, however long the runs took on a loaded machine.
        expect(new Date(after?.next_run_at ?? 0).getTime()).toBeGreaterThan(madeDueAt + 50_000);
      }
    }

    // Killing the instance that holds a run mid-way: the other takes the job over and completes the run.
    const triggered = await a.call("POST", `/sync-job/${jobId}/run`);
    expect(triggered.status, JSON.stringify(triggered.body)).toBe(202);
    const runId: string = triggered.body.id;
    const holder = await waitUntil(
      "the run to be under way",
      async () => {
        const run = await db
          .selectFrom("sync_job_runs")
          .selectAll()
          .where("id", "=", runId)
          .executeTakeFirst();
        return run?.status === "running" && run.lease_owner && JSON.parse(run.progress).pages > 0
          ? run.lease_owner
          : undefined;
      },
      20_000,
    );
    const pid = Number(/^instance-(\d+)-/.exec(holder)?.[1]);
    const victim = [a, b].find((i) => i.child.pid === pid);
    const survivor = [a, b].find((i) => i !== victim);
    expect(victim, `the run's owner ${holder} is one of the two processes`).toBeDefined();
    victim?.child.kill("SIGKILL");
    await new Promise((r) => victim?.child.once("exit", r));
    const done = await waitUntil(
      "the survivor to finish the run",
      async () => {
        const run = (await survivor?.call("GET", `/sync-job-run/${runId}`))?.body;
        return run && finished(run) ? run : undefined;
      },
      40_000,
    );
    expect(done.status, done.error).toBe("completed");
    expect(done.attempt).toBe(2);
    expect(await runs(jobId)).toHaveLength(3);

    // The two together (and the killed one's in-flight requests) stayed inside the account's limits: the
    // simulator enforces them with token buckets and refused nothing. Its meter counts per calendar second,
    // where a token bucket legitimately admits up to its capacity plus one second of refill (< 2x the rate);
    // two instances with a budget each would have reached up to 4x and drawn 429s.
    const stats = sim.stats();
    expect(stats.byStatus["429"] ?? 0).toBe(0);
    expect(stats.throttled).toBe(0);
    for (const [domain, rate] of Object.entries(stats.rates)) {
      expect(rate.maxAcceptedPerSecond, `${domain} per second`).toBeLessThan(2 * LIMIT_PER_SECOND);
      expect(rate.maxAcceptedPerMinute, `${domain} per minute`).toBeLessThanOrEqual(limits.perMinute);
    }
  }, 85_000);
});
