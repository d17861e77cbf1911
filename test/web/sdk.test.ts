import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "./support/chromium.ts";
import {
  type ConnectWorld,
  connectFrame,
  startConnect,
  startConnectWorld,
  submitCredentials,
  waitForOutcome,
} from "./support/connect-world.ts";

describe.skipIf(!chromiumPath)("browser SDK: closing, blocking, foreign messages, arguments", () => {
  let cw: ConnectWorld;
  beforeAll(async () => {
    cw = await startConnectWorld();
  }, 60_000);
  afterAll(() => cw?.close());

  it("rejects with closed when the person closes the popup", async () => {
    const page = await cw.openEmbeddingPage();
    const { link_token } = await cw.createLinkToken();
    const popupOpened = page.waitForEvent("popup");
    await startConnect(page, link_token);
    const popup = await popupOpened;
    await popup.getByLabel("API key").waitFor();
    await popup.close();
    expect((await waitForOutcome(page)).error).toMatchObject({
      error_type: "closed",
      message: expect.any(String),
    });
    await page.context().close();
  });

  it("rejects with closed from the overlay's close button, Escape on the host page and Escape in the frame", async () => {
    const page = await cw.openEmbeddingPage();
    const { link_token } = await cw.createLinkToken();
    const overlay = page.locator("[data-roster-connect]");

    await startConnect(page, link_token, { mode: "iframe" });
    await connectFrame(page).getByLabel("API key").waitFor();
    // The rest of the host page is inert while the overlay is open.
    expect(await page.locator("#connect").evaluate((button) => button.closest("[inert]") !== null)).toBe(
      true,
    );
    await page.getByRole("button", { name: "Close" }).click();
    expect((await waitForOutcome(page)).error?.error_type).toBe("closed");
    expect(await overlay.count()).toBe(0);
    expect(await page.locator("#connect").evaluate((button) => button.closest("[inert]") === null)).toBe(
      true,
    );

    await startConnect(page, link_token, { mode: "iframe" });
    await page.getByRole("button", { name: "Close" }).focus();
    await page.keyboard.press("Escape");
    expect((await waitForOutcome(page)).error?.error_type).toBe("closed");
    expect(await overlay.count()).toBe(0);

    await startConnect(page, link_token, { mode: "iframe" });
    await connectFrame(page).getByLabel("API key").focus();
    await page.keyboard.press("Escape");
    expect((await waitForOutcome(page)).error?.error_type).toBe("closed");
    expect(await overlay.count()).toBe(0);
    await page.context().close();
  });

  it("ignores a roster:connected message that does not come from Roster's page", async () => {
    const page = await cw.openEmbeddingPage();
    const { link_token } = await cw.createLinkToken();
    await startConnect(page, link_token, { mode: "iframe" });
    const frame = connectFrame(page);
    await frame.getByLabel("API key").waitFor();

    // The host page (another origin than Roster) posts a fake success to itself.
    await page.evaluate(() =>
      window.postMessage(
        { type: "roster:connected", integrated_account_id: "acc_fake", integration: "opsgenie" },
        "*",
      ),
    );
    // A message is dispatched as a task: once a later one round-trips, the fake one was handled (and ignored).
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          window.addEventListener("message", (event) => event.data === "flush" && resolve());
          window.postMessage("flush", "*");
        }),
    );
    expect(await page.evaluate(() => (window as unknown as { outcome?: unknown }).outcome)).toBeUndefined();
    expect(await page.locator("[data-roster-connect]").count()).toBe(1);

    await submitCredentials(frame, { apiKey: cw.world.us.apiKeys.readOnly });
    const outcome = await waitForOutcome(page);
    expect(outcome.result?.integrated_account_id).not.toBe("acc_fake");
    expect((await cw.world.get(`/integrated-account/${outcome.result?.integrated_account_id}`)).status).toBe(
      200,
    );
    await page.context().close();
  });

  it("rejects with blocked when the browser blocks the popup, and with invalid_arguments on bad arguments", async () => {
    const page = await cw.openEmbeddingPage();
    await page.evaluate(() => {
      window.open = () => null;
    });
    await startConnect(page, "lt_whatever");
    expect((await waitForOutcome(page)).error?.error_type).toBe("blocked");

    for (const [token, options] of [
      ["", {}],
      ["lt_x", { mode: "tab" }],
      ["lt_x", { baseUrl: "not a url" }],
      ["lt_x", { baseUrl: "javascript:alert(1)" }],
    ] as const) {
      await startConnect(page, token, options);
      expect((await waitForOutcome(page)).error?.error_type, JSON.stringify(options)).toBe(
        "invalid_arguments",
      );
    }
    await page.context().close();
  });
});
