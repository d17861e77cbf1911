/**
 * Pacing an Opsgenie account whose limits Roster cannot read (`/v2/request-limits/` refused): it starts at the
 * assumed 10/s, serves a burst at once, raises the rate while answers stay clean, cuts it on a 429 (retried,
 * never seen by the caller), and keeps what it learnt in the database: across a restart and, on PostgreSQL,
 * for every instance. The `ratelimit-limit` header shows the per-second rate Roster paces the account by.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";

/** The assumed 10/s as paced (x0.97, whole requests). */
const ASSUMED = 9;

describe.each(testDatabases)("learnt pacing of an account with unreadable limits, on $name", (database) => {
  let world: OpsgenieWorld;
  let databaseUrl: string;
  const masterKey = `mk_learnt:${crypto.randomBytes(32).toString("base64")}`;
  const others: TestRoster[] = [];
  let throttledAccount = "";
  let learnt = 0;

  beforeAll(async () => {
    databaseUrl = await database.create();
    world = await startOpsgenieWorld({
      databaseUrl,
      // Below the assumed 10/s, so Roster trips it; the EU account allows the default 25/s.
      us: { users: 40, teams: 2, hideRateLimits: true, rateLimits: { search: { perSecond: 4 } } },
      eu: { users: 40, teams: 2, hideRateLimits: true },
      env: { ROSTER_MASTER_KEY: masterKey },
    });
  });
  let restarted = false;
  afterAll(async () => {
    for (const roster of others) await roster.close();
    if (!restarted) await world.roster.close();
    await Promise.all([world.us.close(), world.eu.close()]);
  });

  const users = (account: string, cursor?: string, roster: TestRoster = world.roster, size = 2) =>
    roster.app
      .inject({
        url: `/unified/user-directory/users?integrated_account_id=${account}&limit=${size}${cursor ? `&next_cursor=${encodeURIComponent(cursor)}` : ""}`,
        headers: roster.auth,
      })
      .then((res) => ({
        status: res.statusCode,
        body: res.json(),
        limit: Number(res.headers["ratelimit-limit"]),
      }));

  /** Pages through the users one page after another; every answer must be a 200. */
  async function readPages(account: string, pages: number, size = 2) {
    let cursor: string | undefined;
    let last = { status: 0, limit: 0 };
    for (let i = 0; i < pages; i++) {
      const page = await users(account, cursor, world.roster, size);
      expect(page.status).toBe(200);
      last = page;
      cursor = page.body.next_cursor ?? undefined;
    }
    return last;
  }

  it("serves a burst at once: every request of it finds a token left", async () => {
    const account = await world.link(world.eu.apiKeys.full, "eu", "tenant-burst");
    const before = world.eu.stats().byStatus["429"] ?? 0;
    // Linking took from the account's buckets: a quiet second fills them again, as a caller's pause would.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        world.get(`/unified/user-directory/users?integrated_account_id=${account}&limit=${i + 1}`),
      ),
    );
    for (const answer of answers) expect(answer.status).toBe(200);
    // A request that had waited for a refill would have found the bucket empty (remaining 0).
    const remaining = answers.map((answer) => Number(answer.headers["ratelimit-remaining"]));
    expect(Math.min(...remaining)).toBeGreaterThanOrEqual(1);
    expect(world.eu.stats().byStatus["429"] ?? 0).toBe(before);
  });

  it("raises the rate while answers stay clean", async () => {
    const account = await world.link(world.eu.apiKeys.full, "eu", "tenant-raise");
    // Four callers paging at once (different page sizes: no read to share) ask for more than the assumed rate.
    const last = await Promise.all(Array.from({ length: 4 }, (_, i) => readPages(account, 8, i + 2)));
    expect(Math.max(...last.map((page) => page.limit))).toBeGreaterThan(ASSUMED);
  });

  it("cuts the rate on a 429 and retries: the caller never sees the 429", async () => {
    throttledAccount = await world.link(world.us.apiKeys.full, "us", "tenant-cut");
    const before = world.us.stats().byStatus["429"] ?? 0;
    const last = await readPages(throttledAccount, 12);
    expect(world.us.stats().byStatus["429"] ?? 0).toBeGreaterThan(before);
    expect(last.limit).toBeLessThan(ASSUMED);
    learnt = last.limit;
  });

  it("keeps what it learnt across a restart (and on PostgreSQL, shares it with a running instance)", async () => {
    if (database.name === "postgres") {
      const second = await startTestRoster({
        databaseUrl,
        env: {
          OPSGENIE_US_BASE_URL: world.us.url,
          OPSGENIE_EU_BASE_URL: world.eu.url,
          ROSTER_MASTER_KEY: masterKey,
        },
      });
      others.push(second);
      const page = await users(throttledAccount, undefined, second);
      expect(page.status).toBe(200);
      expect(page.limit).toBeLessThan(ASSUMED);
    }
    await world.roster.close();
    restarted = true;
    for (const roster of others.splice(0)) await roster.close();
    const next = await startTestRoster({
      databaseUrl,
      env: {
        OPSGENIE_US_BASE_URL: world.us.url,
        OPSGENIE_EU_BASE_URL: world.eu.url,
        ROSTER_MASTER_KEY: masterKey,
      },
    });
    others.push(next);
    const page = await users(throttledAccount, undefined, next);
    expect(page.status).toBe(200);
    expect(page.limit).toBeLessThan(ASSUMED);
    expect(page.limit).toBeLessThanOrEqual(learnt + 1);
  });
});
