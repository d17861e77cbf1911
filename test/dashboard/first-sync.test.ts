import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";
import { createSyncJob, fastJobs, runSync } from "../sync/sync-helpers.ts";
import { chromiumPath, launchChromium } from "../web/support/chromium.ts";
import { ensureDashboardBuild } from "./support/dashboard-build.ts";
import { artifactsDir } from "./support/dashboard-world.ts";
import { accountCard, panel, patient } from "./support/page-helpers.ts";

const DAY = 24 * 3_600_000;

/**
 * A new user's first look: two Opsgenie accounts linked to the same tenant with API keys (so provider, tenant
 * and method match), one of them synced once.
 */
describe.skipIf(!chromiumPath)("dashboard after the first sync", { timeout: 120_000 }, () => {
  let world: OpsgenieWorld;
  let browser: Browser;
  let rosterUrl: string;
  let synced: string;
  let twin: string;
  let syncedAt: number;
  const failed: string[] = [];

  beforeAll(async () => {
    await ensureDashboardBuild();
    const database = testDatabases[0];
    if (!database) throw new Error("no test database");
    world = await startOpsgenieWorld({
      databaseUrl: await database.create(),
      us: { users: 4, teams: 1, maxUsers: 10 },
      env: fastJobs,
    });
    await world.roster.app.listen({ port: 0, host: "127.0.0.1" });
    rosterUrl = `http://127.0.0.1:${(world.roster.app.server.address() as AddressInfo).port}`;
    synced = await world.link(world.us.apiKeys.full, "us", "acme");
    twin = await world.link(world.us.apiKeys.full, "us", "acme");
    const run = await runSync(world, await createSyncJob(world, synced));
    expect(run.status, run.error).toBe("completed");
    const history = await world.get(`/integrated-account/${synced}/seat-history`);
    expect(history.body.result).toHaveLength(1);
    syncedAt = Date.parse(history.body.result[0].created_at);
    browser = await launchChromium();
    fs.mkdirSync(artifactsDir, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function openSignedIn(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => failed.push(`${error.name}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") failed.push(message.text());
    });
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${rosterUrl}/dashboard`);
    await page.getByLabel("API token").fill(world.roster.adminToken);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Accounts", level: 1 }).waitFor();
    return page;
  }

  it("a single sync's seats sit in their day on the chart, and the table counts 1 sync", async () => {
    const page = await openSignedIn();
    await panel(page, "Seats").click();
    const card = accountCard(page, synced);
    const canvas = card.locator("canvas[data-time-axis]");
    await canvas.waitFor();
    const [min, max] = JSON.parse((await canvas.getAttribute("data-time-axis")) ?? "[]");
    // Chart.js's own default around one point is ±5 % of the epoch milliseconds: years either side.
    expect(min).toBeLessThan(syncedAt - 6 * 3_600_000);
    expect(max).toBeGreaterThan(syncedAt + 6 * 3_600_000);
    expect(max - min).toBeLessThanOrEqual(2 * DAY);
    expect(await card.locator("summary").textContent()).toBe("Figures as a table (1 sync)");
    await accountCard(page, twin)
      .getByText(/No seat figures yet/)
      .waitFor();
    await page.screenshot({ path: path.join(artifactsDir, "first-sync-seats.png"), fullPage: true });
    await page.context().close();
    expect(failed.splice(0)).toEqual([]);
  });

  it("tells two accounts of one provider and tenant apart, on their cards and in the Changes filter", async () => {
    const page = await openSignedIn();
    const cards = [accountCard(page, synced), accountCard(page, twin)];
    for (const [card, id] of [
      [cards[0], synced],
      [cards[1], twin],
    ] as const) {
      await expect.poll(() => card?.locator("h2").textContent(), patient).toBe("opsgenie · acme");
      const shown = card?.locator('[data-field="account-id"]');
      expect(await shown?.getAttribute("title")).toBe(id);
      const short = (await shown?.textContent()) ?? "";
      expect(id.startsWith(short.replace("…", ""))).toBe(true);
      expect(short.length).toBeLessThan(id.length);
      expect(await card?.locator(".account-ref").textContent()).toBe(`API key · ${short}`);
    }
    const ids = await Promise.all(cards.map((c) => c.locator('[data-field="account-id"]').textContent()));
    expect(ids[0]).not.toBe(ids[1]);
    await page.screenshot({ path: path.join(artifactsDir, "first-sync-accounts.png"), fullPage: true });

    await panel(page, "Changes").click();
    const options = page.getByLabel("Account", { exact: true }).locator("option");
    await expect.poll(() => options.count(), patient).toBe(3);
    const labels = await options.allTextContents();
    expect(labels).toEqual([
      "All accounts",
      expect.stringMatching(/^opsgenie · acme · API key · acc_/),
      expect.stringMatching(/^opsgenie · acme · API key · acc_/),
    ]);
    expect(labels[1]).not.toBe(labels[2]);
    expect(labels).toContain(`opsgenie · acme · API key · ${ids[1]}`);
    await page.context().close();
    // Among them: no 404 for /favicon.ico (the page carries its icon inline).
    expect(failed.splice(0)).toEqual([]);
  });
});
