/**
 * Directory syncs and people search. Run: `npx tsx bench/sync.ts` (add BENCH_DATABASE_URL=postgres://... to
 * also measure search on PostgreSQL).
 *
 * 1. Full sync of 10,000 users and 500 teams (~20 members each) under the simulator's default limits
 *    (25/s per domain): wall time over the floor the limits allow (provider requests / 25 per s, the
 *    resources are read one after another), 429s, Roster's peak RSS.
 * 2. Re-sync with no change: time Roster itself spends (page checkpoints, then diff + commit).
 * 3. People search over 100,000 stored users in 50 accounts (rows inserted directly): p50 / p99.
 *
 * `npx tsx bench/sync.ts resync` runs section 2 alone: the first sync only seeds the store, so the simulator
 * allows 400 requests/s, and section 2 is measured on SQLite and, with BENCH_DATABASE_URL, on PostgreSQL.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config.ts";
import { searchPeople } from "../src/directory/people-search.ts";
import { searchableUser } from "../src/directory/search-terms.ts";
import { openStore, type StoreHandle } from "../src/store/database.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import { insertAccountRow } from "../test/helpers/store-rows.ts";
import { freshSchema } from "./support/fresh-schema.ts";
import { startRosterProcess, startSimulatorProcess } from "./support/processes.ts";

const USERS = 10_000;
const TEAMS = 500;
const RATE = 25;

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the API, read field by field below
async function api(url: string, token: string, method: string, body?: unknown): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.json();
}

async function syncBench(options: { label?: string; fastSeed?: boolean; env?: Record<string, string> } = {}) {
  const unlimited = { perSecond: 400, perMinute: 24_000 };
  const sim = await startSimulatorProcess({
    users: USERS,
    teams: TEAMS,
    ...(options.fastSeed ? { rateLimits: { search: unlimited, configuration: unlimited } } : {}),
  });
  const roster = await startRosterProcess({
    OPSGENIE_US_BASE_URL: sim.url,
    OPSGENIE_EU_BASE_URL: "http://127.0.0.1:9",
    ROSTER_JOBS_POLL_MS: "100",
    ...options.env,
  });
  const account = (
    await api(`${roster.url}/integrated-account`, roster.token, "POST", {
      integration: "opsgenie",
      tenant_id: "bench",
      context: { api_key: sim.keys.full, region: "us" },
    })
  ).id;
  const job = (await api(`${roster.url}/sync-job`, roster.token, "POST", { integrated_account_id: account }))
    .id;
  const run = async () => {
    const before = await sim.stats();
    const t0 = performance.now();
    const queued = await api(`${roster.url}/sync-job/${job}/run`, roster.token, "POST");
    let state: { status: string; stats: unknown; progress: Record<string, number> };
    do {
      await new Promise((r) => setTimeout(r, 100));
      state = await api(`${roster.url}/sync-job-run/${queued.id}`, roster.token, "GET");
    } while (state.status === "queued" || state.status === "running");
    const seconds = (performance.now() - t0) / 1000;
    const after = await sim.stats();
    const requests = after.total - before.total;
    const throttled = (after.byStatus["429"] ?? 0) - (before.byStatus["429"] ?? 0);
    return { state, seconds, requests, throttled };
  };
  const full = await run();
  if (!options.fastSeed) {
    console.log(
      `1. full sync (${USERS} users, ${TEAMS} teams): ${full.state.status}, ${full.requests} provider requests in ` +
        `${full.seconds.toFixed(2)} s; floor ${(full.requests / RATE).toFixed(2)} s; ratio ` +
        `${(full.seconds / (full.requests / RATE)).toFixed(3)} (target <= 1.15); 429s ${full.throttled} (target 0); ` +
        `peak RSS ${roster.peakRssMb().toFixed(0)} MB (target <= 250)`,
    );
    console.log(`   stats ${JSON.stringify(full.state.stats)}`);
  }
  const again = await run();
  const p = again.state.progress;
  console.log(
    `2. re-sync with no change${options.label ? ` (${options.label})` : ""}: ${again.state.status} in ` +
      `${again.seconds.toFixed(2)} s; Roster's own time: ` +
      `checkpoints ${p.checkpoint_ms} ms + diff/commit ${p.commit_ms} ms = ${(p.checkpoint_ms ?? 0) + (p.commit_ms ?? 0)} ms ` +
      `(target <= 1000); stats ${JSON.stringify(again.state.stats)}`,
  );
  await roster.stop();
  await sim.stop();
}

/** Section 2 alone, on SQLite and (with BENCH_DATABASE_URL) on PostgreSQL in a fresh schema. */
async function resyncBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-resync-"));
  await syncBench({
    label: "SQLite",
    fastSeed: true,
    env: { DATABASE_URL: `sqlite:${path.join(dir, "r.db")}` },
  });
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const schema = await freshSchema(pgUrl);
    await syncBench({ label: "PostgreSQL", fastSeed: true, env: { DATABASE_URL: schema.url } });
    await schema.drop();
  }
}

const first = [
  "José",
  "María",
  "Jürgen",
  "Zoë",
  "Ana",
  "John",
  "Mary",
  "Li",
  "Søren",
  "Chloé",
  "Ahmed",
  "Yuki",
];
const last = [
  "García",
  "Müller",
  "Smith",
  "Nguyễn",
  "Kowalski",
  "Dubois",
  "O'Brien",
  "Rossi",
  "Öztürk",
  "Svensson",
];

async function searchBench(label: string, store: StoreHandle) {
  await migrateToLatest(store.db, store.dialect);
  const env = `env_${crypto.randomBytes(4).toString("hex")}`;
  const now = new Date().toISOString();
  await store.db.insertInto("environments").values({ id: env, name: env, created_at: now }).execute();
  const rand = mulberry(7);
  for (let a = 0; a < 50; a++) {
    const accountId = `${env}_acc${a}`;
    await insertAccountRow(store.db, { id: accountId, environmentId: env, tenantId: `tenant-${a % 10}` });
    const rows = Array.from({ length: 2000 }, (_, i) => {
      const name = `${pick(first, rand)} ${pick(last, rand)}`;
      const username = `${name
        .toLowerCase()
        .normalize("NFKD")
        .replace(/[^a-z ]/g, "")
        .replace(" ", ".")}${a}.${i}@example.com`;
      return {
        account_id: accountId,
        user_id: `u${a}-${i}`,
        environment_id: env,
        tenant_id: `tenant-${a % 10}`,
        integration: "opsgenie",
        ...searchableUser({ name, username, emails: [{ email: username, is_primary: true }] }),
      };
    });
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto("user_search")
          .values(rows.slice(i, i + 200))
          .execute();
    });
  }
  const queries = [
    "jo",
    "jose",
    "josé garc",
    "maria",
    "mü",
    "muller",
    "smith",
    "nguyen",
    "zoe o",
    "john.smith1",
    "sv",
    "chloe",
  ];
  const times: number[] = [];
  let hits = 0;
  for (let i = 0; i < 600; i++) {
    const q = queries[i % queries.length] ?? "jo";
    const t0 = performance.now();
    const result = await searchPeople(store, {
      environmentId: env,
      q,
      limit: 20,
      tenantId: i % 3 === 0 ? "tenant-3" : undefined,
    });
    const ms = performance.now() - t0;
    if (i >= 60) times.push(ms);
    hits += result.length;
  }
  times.sort((x, y) => x - y);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  console.log(
    `3. search over 100,000 users in 50 accounts (${label}): p50 ${pct(50).toFixed(2)} ms (target <= 20), ` +
      `p99 ${pct(99).toFixed(2)} ms (target <= 100); ${(hits / 600).toFixed(1)} hits per query`,
  );
  await store.close();
}

function pick<T>(items: T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function mulberry(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const which = process.argv[2] ?? "all";
if (which === "all" || which === "sync") await syncBench();
if (which === "resync") await resyncBench();
if (which === "all" || which === "search") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-search-"));
  await searchBench(
    "SQLite FTS5",
    await openStore(loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, "s.db")}` }).database),
  );
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) {
    const schema = await freshSchema(pgUrl);
    await searchBench(
      "PostgreSQL pg_trgm",
      await openStore(loadConfig({ DATABASE_URL: schema.url }).database),
    );
    await schema.drop();
  }
}
