/**
 * Roster's gateway overhead and pacing, against the Opsgenie simulator on loopback. Run: `npx tsx bench/gateway.ts`.
 *
 * 1. Added latency: 500 sequential `GET /unified/user-directory/users?limit=100` vs the same page straight
 *    from the simulator (limits raised so pacing does not interfere), and through the bare pipeline (below).
 * 2. Throughput at concurrency 16: Roster vs the simulator alone, first with every worker asking for the same page
 *    (identical reads in flight share one provider call), then with each worker on its own page (nothing to share),
 *    with Roster's CPU time per answer.
 *    For scale, the same 16 pages through the bare pipeline (bench/support/pipeline-floor-child.ts: fetch, parse,
 *    zod check, map, stringify, send; nothing else) give the floor any gateway on these libraries pays here.
 * 3. fetch_all of 10,000 users and of 500 groups with members under the simulator's default limits
 *    (25/s and 1,000/min per domain): wall time over the floor the limits allow, 429s, Roster's peak RSS.
 * Simulator and Roster each run in their own process; all share this machine's cores, so absolute times move with
 * the machine's load: compare runs by the ratios printed (added p50 over the simulator's p50, Roster's CPU per
 * distinct page, Roster's throughput as a share of the simulator's).
 *
 * Options: argv[2] seconds per throughput run (default 5); `BENCH_SKIP_FETCH_ALL=1` runs 1 and 2 only;
 * `BENCH_CPU_PROF=<dir>` starts Roster with `--cpu-prof` and writes its profile to <dir> when it stops.
 */
import fs from "node:fs";
import os from "node:os";
import { Pool } from "undici";
import { startPipelineFloorProcess, startRosterProcess, startSimulatorProcess } from "./support/processes.ts";

const USERS = 10_000;
const TEAMS = 500;
const SEQUENTIAL = 500;
const CONCURRENCY = 16;
const THROUGHPUT_SECONDS = Number(process.argv[2] ?? 5);
const DEFAULT_RATE_PER_SECOND = 25;
const high = { perSecond: 1e9, perMinute: 1e12 };
const unlimited = { search: high, configuration: high };

async function timed(pool: Pool, path: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await pool.request({ method: "GET", path, headers });
  await res.body.arrayBuffer();
  if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}`);
  return performance.now() - t0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Requests per second at CONCURRENCY; worker i asks for paths[i % paths.length]. */
async function throughput(pool: Pool, paths: string[], headers: Record<string, string>): Promise<number> {
  let done = 0;
  const deadline = performance.now() + THROUGHPUT_SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      const path = paths[worker % paths.length] as string;
      while (performance.now() < deadline) {
        await timed(pool, path, headers);
        done++;
      }
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

/** CPU time (user + system) a process has used so far, in ms (Linux counts it in 1/100 s ticks). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Roster's throughput on `paths`, with its CPU time per answer. */
async function rosterThroughput(
  roster: { pid: number },
  pool: Pool,
  paths: string[],
  headers: Record<string, string>,
) {
  const cpu0 = cpuMs(roster.pid);
  const t0 = performance.now();
  const rps = await throughput(pool, paths, headers);
  const answers = (rps * (performance.now() - t0)) / 1000;
  return { rps, cpuMsPerAnswer: (cpuMs(roster.pid) - cpu0) / answers };
}

/** The first `count` pages of a Roster list, as URLs with their cursors. */
async function rosterPages(pool: Pool, first: string, headers: Record<string, string>, count: number) {
  const pages = [first];
  while (pages.length < count) {
    const res = await pool.request({ method: "GET", path: pages[pages.length - 1] as string, headers });
    const body = (await res.body.json()) as { next_cursor: string | null };
    if (!body.next_cursor) break;
    pages.push(`${first}&next_cursor=${encodeURIComponent(body.next_cursor)}`);
  }
  return pages;
}

async function link(rosterUrl: string, token: string, apiKey: string): Promise<string> {
  const res = await fetch(`${rosterUrl}/integrated-account`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      integration: "opsgenie",
      tenant_id: "bench",
      context: { api_key: apiKey, region: "us" },
    }),
  });
  if (res.status !== 201) throw new Error(`link failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function overhead() {
  const sim = await startSimulatorProcess({ users: USERS, teams: TEAMS, rateLimits: unlimited });
  const roster = await startRosterProcess({
    OPSGENIE_US_BASE_URL: sim.url,
    OPSGENIE_EU_BASE_URL: "http://127.0.0.1:9",
  });
  const account = await link(roster.url, roster.token, sim.keys.full);
  const direct = new Pool(sim.url, { connections: CONCURRENCY });
  const gateway = new Pool(roster.url, { connections: CONCURRENCY });
  const simPath = "/v2/users?limit=100&offset=0&sort=username&order=asc";
  const simHeaders = { authorization: `GenieKey ${sim.keys.full}` };
  const rosterPath = `/unified/user-directory/users?integrated_account_id=${account}&limit=100`;
  const rosterHeaders = { authorization: `Bearer ${roster.token}` };

  const floorProcess = await startPipelineFloorProcess(sim.url, sim.keys.full);
  const floorPool = new Pool(floorProcess.url, { connections: CONCURRENCY });
  const floorPaths = Array.from({ length: CONCURRENCY }, (_, i) => `/?offset=${i * 100}`);

  for (let i = 0; i < 50; i++) {
    await timed(direct, simPath, simHeaders);
    await timed(gateway, rosterPath, rosterHeaders);
    await timed(floorPool, floorPaths[0] as string, {});
  }
  const straight: number[] = [];
  const through: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    straight.push(await timed(direct, simPath, simHeaders));
    through.push(await timed(gateway, rosterPath, rosterHeaders));
    bare.push(await timed(floorPool, floorPaths[0] as string, {}));
  }
  const simRps = await throughput(direct, [simPath], simHeaders);
  const rosterSame = await rosterThroughput(roster, gateway, [rosterPath], rosterHeaders);
  const simPaths = Array.from(
    { length: CONCURRENCY },
    (_, i) => `/v2/users?limit=100&offset=${i * 100}&sort=username&order=asc`,
  );
  const simDistinctRps = await throughput(direct, simPaths, simHeaders);
  const rosterDistinct = await rosterThroughput(
    roster,
    gateway,
    await rosterPages(gateway, rosterPath, rosterHeaders, CONCURRENCY),
    rosterHeaders,
  );
  await throughput(floorPool, floorPaths, {});
  const floor = await rosterThroughput(floorProcess, floorPool, floorPaths, {});
  await floorPool.close();
  await floorProcess.stop();
  await Promise.all([direct.close(), gateway.close()]);
  await roster.stop();
  await sim.stop();
  return {
    p50Direct: percentile(straight, 50),
    p50Roster: percentile(through, 50),
    p99Direct: percentile(straight, 99),
    p99Roster: percentile(through, 99),
    p50Floor: percentile(bare, 50),
    simRps,
    rosterSame,
    simDistinctRps,
    rosterDistinct,
    floor,
  };
}

async function fetchAllUnderLimits() {
  const sim = await startSimulatorProcess({ users: USERS, teams: TEAMS });
  const roster = await startRosterProcess({
    OPSGENIE_US_BASE_URL: sim.url,
    OPSGENIE_EU_BASE_URL: "http://127.0.0.1:9",
  });
  const account = await link(roster.url, roster.token, sim.keys.full);
  const headers = { authorization: `Bearer ${roster.token}` };
  // Let the buckets refill after linking, so each run starts from the state a fresh account would have.
  await new Promise((r) => setTimeout(r, 2_000));

  const run = async (label: string, query: string, domain: string) => {
    await sim.resetStats();
    const t0 = performance.now();
    const res = await fetch(
      `${roster.url}/unified/user-directory/${query}&integrated_account_id=${account}&fetch_all=true`,
      {
        headers,
      },
    );
    const body = (await res.json()) as { result_count: number };
    const seconds = (performance.now() - t0) / 1000;
    const stats = await sim.stats();
    const requests = stats.byDomain[domain] ?? 0;
    const floor = requests / DEFAULT_RATE_PER_SECOND;
    await new Promise((r) => setTimeout(r, 2_000));
    return {
      label,
      status: res.status,
      records: body.result_count,
      seconds,
      requests,
      floor,
      throttled: stats.byStatus["429"] ?? 0,
    };
  };
  const users = await run("users (10,000)", "users?limit=100&ignore_remote_data=false", "search");
  const groups = await run("groups with members (500)", "groups?include=members", "configuration");
  const peakRssMb = roster.peakRssMb();
  await roster.stop();
  await sim.stop();
  return { runs: [users, groups], peakRssMb };
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
console.log(
  `Gateway benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}); simulator, Roster and client share them.`,
);
const o = await overhead();
console.log("\n1. Added latency, 500 sequential GET of a 100-user page");
console.log(`   simulator direct p50 ${ms(o.p50Direct)}  p99 ${ms(o.p99Direct)}`);
console.log(`   through Roster   p50 ${ms(o.p50Roster)}  p99 ${ms(o.p99Roster)}`);
console.log(
  `   added p50 ${ms(o.p50Roster - o.p50Direct)}   (target <= 1 ms); ratio added / simulator p50 ${((o.p50Roster - o.p50Direct) / o.p50Direct).toFixed(2)}`,
);
console.log(
  `   bare pipeline p50 ${ms(o.p50Floor)}: it adds ${ms(o.p50Floor - o.p50Direct)}; Roster's added p50 over the bare pipeline's ${((o.p50Roster - o.p50Direct) / (o.p50Floor - o.p50Direct)).toFixed(2)}x`,
);
console.log(`\n2. Throughput at concurrency ${CONCURRENCY}, ${THROUGHPUT_SECONDS} s each`);
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
console.log(
  `   same page:      simulator ${o.simRps.toFixed(0)} req/s, Roster ${o.rosterSame.rps.toFixed(0)} req/s: ${pct(o.rosterSame.rps, o.simRps)} (target >= 60%); Roster CPU ${ms(o.rosterSame.cpuMsPerAnswer)} per answer`,
);
console.log(
  `   16 own pages:   simulator ${o.simDistinctRps.toFixed(0)} req/s, Roster ${o.rosterDistinct.rps.toFixed(0)} req/s: ${pct(o.rosterDistinct.rps, o.simDistinctRps)}; Roster CPU ${ms(o.rosterDistinct.cpuMsPerAnswer)} per answer`,
);
console.log(
  `   ratios: CPU per distinct page ${ms(o.rosterDistinct.cpuMsPerAnswer)} (target <= 0.8 ms); distinct-page throughput share ${pct(o.rosterDistinct.rps, o.simDistinctRps)}; same-page share ${pct(o.rosterSame.rps, o.simRps)}`,
);
console.log(
  `   bare pipeline (fetch, parse, zod, map, stringify; no Roster): ${o.floor.rps.toFixed(0)} req/s, CPU ${ms(o.floor.cpuMsPerAnswer)} per page; Roster's CPU per distinct page over it ${(o.rosterDistinct.cpuMsPerAnswer / o.floor.cpuMsPerAnswer).toFixed(2)}x`,
);
if (process.env.BENCH_SKIP_FETCH_ALL === "1") process.exit(0);
const f = await fetchAllUnderLimits();
console.log(
  `\n3. fetch_all under the simulator's default limits (${DEFAULT_RATE_PER_SECOND}/s, 1000/min per domain)`,
);
for (const r of f.runs) {
  console.log(
    `   ${r.label}: HTTP ${r.status}, ${r.records} records, ${r.requests} provider requests in ${r.seconds.toFixed(2)} s; floor ${r.floor.toFixed(2)} s; ratio ${(r.seconds / r.floor).toFixed(3)} (target <= 1.15); 429s ${r.throttled} (target 0)`,
  );
}
console.log(`   Roster peak RSS ${f.peakRssMb.toFixed(0)} MB (target <= 200 MB)`);
