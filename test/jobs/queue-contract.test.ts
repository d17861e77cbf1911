import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { EmbeddedJobQueue } from "../../src/jobs/embedded-queue.ts";
import { GraphileJobQueue } from "../../src/jobs/graphile-queue.ts";
import type { JobContext, JobHandler, JobQueue } from "../../src/jobs/queue.ts";
import { openStore, type StoreHandle } from "../../src/store/database.ts";
import { migrateToLatest } from "../../src/store/migrate.ts";
import { tempDir, testDatabases } from "../helpers/databases.ts";

/**
 * The JobQueue contract, run against every implementation: the embedded table queue on SQLite and on
 * PostgreSQL, and graphile-worker on PostgreSQL (scale-out mode).
 */
const options = { pollMs: 50, leaseMs: 1500, concurrency: 4 };

interface Opened {
  queue: JobQueue & { owner: string };
  store: StoreHandle;
  /** Marks every pending job as held by a worker that died mid-attempt (the lease/lock long gone stale). */
  crashAll(): Promise<void>;
}

interface Variant {
  name: string;
  database: (typeof testDatabases)[number];
  open(url: string): Promise<Opened>;
}

async function storeFor(url: string): Promise<StoreHandle> {
  const store = await openStore(loadConfig({ DATABASE_URL: url, ROSTER_DATA_DIR: tempDir() }).database);
  await migrateToLatest(store.db, store.dialect);
  return store;
}

const variants: Variant[] = [];
for (const database of testDatabases) {
  variants.push({
    name: `embedded queue on ${database.name}`,
    database,
    async open(url) {
      const store = await storeFor(url);
      const queue = new EmbeddedJobQueue(store.db, options);
      return {
        queue,
        store,
        async crashAll() {
          const stale = new Date(Date.now() - 60_000).toISOString();
          const jobs = await store.db.selectFrom("jobs").select(["id", "attempts"]).execute();
          for (const job of jobs) {
            await store.db
              .updateTable("jobs")
              .set({
                status: "running",
                attempts: Number(job.attempts) + 1,
                lease_owner: "worker-dead",
                lease_expires_at: stale,
              })
              .where("id", "=", job.id)
              .execute();
          }
        },
      };
    },
  });
  if (database.name === "postgres") {
    variants.push({
      name: "graphile-worker queue on postgres",
      database,
      async open(url) {
        const store = await storeFor(url);
        const pool = store.pgPool;
        if (!pool) throw new Error("no pg pool");
        const queue = new GraphileJobQueue(pool, options);
        return {
          queue,
          store,
          async crashAll() {
            const schema = await queue.schema();
            await pool.query(
              `update "${schema}"._private_jobs set locked_by = 'worker-dead', attempts = attempts + 1,
                 locked_at = now() - interval '1 minute'`,
            );
          },
        };
      },
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

interface Call {
  payload: Record<string, unknown>;
  context: JobContext;
}

function recorder(behaviour?: (payload: any, context: JobContext) => Promise<void>) {
  const calls: Call[] = [];
  const gaveUp: { payload: unknown; error: string }[] = [];
  const handler: JobHandler<any> = {
    async run(payload, context) {
      calls.push({ payload, context });
      await behaviour?.(payload, context);
    },
    async giveUp(payload, error) {
      gaveUp.push({ payload, error });
    },
  };
  return { calls, gaveUp, handler };
}

describe.each(variants)("the JobQueue contract: $name", (variant) => {
  const opened: Opened[] = [];
  const open = async (url: string) => {
    const o = await variant.open(url);
    opened.push(o);
    return o;
  };
  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.queue.stop();
      await o.store.close();
    }
  });

  it("runs a job once, with attempt 1, an owner and a signal", async () => {
    const { queue } = await open(await variant.database.create());
    const r = recorder();
    await queue.start({ greet: r.handler });
    await queue.enqueue("greet", { hello: "world" });
    await until(() => r.calls.length === 1);
    await sleep(300);
    expect(r.calls).toHaveLength(1);
    const [call] = r.calls;
    expect(call?.payload).toEqual({ hello: "world" });
    expect(call?.context.attempt).toBe(1);
    expect(call?.context.owner).toBe(queue.owner);
    expect(String(call?.context.jobId)).not.toBe("");
    expect(call?.context.signal.aborted).toBe(false);
  });

  it("dedupes by key while the first job exists", async () => {
    const { queue } = await open(await variant.database.create());
    await queue.enqueue("keyed", { n: 1 }, { key: "same" });
    await queue.enqueue("keyed", { n: 2 }, { key: "same" });
    await queue.enqueue("keyed", { n: 3 }, { key: "other" });
    const r = recorder();
    await queue.start({ keyed: r.handler });
    await until(() => r.calls.length === 2);
    await sleep(300);
    expect(r.calls.map((c) => c.payload.n).sort()).toEqual([1, 3]);
  });

  it("holds a job until runAt", async () => {
    const { queue } = await open(await variant.database.create());
    const r = recorder();
    await queue.start({ later: r.handler });
    const t0 = Date.now();
    await queue.enqueue("later", {}, { runAt: new Date(t0 + 1200) });
    await sleep(700);
    expect(r.calls).toHaveLength(0);
    await until(() => r.calls.length === 1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1100);
  });

  it("retries a throwing job up to maxAttempts, then calls giveUp once", async () => {
    const { queue } = await open(await variant.database.create());
    const r = recorder(async () => {
      throw new Error("boom");
    });
    await queue.start({ flaky: r.handler });
    await queue.enqueue("flaky", { id: "x" }, { maxAttempts: 2 });
    await until(() => r.gaveUp.length === 1, 15_000);
    await sleep(500);
    expect(r.calls.map((c) => c.context.attempt)).toEqual([1, 2]);
    expect(r.gaveUp).toEqual([{ payload: { id: "x" }, error: expect.stringContaining("boom") }]);
  }, 20_000);

  it("two queue instances on one database run each of 200 jobs exactly once", async () => {
    const url = await variant.database.create();
    const a = await open(url);
    const b = await open(url);
    const counts = new Map<number, number>();
    const owners = new Map<string, number>();
    const handler = recorder(async (payload: { n: number }, context) => {
      counts.set(payload.n, (counts.get(payload.n) ?? 0) + 1);
      owners.set(context.owner, (owners.get(context.owner) ?? 0) + 1);
      await sleep(5);
    }).handler;
    for (let n = 0; n < 200; n++) await (n % 2 ? a : b).queue.enqueue("work", { n });
    await Promise.all([a.queue.start({ work: handler }), b.queue.start({ work: handler })]);
    await until(() => counts.size === 200, 20_000);
    await sleep(500);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect([...counts.values()].reduce((x, y) => x + y, 0)).toBe(200);
    expect(owners.size).toBe(2);
  }, 30_000);

  it("stop() aborts a running job and hands it back without spending an attempt", async () => {
    const url = await variant.database.create();
    const first = await open(url);
    let aborted = false;
    const stuck = recorder(
      (_payload, context) =>
        new Promise<void>((_resolve, reject) => {
          context.signal.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          });
        }),
    );
    await first.queue.start({ long: stuck.handler });
    await first.queue.enqueue("long", { n: 1 });
    await until(() => stuck.calls.length === 1);
    const t0 = Date.now();
    await first.queue.stop();
    expect(aborted).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);

    const second = await open(url);
    const r = recorder();
    await second.queue.start({ long: r.handler });
    await until(() => r.calls.length === 1, 10_000);
    expect(r.calls[0]?.context.attempt).toBe(1);
    expect(r.gaveUp).toEqual([]);
  }, 20_000);

  it("a job held by a crashed worker runs again; a crashed last attempt is given up once", async () => {
    const url = await variant.database.create();
    const o = await open(url);
    await o.queue.enqueue("survivor", { n: 1 }, { maxAttempts: 3 });
    await o.queue.enqueue("doomed", { n: 2 }, { maxAttempts: 1 });
    await o.crashAll();
    const survivor = recorder();
    const doomed = recorder();
    await o.queue.start({ survivor: survivor.handler, doomed: doomed.handler });
    await until(() => survivor.calls.length === 1 && doomed.gaveUp.length === 1, 10_000);
    await sleep(300);
    expect(survivor.calls[0]?.context.attempt).toBe(2);
    expect(doomed.calls).toEqual([]);
    expect(doomed.gaveUp).toEqual([{ payload: { n: 2 }, error: expect.any(String) }]);
  }, 20_000);
});
