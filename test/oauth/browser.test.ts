import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { chromiumPath, launchChromium } from "../web/support/chromium.ts";
import { type Outcome, startConnect, waitForOutcome } from "../web/support/connect-world.ts";
import { type EmbeddingPage, startEmbeddingPage } from "../web/support/embedding-page.ts";
import { ensureWebBuild } from "../web/support/web-build.ts";
import { type OAuthWorld, startOAuthWorld } from "./oauth-world.ts";

describe.skipIf(!chromiumPath)("OAuth through the connect page in Chromium (PagerDuty)", () => {
  let world: OAuthWorld;
  let browser: Browser;
  let embedding: EmbeddingPage;
  let rosterUrl: string;

  beforeAll(async () => {
    await ensureWebBuild();
    const database = testDatabases[0];
    if (!database) throw new Error("no test database");
    world = await startOAuthWorld(await database.create());
    await world.roster.app.listen({ port: 0, host: "127.0.0.1" });
    rosterUrl = `http://127.0.0.1:${(world.roster.app.server.address() as AddressInfo).port}`;
    // From now on the simulated provider only redirects to Roster's registered callback.
    world.pd.oauth.allowRedirectUri(`${rosterUrl}/link/oauth/callback`);
    embedding = await startEmbeddingPage(rosterUrl);
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await embedding?.close();
    await world?.close();
  });

  async function linkToken(body: Record<string, unknown> = {}): Promise<string> {
    const res = await world.roster.app.inject({
      method: "POST",
      url: "/link-token",
      headers: { ...world.roster.auth, host: new URL(rosterUrl).host },
      payload: { tenant_id: "customer-1", integration: "pagerduty", origin: embedding.origin, ...body },
    });
    return res.json().link_token as string;
  }

  async function embeddingPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(embedding.url);
    await page.waitForFunction(() => (window as unknown as { sdkReady?: boolean }).sdkReady === true);
    return page;
  }

  const accountCount = async () => (await world.get("/integrated-account?limit=100")).body.result.length;

  /** A browser context of its own: no cookies or storage shared with any other. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    return context.newPage();
  }

  /** On the connect page of `token` opened directly: choose OAuth, continue, wait for the consent screen. */
  async function goToConsent(page: Page, token: string): Promise<void> {
    await page.goto(`${rosterUrl}/link/${token}`);
    await page.getByLabel("Sign in with PagerDuty").check();
    await page.getByRole("button", { name: "Continue with PagerDuty" }).click();
    await page.getByRole("heading", { name: /Authorize access/ }).waitFor();
  }

  async function expectWorkingAccount(outcome: Outcome) {
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({ integrated_account_id: expect.any(String), integration: "pagerduty" });
    const id = outcome.result?.integrated_account_id ?? "";
    expect((await world.get(`/integrated-account/${id}`)).body.status).toBe("active");
    const users = await world.get(`/unified/user-directory/users?integrated_account_id=${id}&limit=5`);
    expect(users.status).toBe(200);
    expect(users.body.result).toHaveLength(5);
  }

  it("popup mode: choose OAuth, approve on the consent screen, the embedding page gets the account", async () => {
    const page = await embeddingPage();
    const popupOpened = page.waitForEvent("popup");
    await startConnect(page, await linkToken(), { mode: "popup" });
    const popup = await popupOpened;
    await popup.getByLabel("Sign in with PagerDuty").check();
    await popup.getByRole("button", { name: "Continue with PagerDuty" }).click();
    await popup.getByRole("heading", { name: /Authorize access/ }).waitFor();
    expect(new URL(popup.url()).origin).toBe(world.pd.url);
    await popup.getByRole("button", { name: "Approve" }).click();

    await expectWorkingAccount(await waitForOutcome(page));
    await page.context().close();
  });

  it("iframe mode: the consent opens in its own window and the overlay resolves with the account", async () => {
    const page = await embeddingPage();
    await startConnect(page, await linkToken(), { mode: "iframe" });
    const frame = page.frameLocator("iframe[title='Connect an account']");
    await frame.getByLabel("Sign in with PagerDuty").check();
    const consentOpened = page.waitForEvent("popup");
    await frame.getByRole("button", { name: "Continue with PagerDuty" }).click();
    const consentWindow = await consentOpened;
    await consentWindow.getByRole("button", { name: "Approve" }).click();

    await expectWorkingAccount(await waitForOutcome(page));
    await page.locator("[data-roster-connect]").waitFor({ state: "detached" });
    await page.context().close();
  });

  it("iframe mode: a denied consent is shown in the overlay, which stays open for another try", async () => {
    const page = await embeddingPage();
    await startConnect(page, await linkToken(), { mode: "iframe" });
    const frame = page.frameLocator("iframe[title='Connect an account']");
    const consentOpened = page.waitForEvent("popup");
    await frame.getByRole("button", { name: "Continue with PagerDuty" }).click();
    const consentWindow = await consentOpened;
    await consentWindow.getByRole("button", { name: "Deny" }).click();
    await frame.locator('[data-error-code="oauth_denied"]').waitFor();
    expect(await frame.locator('[data-error-code="oauth_denied"]').textContent()).toContain(
      "Access was not granted",
    );
    expect(await page.evaluate(() => (window as unknown as { outcome?: unknown }).outcome)).toBeUndefined();
    await page.context().close();
  });

  it("redirect mode: the page goes to the consent screen and comes back to the link's redirect with the account", async () => {
    const page = await freshPage();
    await goToConsent(page, await linkToken({ redirect_uri: `${embedding.origin}/done?step=2` }));
    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL((url) => url.pathname === "/done");
    const landed = new URL(page.url());
    expect(landed.searchParams.get("step")).toBe("2");
    const id = landed.searchParams.get("integrated_account_id") ?? "";
    await expectWorkingAccount({ result: { integrated_account_id: id, integration: "pagerduty" } });
    // The one-time binding is gone from the tab once used.
    await page.goto(`${rosterUrl}/link/oauth/callback`);
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    await page.context().close();
  });

  it("a consent URL approved in another browser links nothing; the browser that started can start again", async () => {
    const before = await accountCount();
    const token = await linkToken();
    const starter = await freshPage();
    await goToConsent(starter, token);
    // Someone sends the consent URL to another person, who approves it in their own browser.
    const other = await freshPage();
    await other.goto(starter.url());
    await other.getByRole("button", { name: "Approve" }).click();
    await other.locator('main[data-code="oauth_binding_mismatch"]').waitFor();
    expect(await other.getByRole("heading").textContent()).toBe("PagerDuty was not connected");
    expect(await other.textContent("main")).toContain("must be finished in the browser that started it");
    // The code and state are off the address bar, so a copied URL carries nothing.
    expect(new URL(other.url()).search).toBe("");
    expect(await accountCount()).toBe(before);

    // That consent is used up; the browser that started it starts again and connects.
    await goToConsent(starter, token);
    await starter.getByRole("button", { name: "Approve" }).click();
    await starter.getByRole("heading", { name: "PagerDuty is connected" }).waitFor();
    expect(await starter.locator("main").getAttribute("data-code")).toBe("connected");
    expect(await accountCount()).toBe(before + 1);
    await other.context().close();
    await starter.context().close();
  });

  it("iframe mode: a consent URL approved in another browser links nothing, and the overlay can start again", async () => {
    const before = await accountCount();
    const page = await embeddingPage();
    await startConnect(page, await linkToken(), { mode: "iframe" });
    const frame = page.frameLocator("iframe[title='Connect an account']");
    await frame.getByLabel("Sign in with PagerDuty").check();
    const consentOpened = page.waitForEvent("popup");
    await frame.getByRole("button", { name: "Continue with PagerDuty" }).click();
    const consentWindow = await consentOpened;
    await consentWindow.getByRole("heading", { name: /Authorize access/ }).waitFor();
    const other = await freshPage();
    await other.goto(consentWindow.url());
    await other.getByRole("button", { name: "Approve" }).click();
    await other.locator('main[data-code="oauth_binding_mismatch"]').waitFor();
    expect(await accountCount()).toBe(before);
    await consentWindow.close();
    await frame.locator('[data-error-code="consent_closed"]').waitFor();
    const reopened = page.waitForEvent("popup");
    await frame.getByRole("button", { name: "Continue with PagerDuty" }).click();
    await (await reopened).getByRole("button", { name: "Approve" }).click();
    await expectWorkingAccount(await waitForOutcome(page));
    await other.context().close();
    await page.context().close();
  });

  it("a denied consent shows a clear page, and nothing is linked", async () => {
    const before = (await world.get("/integrated-account?limit=100")).body.result.length;
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${rosterUrl}/link/${await linkToken()}`);
    await page.getByRole("button", { name: "Continue with PagerDuty" }).click();
    await page.getByRole("button", { name: "Deny" }).click();
    await page.getByRole("heading", { name: "PagerDuty was not connected" }).waitFor();
    expect(await page.locator("main").getAttribute("data-code")).toBe("oauth_denied");
    expect(await page.textContent("main")).toContain("Access was not granted");
    expect((await world.get("/integrated-account?limit=100")).body.result.length).toBe(before);
    await context.close();
  });
});
