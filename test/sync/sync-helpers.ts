import { expect } from "vitest";
import type { OpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import type { OpsgenieWorld } from "../helpers/opsgenie-world.ts";

/** What the helpers need of a test world: its Roster and a GET through it (any provider's world fits). */
type World = Pick<OpsgenieWorld, "roster" | "get">;

/** Fast polling for tests: runs start within ~50 ms of being queued. */
export const fastJobs = { ROSTER_JOBS_POLL_MS: "50", ROSTER_JOB_LEASE_MS: "3000" };

export async function createSyncJob(world: World, account: string, body: object = {}): Promise<string> {
  const res = await world.roster.app.inject({
    method: "POST",
    url: "/sync-job",
    headers: world.roster.auth,
    payload: { integrated_account_id: account, ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Queues a run and waits until it is completed or failed. */
export async function runSync(world: World, jobId: string, timeoutMs = 30_000): Promise<any> {
  const res = await world.roster.app.inject({
    method: "POST",
    url: `/sync-job/${jobId}/run`,
    headers: world.roster.auth,
  });
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe("queued");
  return waitForRun(world, res.json().id, timeoutMs);
}

export async function waitForRun(world: World, runId: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await world.get(`/sync-job-run/${runId}`);
    expect(run.status).toBe(200);
    if (run.body.status === "completed" || run.body.status === "failed") return run.body;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.body.status}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** The directory-change rows of an account's outbox (account and run events left out), oldest first, `data` parsed. */
export async function outbox(world: World, account: string): Promise<any[]> {
  const rows = await world.roster.context.store.db
    .selectFrom("change_events")
    .selectAll()
    .where("integrated_account_id", "=", account)
    .where("type", "not like", "integrated_account.%")
    .where("type", "not like", "sync_job_run.%")
    .orderBy("sequence")
    .execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) }));
}

/** Calls the simulator's own Opsgenie write endpoints, as a customer's admin would. */
export async function opsgenie(
  sim: OpsgenieSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: `GenieKey ${sim.apiKeys.full}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function count(
  world: World,
  table: "directory_records" | "directory_memberships" | "sync_run_staging" | "seat_history",
  where: Record<string, string> = {},
) {
  let q = world.roster.context.store.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n"));
  for (const [k, v] of Object.entries(where)) q = q.where(k as never, "=", v as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
