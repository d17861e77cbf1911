import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoTenant, findOrLinkDemoAccount } from "../../scripts/demo-accounts.ts";
import { startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import { startPagerdutySimulator } from "../../simulators/pagerduty/index.ts";
import { tempDir } from "../helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";

/** One start of the demo over `dataDir`: simulators with the demo's seeds (new ports) and Roster on that data. */
async function startDemo(dataDir: string) {
  const us = await startOpsgenieSimulator({ region: "us", seed: 42, users: 250, teams: 20 });
  const pd = await startPagerdutySimulator({ region: "us", seed: 42, users: 250, teams: 20 });
  const roster = await startTestRoster({
    databaseUrl: `sqlite:${path.join(dataDir, "roster.db")}`,
    env: {
      ROSTER_DATA_DIR: dataDir,
      OPSGENIE_US_BASE_URL: us.url,
      PAGERDUTY_US_BASE_URL: pd.url,
      LOG_LEVEL: "silent",
    },
  });
  const link = (integration: string, apiKey: string) =>
    findOrLinkDemoAccount(roster.app, roster.auth.authorization, { integration, apiKey, region: "us" });
  return {
    roster,
    opsgenie: () => link("opsgenie", us.apiKeys.full),
    pagerduty: () => link("pagerduty", pd.apiKeys.full),
    stop: async () => {
      await roster.close();
      await Promise.all([us.close(), pd.close()]);
    },
  };
}

async function demoAccountIds(roster: TestRoster): Promise<string[]> {
  const res = await roster.app.inject({
    url: `/integrated-account?tenant_id=${demoTenant}&limit=100`,
    headers: roster.auth,
  });
  return (res.json() as { result: { id: string }[] }).result.map((a) => a.id).sort();
}

describe("the demo's accounts", () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it("a second start over the same data directory reuses the accounts the first one linked", async () => {
    const dataDir = tempDir("roster-demo-");
    const first = await startDemo(dataDir);
    stop = first.stop;
    const opsgenie = await first.opsgenie();
    const pagerduty = await first.pagerduty();
    expect([opsgenie.reused, pagerduty.reused]).toEqual([false, false]);
    await first.stop();

    const second = await startDemo(dataDir);
    stop = second.stop;
    expect(await second.opsgenie()).toEqual({ id: opsgenie.id, reused: true });
    expect(await second.pagerduty()).toEqual({ id: pagerduty.id, reused: true });
    expect(await demoAccountIds(second.roster)).toEqual([opsgenie.id, pagerduty.id].sort());

    // The reused account still reads from the restarted simulator.
    const users = await second.roster.app.inject({
      url: `/unified/user-directory/users?integrated_account_id=${opsgenie.id}&limit=1`,
      headers: second.roster.auth,
    });
    expect(users.statusCode).toBe(200);
  });

  it("links a new account when the earlier one is no longer active", async () => {
    const demo = await startDemo(tempDir("roster-demo-"));
    stop = demo.stop;
    const earlier = await demo.opsgenie();
    await demo.roster.context.store.db
      .updateTable("integrated_accounts")
      .set({ status: "needs_reauth" })
      .where("id", "=", earlier.id)
      .execute();

    const now = await demo.opsgenie();
    expect(now.reused).toBe(false);
    expect(now.id).not.toBe(earlier.id);
    expect(await demo.opsgenie()).toEqual({ id: now.id, reused: true });
  });
});
