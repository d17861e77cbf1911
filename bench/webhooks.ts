/**
 * Webhook delivery. Run: `npx tsx bench/webhooks.ts` (BENCH_DATABASE_URL=postgres://... to run on PostgreSQL).
 *
 * 1. Throughput: N change events written to the outbox at once (as a sync commit writes them), fanned out
 *    to one endpoint, signed and delivered to a local receiver that answers 200 at once. Deliveries per
 *    second, for events spread over 50 accounts (50 ordered lanes) and for one account (one strict lane).
 * 2. Latency: a membership change in the simulated Opsgenie, a sync, and the time from the run's
 *    completion to the first delivery of its events, with the default poll interval (p50, p90, max).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { startOpsgenieSimulator } from "../simulators/opsgenie/index.ts";
import { loadConfig } from "../src/config.ts";
import { insertEvents } from "../src/events/outbox.ts";
import { createLogger } from "../src/logger.ts";
import { createRoster } from "../src/main.ts";
import { freshSchema } from "./support/fresh-schema.ts";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const LATENCY_SAMPLES = 15;

async function startRoster(env: Record<string, string> = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-bench-"));
  const adminToken = crypto.randomBytes(16).toString("hex");
  const pgUrl = process.env.BENCH_DATABASE_URL;
  // A fresh schema per Roster: a stale endpoint of an earlier run would otherwise get every event of this one.
  const schema = pgUrl ? await freshSchema(pgUrl) : undefined;
  const config = loadConfig({
    ROSTER_DATA_DIR: dataDir,
    ROSTER_ADMIN_TOKEN: adminToken,
    ROSTER_ALLOW_PRIVATE_WEBHOOKS: "1",
    ...(schema ? { DATABASE_URL: schema.url } : {}),
    ...env,
  });
  const roster = await createRoster(config, createLogger("warn"));
  const call = async (method: string, url: string, payload?: object) => {
    const res = await roster.app.inject({
      method: method as "GET",
      url,
      headers: { authorization: `Bearer ${adminToken}` },
      payload,
    });
    return res.json();
  };
  const close = async () => {
    await roster.close();
    await schema?.drop();
  };
  return { roster, call, close };
}

/** Answers 200 at once; records arrival times and verifies one delivery in 50 with standardwebhooks. */
async function startReceiver() {
  const arrivals: { at: number; type: string; id: string }[] = [];
  let secret = "";
  let verified = 0;
  let failedVerification = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const type = (JSON.parse(body) as { type: string }).type;
      arrivals.push({ at: performance.now(), type, id: String(req.headers["webhook-id"]) });
      if (secret && arrivals.length % 50 === 1) {
        try {
          new Webhook(secret).verify(body, req.headers as Record<string, string>);
          verified++;
        } catch {
          failedVerification++;
        }
      }
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    arrivals,
    setSecret: (s: string) => {
      secret = s;
    },
    stats: () => ({ verified, failedVerification }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function throughput(accounts: number) {
  const receiver = await startReceiver();
  const { roster, call, close } = await startRoster();
  const hook = await call("POST", "/webhook", { target_url: receiver.url, event_types: ["*"] });
  receiver.setSecret(hook.secret);
  const env = roster.context.defaultEnvironmentId;
  const t0 = performance.now();
  await roster.context.store.db.transaction().execute(async (trx) => {
    for (let a = 0; a < accounts; a++) {
      const account = {
        id: `acc_bench_${a}`,
        environment_id: env,
        tenant_id: `t${a}`,
        integration: "opsgenie",
      };
      const drafts = Array.from({ length: EVENTS / accounts }, (_, i) => ({
        type: "user.updated",
        record: { id: `u${i}`, name: `User ${i}`, emails: [{ email: `u${i}@example.com` }] },
        changed_fields: ["name"],
      }));
      await insertEvents(trx, account, null, drafts);
    }
  });
  const written = performance.now();
  while (receiver.arrivals.length < EVENTS) await new Promise((r) => setTimeout(r, 20));
  const done = performance.now();
  const seconds = (done - written) / 1000;
  const unique = new Set(receiver.arrivals.map((a) => a.id)).size;
  console.log(
    `throughput, ${accounts} account(s): ${EVENTS} deliveries in ${seconds.toFixed(2)} s = ${Math.round(EVENTS / seconds)}/s ` +
      `(outbox write ${Math.round(written - t0)} ms; unique webhook-ids ${unique}; ` +
      `sampled signatures verified ${receiver.stats().verified}, failed ${receiver.stats().failedVerification})`,
  );
  await close();
  await receiver.close();
}

async function latency() {
  const sim = await startOpsgenieSimulator({ region: "us", users: 40, teams: 5 });
  const receiver = await startReceiver();
  const { call, close } = await startRoster({
    OPSGENIE_US_BASE_URL: sim.url,
    ROSTER_JOBS_POLL_MS: "20",
  });
  const hook = await call("POST", "/webhook", {
    target_url: receiver.url,
    event_types: ["group.member_added", "group.member_removed"],
  });
  receiver.setSecret(hook.secret);
  const account = (
    await call("POST", "/integrated-account", {
      integration: "opsgenie",
      tenant_id: "bench",
      context: { api_key: sim.apiKeys.full, region: "us" },
    })
  ).id;
  const job = (
    await call("POST", "/sync-job", { integrated_account_id: account, resources: ["users", "groups"] })
  ).id;
  const sync = async () => {
    const run = await call("POST", `/sync-job/${job}/run`);
    for (;;) {
      const state = await call("GET", `/sync-job-run/${run.id}`);
      if (state.status === "completed" || state.status === "failed") return state;
      await new Promise((r) => setImmediate(r));
    }
  };
  await sync();
  const team = [...sim.directory.teams.values()][0];
  const user = [...sim.directory.users.values()].find((u) => team && !team.members.has(u.id));
  if (!team || !user) throw new Error("no team or user");
  const delays: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const before = receiver.arrivals.length;
    const method = i % 2 === 0 ? "POST" : "DELETE";
    const target =
      method === "POST" ? `/v2/teams/${team.id}/members` : `/v2/teams/${team.id}/members/${user.id}`;
    await fetch(`${sim.url}${target}`, {
      method,
      headers: { authorization: `GenieKey ${sim.apiKeys.full}`, "content-type": "application/json" },
      body: method === "POST" ? JSON.stringify({ user: { id: user.id }, role: "user" }) : undefined,
    });
    const run = await sync();
    // finished_at is taken when the commit starts: the delay measured includes the commit itself.
    const finishedWall = Date.parse(run.finished_at);
    const finishedPerf = performance.now() - (Date.now() - finishedWall);
    while (receiver.arrivals.length === before) await new Promise((r) => setTimeout(r, 1));
    delays.push((receiver.arrivals[before]?.at ?? 0) - finishedPerf);
  }
  delays.sort((a, b) => a - b);
  const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]?.toFixed(0);
  console.log(
    `latency, completed sync -> first delivery (${LATENCY_SAMPLES} syncs, default ROSTER_WEBHOOKS_POLL_MS=100): ` +
      `p50 ${pct(0.5)} ms, p90 ${pct(0.9)} ms, max ${delays.at(-1)?.toFixed(0)} ms`,
  );
  await close();
  await receiver.close();
  await sim.close();
}

console.log(`database: ${process.env.BENCH_DATABASE_URL ? "postgres" : "sqlite"}; ${os.cpus().length} CPUs`);
await throughput(50);
await throughput(1);
await latency();
