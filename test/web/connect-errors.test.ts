import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "./support/chromium.ts";
import {
  type ConnectWorld,
  connectFrame,
  errorShown,
  startConnect,
  startConnectWorld,
  submitCredentials,
  waitForOutcome,
} from "./support/connect-world.ts";

describe.skipIf(!chromiumPath)("connect page and SDK: refused keys and unusable links", () => {
  let cw: ConnectWorld;
  beforeAll(async () => {
    cw = await startConnectWorld();
  }, 60_000);
  afterAll(() => cw?.close());

  it("a wrong key, a key of the other region and a key without configuration access each say so; the link stays usable", async () => {
    const keys = cw.world.us.apiKeys;
    const accountsBefore = await cw.accountCount();
    const page = await cw.openEmbeddingPage();
    const { link_token } = await cw.createLinkToken();
    await startConnect(page, link_token, { mode: "iframe" });
    const frame = connectFrame(page);

    await submitCredentials(frame, { apiKey: "00000000-0000-4000-8000-000000000000", region: "us" });
    const wrongKey = await errorShown(frame, "invalid_credentials", /did not accept this API key/);
    expect(wrongKey).toContain("The key was not accepted");
    // The notice takes the focus, so keyboard and screen-reader users land on it.
    expect(await frame.locator(":focus").getAttribute("data-error-code")).toBe("invalid_credentials");

    await submitCredentials(frame, { apiKey: keys.full, region: "eu" });
    const otherRegion = await errorShown(frame, "invalid_credentials", /choose region US/);
    expect(otherRegion).toContain("This key belongs to another region");

    await submitCredentials(frame, { apiKey: keys.noConfig, region: "us" });
    const noConfig = await errorShown(frame, "insufficient_access", /configuration/i);
    expect(noConfig).toContain("The key does not have enough access");
    expect(noConfig).toMatch(/Configuration Access/);

    // A key the API cannot send is refused before any provider call, named by the form's label.
    await submitCredentials(frame, { apiKey: "ключ-€-1234", region: "us" });
    const unsendable = await errorShown(frame, "validation_failed", /Latin-1/);
    expect(unsendable).toContain("Check the API key");
    expect(unsendable).toContain("The API key may only contain Latin-1 characters");
    expect(unsendable).not.toContain("context.api_key");

    expect(await cw.accountCount()).toBe(accountsBefore);
    expect(await page.evaluate(() => (window as unknown as { outcome?: unknown }).outcome)).toBeUndefined();

    await submitCredentials(frame, { apiKey: keys.full, region: "us" });
    const outcome = await waitForOutcome(page);
    expect(outcome.result?.integrated_account_id).toMatch(/\S/);
    expect(await cw.accountCount()).toBe(accountsBefore + 1);
    await page.context().close();
  });

  const unusableLinks = [
    {
      name: "a used link",
      code: "link_token_used",
      errorType: "used_token",
      heading: "This link was already used",
      async token() {
        const { link_token } = await cw.createLinkToken();
        const used = await cw.world.roster.app.inject({
          method: "POST",
          url: `/link-token/${link_token}/connect`,
          payload: { integration: "opsgenie", context: { api_key: cw.world.us.apiKeys.full, region: "us" } },
        });
        expect(used.statusCode).toBe(201);
        return link_token;
      },
    },
    {
      name: "an expired link",
      code: "link_token_expired",
      errorType: "expired_token",
      heading: "This link has expired",
      async token() {
        const { link_token } = await cw.createLinkToken();
        const row = await cw.world.roster.context.linkTokens.find(link_token);
        await cw.world.roster.context.store.db
          .updateTable("link_tokens")
          .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
          .where("id", "=", row?.id ?? "")
          .execute();
        return link_token;
      },
    },
    {
      name: "a forged link",
      code: "invalid_link_token",
      errorType: "invalid_token",
      heading: "This link is not valid",
      token: async () => `lt_${crypto.randomBytes(32).toString("base64url")}`,
    },
  ];

  it.each(unusableLinks)("$name: the page says so and connect() rejects with $errorType", async (link) => {
    const token = await link.token();
    const accountsBefore = await cw.accountCount();

    // Opened directly (the redirect flow), the page explains.
    const direct = await cw.browser.newPage();
    await direct.goto(`${cw.rosterUrl}/link/${token}`);
    expect(await errorShown(direct, link.code, /\S/)).toContain(link.heading);
    expect(await direct.getByLabel("API key").count()).toBe(0);
    await direct.close();

    // Through the SDK, both modes reject at once and clean up.
    const page = await cw.openEmbeddingPage();
    await startConnect(page, token, { mode: "iframe" });
    expect((await waitForOutcome(page)).error?.error_type).toBe(link.errorType);
    expect(await page.locator("[data-roster-connect]").count()).toBe(0);

    const popupOpened = page.waitForEvent("popup");
    await startConnect(page, token, { mode: "popup" });
    const popup = await popupOpened;
    expect((await waitForOutcome(page)).error?.error_type).toBe(link.errorType);
    if (!popup.isClosed()) await popup.waitForEvent("close");

    expect(await cw.accountCount()).toBe(accountsBefore);
    await page.context().close();
  });
});
