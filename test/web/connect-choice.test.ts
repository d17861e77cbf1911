import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PagerdutySimulator, startPagerdutySimulator } from "../../simulators/pagerduty/index.ts";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { chromiumPath, launchChromium } from "./support/chromium.ts";
import { errorShown } from "./support/connect-world.ts";
import { ensureWebBuild } from "./support/web-build.ts";

/** A link token that names no integration: the person picks the provider, and sees that provider's own help. */
describe.skipIf(!chromiumPath)("the connect page's choice of provider", () => {
  let world: OpsgenieWorld;
  let pagerduty: PagerdutySimulator;
  let browser: Browser;
  let rosterUrl: string;
  beforeAll(async () => {
    await ensureWebBuild();
    const database = testDatabases[0];
    if (!database) throw new Error("no test database");
    pagerduty = await startPagerdutySimulator({ region: "us", seed: 5, users: 12, teams: 2 });
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 10, teams: 2 },
      env: { PAGERDUTY_US_BASE_URL: pagerduty.url },
    });
    await world.roster.app.listen({ port: 0, host: "127.0.0.1" });
    rosterUrl = `http://127.0.0.1:${(world.roster.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await pagerduty?.close();
  });

  it("offers every provider, shows the chosen one's setup steps and links a PagerDuty account", async () => {
    const created = await world.roster.app.inject({
      method: "POST",
      url: "/link-token",
      headers: { ...world.roster.auth, host: new URL(rosterUrl).host },
      payload: { tenant_id: "customer-9" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(created.json().link_url);

    const opsgenie = page.getByRole("radio", { name: /Opsgenie/ });
    const pagerdutyChoice = page.getByRole("radio", { name: /PagerDuty/ });
    await pagerdutyChoice.waitFor();
    expect(await opsgenie.count()).toBe(1);
    await pagerdutyChoice.check();
    await page.getByText(/Where do I find/).click();
    await page
      .getByText(/API Access Keys/)
      .first()
      .waitFor();
    expect(await page.getByText(/Settings → Integrations/).count()).toBe(0);

    await page.getByLabel("REST API key").fill(pagerduty.apiKeys.revoked);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await errorShown(page, "invalid_credentials", /\S/);

    await page.getByLabel("REST API key").fill(pagerduty.apiKeys.full);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.getByText("PagerDuty is connected").waitFor();

    const accounts = await world.get("/integrated-account?tenant_id=customer-9");
    expect(accounts.body.result.map((a: { integration: string }) => a.integration)).toEqual(["pagerduty"]);
    const users = await world.get(
      `/unified/user-directory/users?integrated_account_id=${accounts.body.result[0].id}&limit=50`,
    );
    expect(users.status).toBe(200);
    expect(users.body.result).toHaveLength(12);
    await page.close();
  });
});
