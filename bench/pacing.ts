/**
 * Pacing an account whose limits Roster cannot read. Run: `npx tsx bench/pacing.ts` (add `reads`, `sync` or
 * `halved` for one section). The Opsgenie simulator enforces 25/s and 1,000/min per domain and
 * refuses `/v2/request-limits/` to every key, so Roster starts from Opsgenie's assumed 10/s and 600/min.
 * "fixed" is Roster with ROSTER_LEARN_RATE_LIMITS=0 (the assumed limits, slowed for a while after a 429), the
 * baseline measured in the same run; "learnt" is the default.
 *
 * 1. 300 sequential page reads (users, 25 a page): wall time over the floor the true limits allow (a full
 *    server bucket of 25, then 25/s), fixed vs learnt.
 * 2. Full sync of 10,000 users and 500 teams: wall time over the floor (requests served / 25 per s; the
 *    resources are read one after another) and 429s received, fixed vs learnt; "told" is the same sync with the
 *    probe allowed (Roster paces by the real limits), the best pacing can do.
 * 3. The same sync (learnt) with the limits halved (12.5/s, 500/min) once half of its requests are served:
 *    wall time over the floor (requests before / 25 + requests after / 12.5) and 429s.
 * Simulator and Roster each run in their own process; Roster's peak RSS is printed at the end.
 */
import {
  type RosterProcess,
  type SimulatorProcess,
  startRosterProcess,
  startSimulatorProcess,
} from "./support/processes.ts";

const USERS = 10_000;
const TEAMS = 500;
const RATE = 25;
const PER_MINUTE = 1000;
const READS = 300;
const PAGE = 25;
const full = { perSecond: RATE, perMinute: PER_MINUTE };
const halved = { perSecond: RATE / 2, perMinute: PER_MINUTE / 2 };
const trueLimits = (limits: typeof full) => ({ search: limits, configuration: limits });

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the API, read field by field below
async function api(roster: RosterProcess, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${roster.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${roster.token}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

let tenants = 0;
/** A new account each time, so every run starts from the assumed limits (nothing learnt yet). */
async function link(roster: RosterProcess, sim: SimulatorProcess): Promise<string> {
  const account = await api(roster, "POST", "/integrated-account", {
    integration: "opsgenie",
    tenant_id: `bench-${++tenants}`,
    context: { api_key: sim.keys.full, region: "us" },
  });
  // Fresh server buckets, and a quiet moment so Roster's are full too: a fresh account's state.
  await sim.setRateLimits(trueLimits(full));
  await new Promise((r) => setTimeout(r, 1_500));
  return account.id;
}

async function served(sim: SimulatorProcess) {
  const stats = await sim.stats();
  const throttled = stats.byStatus["429"] ?? 0;
  return { served: stats.total - throttled, throttled };
}

async function sequentialReads(roster: RosterProcess, sim: SimulatorProcess) {
  const account = await link(roster, sim);
  await sim.resetStats();
  const first = `/unified/user-directory/users?integrated_account_id=${account}&limit=${PAGE}`;
  let path = first;
  const t0 = performance.now();
  for (let i = 0; i < READS; i++) {
    const page = await api(roster, "GET", path);
    path = `${first}&next_cursor=${encodeURIComponent(page.next_cursor)}`;
  }
  const seconds = (performance.now() - t0) / 1000;
  const floor = (READS - RATE) / RATE;
  return { seconds, floor, ratio: seconds / floor, ...(await served(sim)) };
}

/** A full sync of a new account; `midRun.action` runs once, when `midRun.after` requests have been served. */
async function fullSync(
  roster: RosterProcess,
  sim: SimulatorProcess,
  midRun?: { after: number; action: () => Promise<void> },
) {
  const account = await link(roster, sim);
  const job = await api(roster, "POST", "/sync-job", { integrated_account_id: account });
  await sim.resetStats();
  const t0 = performance.now();
  const queued = await api(roster, "POST", `/sync-job/${job.id}/run`);
  let state: { status: string };
  let pending = midRun;
  do {
    await new Promise((r) => setTimeout(r, 100));
    if (pending && (await served(sim)).served >= pending.after) {
      await pending.action();
      pending = undefined;
    }
    state = await api(roster, "GET", `/sync-job-run/${queued.id}`);
  } while (state.status === "queued" || state.status === "running");
  const seconds = (performance.now() - t0) / 1000;
  return { status: state.status, seconds, ...(await served(sim)) };
}

function line(
  label: string,
  r: { seconds: number; floor: number; throttled: number; served: number; status?: string },
) {
  return (
    `   ${label.padEnd(7)} ${r.status ? `${r.status}, ` : ""}${r.seconds.toFixed(1)} s for ${r.served} requests, floor ${r.floor.toFixed(1)} s, ` +
    `ratio ${(r.seconds / r.floor).toFixed(2)}, 429s ${r.throttled}`
  );
}

const which = process.argv[2] ?? "all";
const sim = await startSimulatorProcess({
  users: USERS,
  teams: TEAMS,
  hideRateLimits: true,
  rateLimits: trueLimits(full),
});
const env = {
  OPSGENIE_US_BASE_URL: sim.url,
  OPSGENIE_EU_BASE_URL: "http://127.0.0.1:9",
  ROSTER_JOBS_POLL_MS: "100",
};
const fixed = await startRosterProcess({ ...env, ROSTER_LEARN_RATE_LIMITS: "0" });
const learnt = await startRosterProcess(env, { build: false });

if (which === "all" || which === "reads") {
  const before = await sequentialReads(fixed, sim);
  const after = await sequentialReads(learnt, sim);
  console.log(`1. ${READS} sequential page reads (${PAGE} users a page), true limits ${RATE}/s hidden:`);
  console.log(line("fixed", before));
  console.log(line("learnt", after));
  console.log(`   learnt / fixed: ${(after.seconds / before.seconds).toFixed(2)}`);
}

let syncRequests = 0;
if (which === "all" || which === "sync") {
  console.log(`2. full sync (${USERS} users, ${TEAMS} teams), true limits ${RATE}/s and ${PER_MINUTE}/min:`);
  const before = await fullSync(fixed, sim);
  console.log(line("fixed", { ...before, floor: before.served / RATE }));
  await sim.hideRateLimits(false);
  const told = await fullSync(learnt, sim);
  await sim.hideRateLimits(true);
  console.log(line("told", { ...told, floor: told.served / RATE }));
  const after = await fullSync(learnt, sim);
  console.log(line("learnt", { ...after, floor: after.served / RATE }));
  syncRequests = after.served;
}

if (which === "all" || which === "halved") {
  // Half of a full sync's requests (measured in section 2, else the usual count).
  const after = Math.round((syncRequests || 650) / 2);
  let atHalving = 0;
  const run = await fullSync(learnt, sim, {
    after,
    action: async () => {
      atHalving = (await served(sim)).served;
      await sim.setRateLimits(trueLimits(halved));
    },
  });
  const floor = atHalving / RATE + (run.served - atHalving) / (RATE / 2);
  console.log(
    `3. the same sync, limits halved to ${halved.perSecond}/s and ${halved.perMinute}/min after ${atHalving} requests:`,
  );
  console.log(line("learnt", { ...run, floor }));
}

console.log(
  `peak RSS: Roster fixed ${fixed.peakRssMb().toFixed(0)} MB, learnt ${learnt.peakRssMb().toFixed(0)} MB`,
);
await Promise.all([fixed.stop(), learnt.stop()]);
await sim.stop();
