import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";
import { testDatabases } from "../../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../../helpers/opsgenie-world.ts";
import { createSyncJob, fastJobs, opsgenie, runSync } from "../../sync/sync-helpers.ts";
import { launchChromium } from "../../web/support/chromium.ts";
import { type Receiver, startReceiver } from "../../webhooks/receiver.ts";
import { ensureDashboardBuild } from "./dashboard-build.ts";

export const artifactsDir = path.resolve(".artifacts/dashboard");

/**
 * Roster listening for real with two Opsgenie simulators, a local webhook receiver and a browser:
 * - `synced`: the US account, synced twice; between the syncs two people joined (seats 2 up) and one of
 *   them joined a team, so there are changes, seat history and a person with a team;
 * - `revoked`: the EU account, whose key was revoked (status needs_reauth);
 * - a webhook endpoint for `user.created` and `group.member_added` whose receiver refuses deliveries
 *   (status 500) until `receiver.answer` says otherwise; its retry schedule is long, so the first stays failed
 *   (and the others, queued behind it in order, pending).
 */
export interface DashboardWorld {
  world: OpsgenieWorld;
  receiver: Receiver;
  rosterUrl: string;
  browser: Browser;
  synced: string;
  revoked: string;
  runs: { id: string }[];
  newPerson: { id: string; name: string; team: string };
  webhookId: string;
  /** Uncaught errors and console errors of every page opened: a test expects none. */
  pageErrors: string[];
  /** A fresh browser context (its own sessionStorage) on the dashboard, not signed in. */
  open(options?: BrowserContextOptions): Promise<Page>;
  /** `open`, then signs in with the admin token. */
  openSignedIn(options?: BrowserContextOptions): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startDashboardWorld(): Promise<DashboardWorld> {
  await ensureDashboardBuild();
  const database = testDatabases[0];
  if (!database) throw new Error("no test database");
  const receiver = await startReceiver();
  receiver.answer = () => 500;
  const world = await startOpsgenieWorld({
    databaseUrl: await database.create(),
    us: { users: 14, teams: 3, maxUsers: 30 },
    eu: { users: 6, teams: 1 },
    env: {
      ...fastJobs,
      ROSTER_ALLOW_PRIVATE_WEBHOOKS: "1",
      ROSTER_WEBHOOKS_POLL_MS: "50",
      ROSTER_WEBHOOK_RETRY_SCHEDULE_MS: "3600000",
    },
  });
  await world.roster.app.listen({ port: 0, host: "127.0.0.1" });
  const rosterUrl = `http://127.0.0.1:${(world.roster.app.server.address() as AddressInfo).port}`;

  const synced = await world.link(world.us.apiKeys.full, "us", "acme");
  const revoked = await world.link(world.eu.apiKeys.keyManagement, "eu", "globex");
  world.eu.revokeKey(world.eu.apiKeys.keyManagement);
  const refused = await world.get(`/unified/user-directory/users?integrated_account_id=${revoked}&limit=1`);
  expect(refused.body.code).toBe("needs_reauth");

  const hook = await world.roster.app.inject({
    method: "POST",
    url: "/webhook",
    headers: world.roster.auth,
    payload: { target_url: receiver.url, event_types: ["user.created", "group.member_added"] },
  });
  expect(hook.statusCode, hook.body).toBe(201);

  const job = await createSyncJob(world, synced);
  const runs = [await runSync(world, job)];
  const created = await opsgenie(world.us, "POST", "/v2/users", {
    username: "ada.lovelace@example.com",
    fullName: "Ada Lovelace",
    role: { name: "Admin" },
  });
  await opsgenie(world.us, "POST", "/v2/users", {
    username: "charles.babbage@example.com",
    fullName: "Charles Babbage",
    role: { name: "User" },
  });
  const team = [...world.us.directory.teams.values()][0];
  if (!team) throw new Error("no team");
  await opsgenie(world.us, "POST", `/v2/teams/${team.id}/members`, { user: { id: created.data.id } });
  runs.push(await runSync(world, job));
  for (const run of runs) expect(run.status, run.error).toBe("completed");
  // Deliveries to one endpoint go in order: the first one failed, the others wait behind it.
  await receiver.waitFor((r) => r.length >= 1);

  const browser = await launchChromium();
  fs.mkdirSync(artifactsDir, { recursive: true });

  const pageErrors: string[] = [];
  const open = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${error.name}: ${error.message}`));
    page.on("console", (message) => {
      // A refused token or a failed call is shown on the page and logged by the browser as a failed resource.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
        pageErrors.push(message.text());
    });
    await page.goto(`${rosterUrl}/dashboard`);
    return page;
  };

  return {
    world,
    receiver,
    rosterUrl,
    browser,
    synced,
    revoked,
    runs,
    newPerson: { id: created.data.id, name: "Ada Lovelace", team: team.name },
    webhookId: hook.json().id,
    pageErrors,
    open,
    async openSignedIn(options) {
      const page = await open(options);
      await page.getByLabel("API token").fill(world.roster.adminToken);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Accounts", level: 1 }).waitFor();
      return page;
    },
    async screenshot(page, name) {
      const file = path.join(artifactsDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await world.close();
      await receiver.close();
    },
  };
}
