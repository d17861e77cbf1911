/**
 * The read of an account's real rate limits (Opsgenie's `/v2/request-limits/`) is best effort: when it hangs,
 * reads answer at once under the assumed limits, and a failed read is not retried on every request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

const PROBE_TIMEOUT_MS = 2_000;
const PROBE_DELAY_MS = 1_200;
const probePath = "/v2/request-limits";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabases)("a hanging rate-limit probe, on $name", (database) => {
  let world: OpsgenieWorld;
  beforeAll(async () => {
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 30, teams: 3 },
      // The provider deadline stays at its 60 s default: only the probe's own timeout may bound it.
      env: { ROSTER_LIMITS_PROBE_TIMEOUT_MS: String(PROBE_TIMEOUT_MS) },
    });
  });
  afterEach(() => world.us.setFaultRules([]));
  afterAll(() => world.close());

  async function timedRead(account: string) {
    const started = performance.now();
    const res = await world.get(`/unified/user-directory/users?integrated_account_id=${account}&limit=5`);
    return { res, ms: performance.now() - started };
  }

  it("answers the first read before the probe could time out, and probes once per failure", async () => {
    world.us.setFaultRules([{ kind: "hang", path: probePath }]);
    const account = await world.link(world.us.apiKeys.full);
    world.us.resetStats();

    const first = await timedRead(account);
    expect(first.res.status).toBe(200);
    expect(first.res.body.result).toHaveLength(5);
    expect(first.ms).toBeLessThan(PROBE_TIMEOUT_MS);

    // Past the probe's timeout: it failed. Later reads neither wait for it nor start it again.
    await sleep(PROBE_TIMEOUT_MS + 200);
    for (let i = 0; i < 5; i++) {
      const later = await timedRead(account);
      expect(later.res.status).toBe(200);
      expect(later.ms).toBeLessThan(PROBE_TIMEOUT_MS);
    }
    expect(world.us.stats().faults.hang).toBe(1);
  });

  it("paces by the assumed limits until a slow probe answers, then by the account's own", async () => {
    const account = await world.link(world.us.apiKeys.full, "us", "tenant-slow-probe");
    // The account's real limits differ from the assumed ones (10/s), and say so after PROBE_DELAY_MS.
    world.us.setRateLimits({ search: { perSecond: 3, perMinute: 100 } });
    world.us.setFaultRules([{ kind: "hang", path: probePath, delayMs: PROBE_DELAY_MS }]);
    world.us.resetStats();

    const first = await timedRead(account);
    expect(first.res.status).toBe(200);
    expect(first.ms).toBeLessThan(PROBE_DELAY_MS);
    const assumed = Number(first.res.headers["ratelimit-limit"]);

    for (let waited = 0; (world.us.stats().byEndpoint["GET /v2/request-limits"] ?? 0) === 0; waited += 20) {
      expect(waited).toBeLessThan(PROBE_TIMEOUT_MS);
      await sleep(20);
    }
    await sleep(50);
    const learnt = Number((await timedRead(account)).res.headers["ratelimit-limit"]);
    expect(learnt).toBeLessThan(assumed);
    expect(world.us.stats().faults.hang).toBe(1);
  });
});
