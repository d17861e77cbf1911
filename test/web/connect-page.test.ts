import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "./support/chromium.ts";
import {
  type ConnectWorld,
  errorShown,
  startConnectWorld,
  submitCredentials,
} from "./support/connect-world.ts";

const screenshots = fileURLToPath(new URL("../../.artifacts/screenshots/", import.meta.url));
const viewports = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile-360", width: 360, height: 740 },
];

describe.skipIf(!chromiumPath)("the connect page opened directly (redirect mode)", () => {
  let cw: ConnectWorld;
  beforeAll(async () => {
    fs.mkdirSync(screenshots, { recursive: true });
    cw = await startConnectWorld();
  }, 60_000);
  afterAll(() => cw?.close());

  /** A page that fails the test if it asks anything of another origin (CDN, web fonts, ...). */
  async function openPage(viewport: {
    width: number;
    height: number;
  }): Promise<{ page: Page; foreign: string[] }> {
    const page = await cw.browser.newPage({ viewport });
    page.setDefaultTimeout(10_000);
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(`${cw.rosterUrl}/`)) foreign.push(request.url());
    });
    return { page, foreign };
  }

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(screenshots, `connect-${name}.png`), fullPage: true });

  it.each(viewports)(
    "$name: empty, error and success states fit the screen and load nothing external",
    async (viewport) => {
      const { page, foreign } = await openPage(viewport);
      const { link_url } = await cw.createLinkToken({ origin: undefined });
      await page.goto(link_url);
      await page.getByRole("heading", { name: "Connect Opsgenie" }).waitFor();
      await page.getByText("Where do I find the key?").click();
      await shoot(page, `${viewport.name}-empty`);
      const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(await fits()).toBe(true);

      await submitCredentials(page, { apiKey: cw.world.us.apiKeys.noConfig, region: "us" });
      await errorShown(page, "insufficient_access", /configuration/i);
      await shoot(page, `${viewport.name}-error`);
      expect(await fits()).toBe(true);

      await submitCredentials(page, { apiKey: cw.world.us.apiKeys.full, region: "us" });
      await page.getByText("Connected. You can close this window.").waitFor();
      await shoot(page, `${viewport.name}-success`);

      await page.goto(`${cw.rosterUrl}/link/lt_forged-link-token`);
      await errorShown(page, "invalid_link_token", /\S/);
      await shoot(page, `${viewport.name}-invalid-link`);

      expect(foreign).toEqual([]);
      await page.close();
    },
  );

  it("works with the keyboard alone: the first field has the focus, Enter submits, the result is announced", async () => {
    const { page } = await openPage({ width: 1280, height: 800 });
    const { link_url } = await cw.createLinkToken();
    await page.goto(link_url);
    await page.getByLabel("API key").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-api_key");

    await page.keyboard.press("Enter"); // the required key is empty: the browser keeps the form and the focus
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-api_key");

    await page.keyboard.type(cw.world.us.apiKeys.readOnly);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-region");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    const success = page.locator("[data-state='connected']");
    await success.waitFor();
    expect(await success.getAttribute("role")).toBe("status");
    await page.close();
  });

  it("redirect mode: without an opener the page returns to redirect_uri with the account id", async () => {
    const { page } = await openPage({ width: 1280, height: 800 });
    const redirect = `${cw.embedding.origin}/done?state=abc`;
    const { link_url } = await cw.createLinkToken({ redirect_uri: redirect });
    await page.goto(link_url);
    await submitCredentials(page, { apiKey: cw.world.us.apiKeys.readOnly });
    await page.waitForURL((url) => url.pathname === "/done");
    const landed = new URL(page.url());
    expect(landed.searchParams.get("state")).toBe("abc");
    const id = landed.searchParams.get("integrated_account_id");
    expect((await cw.world.get(`/integrated-account/${id}`)).status).toBe(200);
    await page.close();
  });
});
