import type { AddressInfo } from "node:net";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { testDatabases } from "../../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../../helpers/opsgenie-world.ts";
import { launchChromium } from "./chromium.ts";
import { type EmbeddingPage, startEmbeddingPage } from "./embedding-page.ts";
import { ensureWebBuild } from "./web-build.ts";

export interface LinkToken {
  link_token: string;
  link_url: string;
  expires_at: string;
}

/** What connect() settled with, as recorded by the embedding page. */
export type Outcome =
  | { result: { integrated_account_id: string; integration: string }; error?: undefined }
  | { error: { error_type: string; message: string }; result?: undefined };

/** Roster listening for real, the Opsgenie simulators, a product page on another origin and a browser. */
export interface ConnectWorld {
  world: OpsgenieWorld;
  rosterUrl: string;
  embedding: EmbeddingPage;
  browser: Browser;
  /** POST /link-token as the product's backend would; `origin` defaults to the embedding page's. */
  createLinkToken(body?: Record<string, unknown>): Promise<LinkToken>;
  accountCount(): Promise<number>;
  /** The embedding page in a fresh browser context, with the SDK loaded. */
  openEmbeddingPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startConnectWorld(): Promise<ConnectWorld> {
  await ensureWebBuild();
  const database = testDatabases[0];
  if (!database) throw new Error("no test database");
  const world = await startOpsgenieWorld({
    databaseUrl: await database.create(),
    us: { users: 30, teams: 3 },
  });
  await world.roster.app.listen({ port: 0, host: "127.0.0.1" });
  const rosterUrl = `http://127.0.0.1:${(world.roster.app.server.address() as AddressInfo).port}`;
  const embedding = await startEmbeddingPage(rosterUrl);
  const browser = await launchChromium();

  return {
    world,
    rosterUrl,
    embedding,
    browser,
    async createLinkToken(body = {}) {
      const res = await world.roster.app.inject({
        method: "POST",
        url: "/link-token",
        headers: { ...world.roster.auth, host: new URL(rosterUrl).host },
        payload: { tenant_id: "customer-1", integration: "opsgenie", origin: embedding.origin, ...body },
      });
      if (res.statusCode !== 201) throw new Error(`POST /link-token: ${res.statusCode} ${res.body}`);
      return res.json() as LinkToken;
    },
    async accountCount() {
      const res = await world.get("/integrated-account?limit=100");
      return (res.body.result as unknown[]).length;
    },
    async openEmbeddingPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // Fail within the test's own timeout, with the locator that did not show up in the message.
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto(embedding.url);
      await page.waitForFunction(() => (window as unknown as { sdkReady?: boolean }).sdkReady === true);
      return page;
    },
    async close() {
      await browser.close();
      await embedding.close();
      await world.close();
    },
  };
}

/** Calls the SDK's connect() in the embedding page; the outcome is read with `waitForOutcome`. */
export function startConnect(
  page: Page,
  token: string,
  options: Record<string, unknown> = {},
): Promise<void> {
  return page.evaluate(
    ([t, o]) => (window as unknown as { startConnect(t: string, o: unknown): void }).startConnect(t, o),
    [token, options] as const,
  );
}

export async function waitForOutcome(page: Page): Promise<Outcome> {
  const handle = await page.waitForFunction(() => (window as unknown as { outcome?: unknown }).outcome);
  return (await handle.jsonValue()) as Outcome;
}

/** The connect page, whether it is a top-level page (popup, direct link) or the SDK's iframe. */
export type ConnectScope = Page | FrameLocator;

export const connectFrame = (page: Page): FrameLocator =>
  page.frameLocator("iframe[title='Connect an account']");

export async function submitCredentials(
  scope: ConnectScope,
  credentials: { apiKey: string; region?: "us" | "eu" },
): Promise<void> {
  await scope.getByLabel("API key").fill(credentials.apiKey);
  if (credentials.region) await scope.getByLabel("Region").selectOption(credentials.region);
  await scope.getByRole("button", { name: "Connect", exact: true }).click();
}

/**
 * Waits for the page's error notice of `code` that says `text` (the text tells two notices of the same code
 * apart when one replaces the other) and returns everything it says.
 */
export async function errorShown(scope: ConnectScope, code: string, text: RegExp): Promise<string> {
  const notice = scope.locator(`[data-error-code="${code}"]`).filter({ hasText: text });
  await notice.waitFor();
  return (await notice.textContent()) ?? "";
}
