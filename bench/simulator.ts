/**
 * Throughput of the Opsgenie simulator, the partner of gateway benchmarks (it must never be the
 * bottleneck). Run: `npx tsx bench/simulator.ts [seconds-per-scenario]`.
 *
 * The simulator runs in a child process (forked from this file with `--serve`) so the load generator
 * does not share its event loop; both still share the machine's cores, which the output states.
 */
import { fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";
import { startOpsgenieSimulator } from "../simulators/opsgenie/index.ts";

const CONCURRENCY = 16;
const USERS = 10_000;
const TEAMS = 1_000;

interface Ready {
  url: string;
  key: string;
  teamIds: string[];
  startMs: number;
}

async function serve(): Promise<void> {
  const started = performance.now();
  const high = { perSecond: 1e9, perMinute: 1e12 };
  const sim = await startOpsgenieSimulator({
    users: USERS,
    teams: TEAMS,
    rateLimits: {
      search: high,
      configuration: high,
      alert: high,
      incident: high,
      heartbeat: high,
      "schedule-oncalls": high,
    },
  });
  const ready: Ready = {
    url: sim.url,
    key: sim.apiKeys.full,
    teamIds: [...sim.directory.teams.keys()],
    startMs: performance.now() - started,
  };
  process.send?.({ type: "ready", ...ready });
  process.on("message", (msg: { type: string }) => {
    if (msg.type === "rss")
      process.send?.({ type: "rss", maxRssKb: process.resourceUsage().maxRSS, stats: sim.stats().total });
    if (msg.type === "stop") void sim.close().then(() => process.exit(0));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function scenario(pool: Pool, key: string, seconds: number, nextPath: (i: number) => string) {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const path = nextPath(i++);
      const t0 = performance.now();
      const res = await pool.request({ method: "GET", path, headers: { authorization: `GenieKey ${key}` } });
      await res.body.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (res.statusCode !== 200) errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: latencies.length,
    errors,
  };
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { execArgv: process.execArgv });
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (msg: { type: string }): void => {
        if (msg.type === type) {
          child.off("message", onMessage);
          resolve(msg as T);
        }
      };
      child.on("message", onMessage);
      if (type !== "ready") child.send({ type });
    });
  const ready = await ask<Ready>("ready");
  const pool = new Pool(ready.url, { connections: CONCURRENCY });
  const lastOffset = USERS - 100;
  const fmt = (r: Awaited<ReturnType<typeof scenario>>): string =>
    `${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   (${r.count} requests, ${r.errors} non-200)`;

  console.log(
    `Opsgenie simulator benchmark: ${USERS} users, ${TEAMS} teams, started in ${ready.startMs.toFixed(0)} ms`,
  );
  console.log(
    `load: undici Pool, concurrency ${CONCURRENCY}, ${seconds}s per scenario, loopback; the client shares this machine (${availableParallelism()} cores) with the simulator process`,
  );
  // Warm-up: builds the cached sort orders and JIT-compiles the hot paths.
  await scenario(pool, ready.key, 1, (i) => `/v2/users?limit=100&offset=${(i * 100) % lastOffset}`);
  const users = await scenario(
    pool,
    ready.key,
    seconds,
    (i) => `/v2/users?limit=100&offset=${(i * 100) % lastOffset}`,
  );
  console.log(`GET /v2/users?limit=100&offset=... ${fmt(users)}`);
  const teams = await scenario(
    pool,
    ready.key,
    seconds,
    (i) => `/v2/teams/${ready.teamIds[i % ready.teamIds.length]}`,
  );
  console.log(`GET /v2/teams/{id}                  ${fmt(teams)}`);
  const rss = await ask<{ maxRssKb: number; stats: number }>("rss");
  console.log(`simulator peak RSS ${(rss.maxRssKb / 1024).toFixed(0)} MB (served ${rss.stats} requests)`);
  await pool.close();
  child.send({ type: "stop" });
}

if (process.argv.includes("--serve")) await serve();
else await main();
