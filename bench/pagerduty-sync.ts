/**
 * PagerDuty syncs under PagerDuty's rate limit. Run: `npx tsx bench/pagerduty-sync.ts`.
 *
 * 1. Full sync of 10,000 users and 500 teams (~20 members each) under the simulator's default limit
 *    (960 requests per minute per key): wall time over the floor that limit allows (provider requests / 16
 *    per s; the key's budget starts full, so a run shorter than 960 requests can beat it), 429s, Roster's
 *    peak RSS.
 * 2. 12,000 users, past PagerDuty's 10,000 offset ceiling: a users sync reads every one of them (by
 *    narrowing on `query`); wall time over its floor, the requests the narrowing walk made, 400s and 429s.
 * Each section runs against a fresh simulator and a fresh Roster (the build, as `npm start` runs it).
 */
import {
  type RosterProcess,
  startPagerdutySimulatorProcess,
  startRosterProcess,
} from "./support/processes.ts";

const PER_SECOND = 960 / 60;

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the API, read field by field below
async function api(roster: RosterProcess, path: string, method = "GET", body?: unknown): Promise<any> {
  const res = await fetch(`${roster.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${roster.token}`,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.json();
}

async function syncOnce(options: { users: number; teams: number; resources?: string[] }) {
  const sim = await startPagerdutySimulatorProcess({ users: options.users, teams: options.teams, seed: 5 });
  const roster = await startRosterProcess({
    PAGERDUTY_US_BASE_URL: sim.url,
    PAGERDUTY_EU_BASE_URL: "http://127.0.0.1:9",
    ROSTER_JOBS_POLL_MS: "100",
  });
  try {
    const account = await api(roster, "/integrated-account", "POST", {
      integration: "pagerduty",
      tenant_id: "bench",
      context: { api_key: sim.keys.full, region: "us" },
    });
    const job = await api(roster, "/sync-job", "POST", {
      integrated_account_id: account.id,
      ...(options.resources ? { resources: options.resources } : {}),
    });
    const runOnce = async () => {
      const before = await sim.stats();
      const t0 = performance.now();
      const queued = await api(roster, `/sync-job/${job.id}/run`, "POST");
      let run: { status: string; error: string | null; stats: Record<string, number> };
      do {
        await new Promise((r) => setTimeout(r, 100));
        run = await api(roster, `/sync-job-run/${queued.id}`);
      } while (run.status === "queued" || run.status === "running");
      const seconds = (performance.now() - t0) / 1000;
      const after = await sim.stats();
      const delta = (status: string) => (after.byStatus[status] ?? 0) - (before.byStatus[status] ?? 0);
      const requests = after.total - before.total;
      return {
        run,
        seconds,
        requests,
        floor: requests / PER_SECOND,
        throttled: delta("429"),
        refused: delta("400"),
      };
    };
    // The first run starts with the key's budget full; the second right after it, with what the first left.
    const cold = await runOnce();
    const warm = await runOnce();
    const peakRssMb = roster.peakRssMb();
    const stored = await api(
      roster,
      `/unified/user-directory/users?integrated_account_id=${account.id}&source=store&fetch_all=true&ignore_remote_data=true`,
    );
    const ids = new Set(stored.result.map((u: { id: string }) => u.id));
    return { cold, warm, storedUsers: stored.result.length, uniqueUsers: ids.size, peakRssMb };
  } finally {
    await roster.stop();
    await sim.stop();
  }
}

type Run = Awaited<ReturnType<typeof syncOnce>>["cold"];
const line = (r: Run) =>
  `${r.run.status}${r.run.error ? ` (${r.run.error})` : ""}, ${r.requests} provider requests in ` +
  `${r.seconds.toFixed(2)} s; floor ${r.floor.toFixed(2)} s (requests / 16 per s); ratio ` +
  `${(r.seconds / r.floor).toFixed(3)}; 400s ${r.refused}; 429s ${r.throttled} (target 0)`;

const full = await syncOnce({ users: 10_000, teams: 500 });
console.log(`1. full sync (10000 users, 500 teams), budget full: ${line(full.cold)}`);
console.log(`   again at once, budget partly spent: ${line(full.warm)}`);
console.log(
  `   stats ${JSON.stringify(full.cold.run.stats)}; stored users ${full.storedUsers}; Roster's peak RSS ` +
    `${full.peakRssMb.toFixed(0)} MB (target <= 250)`,
);

const past = await syncOnce({ users: 12_000, teams: 20, resources: ["users"] });
console.log(
  `2. users sync past the ceiling (12000 users), budget full: ${line(past.cold)} (target ratio <= 1.3)`,
);
console.log(`   again at once, budget partly spent: ${line(past.warm)}`);
console.log(
  `   ${past.uniqueUsers} distinct of ${past.storedUsers} stored (target 12000 of 12000); a walk without the ` +
    `ceiling would need 121 requests; Roster's peak RSS ${past.peakRssMb.toFixed(0)} MB`,
);
