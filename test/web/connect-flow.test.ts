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

describe.skipIf(!chromiumPath)("connect page and SDK: popup, iframe, reconnect", () => {
  let cw: ConnectWorld;
  beforeAll(async () => {
    cw = await startConnectWorld();
  }, 60_000);
  afterAll(() => cw?.close());

  async function expectWorkingAccount(id: string) {
    const account = await cw.world.get(`/integrated-account/${id}`);
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      id,
      integration: "opsgenie",
      tenant_id: "customer-1",
      status: "active",
    });
    const users = await cw.world.get(`/unified/user-directory/users?integrated_account_id=${id}&limit=5`);
    expect(users.status).toBe(200);
    expect(users.body.result.length).toBeGreaterThan(0);
  }

  it("popup mode: the person connects in the popup and the embedding page gets the account id", async () => {
    const page = await cw.openEmbeddingPage();
    const { link_token } = await cw.createLinkToken();
    const popupOpened = page.waitForEvent("popup");
    await startConnect(page, link_token, { mode: "popup" });
    const popup = await popupOpened;
    expect(new URL(popup.url()).searchParams.get("mode")).toBe("popup");
    await submitCredentials(popup, { apiKey: cw.world.us.apiKeys.full, region: "us" });

    const outcome = await waitForOutcome(page);
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({ integrated_account_id: expect.any(String), integration: "opsgenie" });
    if (!popup.isClosed()) await popup.waitForEvent("close");
    await expectWorkingAccount(outcome.result?.integrated_account_id ?? "");
    await page.context().close();
  });

  it("iframe mode: the overlay shows the page, resolves with the account id and goes away", async () => {
    const page = await cw.openEmbeddingPage();
    const { link_token } = await cw.createLinkToken();
    await startConnect(page, link_token, { mode: "iframe" });
    await submitCredentials(connectFrame(page), { apiKey: cw.world.us.apiKeys.full });

    const outcome = await waitForOutcome(page);
    expect(outcome.result?.integration).toBe("opsgenie");
    await page.locator("[data-roster-connect]").waitFor({ state: "detached" });
    await expectWorkingAccount(outcome.result?.integrated_account_id ?? "");
    await page.context().close();
  });

  it("reconnect: a needs_reauth account gets a new key through a link and keeps its id", async () => {
    const keys = cw.world.us.apiKeys;
    const id = await cw.world.link(keys.keyManagement, "us", "customer-1");
    cw.world.us.revokeKey(keys.keyManagement);
    const refused = await cw.world.get(`/unified/user-directory/users?integrated_account_id=${id}&limit=5`);
    expect(refused.body.code).toBe("needs_reauth");
    expect((await cw.world.get(`/integrated-account/${id}`)).body.status).toBe("needs_reauth");

    const page = await cw.openEmbeddingPage();
    const { link_token } = await cw.createLinkToken({ integrated_account_id: id });
    await startConnect(page, link_token, { mode: "iframe" });
    const frame = connectFrame(page);
    await frame.getByRole("heading", { name: "Reconnect Opsgenie" }).waitFor();
    await submitCredentials(frame, { apiKey: keys.readOnly, region: "us" });

    const outcome = await waitForOutcome(page);
    expect(outcome.result?.integrated_account_id).toBe(id);
    await expectWorkingAccount(id);
    await page.context().close();
  });
});
