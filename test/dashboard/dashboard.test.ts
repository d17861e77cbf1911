import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EnvironmentRepository } from "../../src/store/environments.ts";
import { chromiumPath } from "../web/support/chromium.ts";
import { type DashboardWorld, startDashboardWorld } from "./support/dashboard-world.ts";
import { accountCard, fitsViewport, panel, patient, tabTo } from "./support/page-helpers.ts";

// A browser and a live Roster on a loaded 2-core CI machine: each test gets minutes, not vitest's default.
describe.skipIf(!chromiumPath)(
  "dashboard in Chromium, on a synced simulator account",
  { timeout: 120_000 },
  () => {
    let dw: DashboardWorld;
    beforeAll(async () => {
      dw = await startDashboardWorld();
    }, 120_000);
    afterAll(() => dw?.close());
    afterEach(() => {
      expect(dw.pageErrors.splice(0)).toEqual([]);
    });

    it("a wrong token is refused in words; the right one signs in for this tab only", async () => {
      const page = await dw.open();
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      await page.getByLabel("API token").fill("not-a-roster-token-at-all");
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.getByRole("alert");
      await expect.poll(() => alert.textContent(), patient).toContain("Roster did not accept this token");
      expect(await page.getByRole("heading", { name: "Accounts" }).count()).toBe(0);
      await dw.screenshot(page, "sign-in-wrong-token-desktop-light");

      await page.getByLabel("API token").fill(dw.world.roster.adminToken);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Accounts", level: 1 }).waitFor();
      // Kept for the tab (sessionStorage), never in the URL, local storage or a cookie.
      expect(page.url()).not.toContain(dw.world.roster.adminToken);
      const stored = await page.evaluate(() => ({
        session: Object.values(sessionStorage),
        local: Object.values(localStorage),
        cookies: document.cookie,
      }));
      expect(stored).toEqual({ session: [dw.world.roster.adminToken], local: [], cookies: "" });
      await page.reload();
      await page.getByRole("heading", { name: "Accounts", level: 1 }).waitFor();
      // Another tab (a new context here) starts signed out.
      const other = await dw.open();
      await other.getByLabel("API token").waitFor();
      await other.context().close();

      // No external asset, and the token never in a URL.
      expect(requested.length).toBeGreaterThan(3);
      expect(requested.filter((url) => !url.startsWith(`${dw.rosterUrl}/`))).toEqual([]);
      expect(requested.filter((url) => url.includes(dw.world.roster.adminToken))).toEqual([]);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByLabel("API token").waitFor();
      expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([]);
      expect(dw.world.roster.logs.join("\n")).not.toContain(dw.world.roster.adminToken);
      await page.context().close();
    });

    it("sees exactly the token's environment, and asks again when Roster stops accepting the token", async () => {
      const staging = await new EnvironmentRepository(dw.world.roster.context.store.db).ensure(
        "staging-dash",
      );
      const created = await dw.world.roster.context.tokens.create(staging.id);
      const page = await dw.open();
      await page.getByLabel("API token").fill(created.token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("No integrated accounts yet.").waitFor();
      await panel(page, "Changes").click();
      await page.getByText("No changes yet.").waitFor();
      await panel(page, "Webhooks").click();
      await page.getByText("No webhook endpoints.").waitFor();

      await dw.world.roster.context.store.db.deleteFrom("api_tokens").where("id", "=", created.id).execute();
      await panel(page, "Accounts").click();
      const alert = page.getByRole("alert");
      await expect.poll(() => alert.textContent(), patient).toContain("no longer accepts the token");
      await page.getByLabel("API token").waitFor();
      expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([]);
      await page.context().close();
    });

    it("accounts: provider, region, tenant, status, last sync; needs_reauth stands out with a reconnect link", async () => {
      const page = await dw.openSignedIn({ permissions: ["clipboard-read", "clipboard-write"] });
      const synced = accountCard(page, dw.synced);
      await expect
        .poll(() => synced.locator('[data-field="last-sync"]').textContent(), patient)
        .toMatch(/^completed · /);
      const facts = await synced.locator("dl.facts > *").allTextContents();
      expect(facts.slice(0, 8)).toEqual([
        "Provider",
        "opsgenie",
        "Region",
        "us",
        "Tenant",
        "acme",
        "Linked with",
        "API key",
      ]);
      expect(await synced.locator("[data-status]").getAttribute("data-status")).toBe("active");
      // The last run's stats: the second sync created two users (and a membership).
      expect(await synced.locator('[data-stat="created"]').first().textContent()).toBe("3");

      const revoked = accountCard(page, dw.revoked);
      // Listed first, marked and worded.
      expect(await page.locator("article[data-account-id]").first().getAttribute("data-account-id")).toBe(
        dw.revoked,
      );
      expect(await revoked.getAttribute("class")).toContain("attention");
      expect(await revoked.locator("[data-status]").textContent()).toContain("Needs reconnecting");
      expect(await synced.getByRole("button", { name: "Create reconnect link" }).count()).toBe(0);
      await revoked.getByRole("button", { name: "Create reconnect link" }).click();
      const link = revoked.getByLabel("Reconnect link");
      await link.waitFor();
      const url = await link.inputValue();
      expect(url).toMatch(new RegExp(`^${dw.rosterUrl}/link/`));
      await revoked.getByRole("button", { name: "Copy" }).click();
      await revoked.getByRole("button", { name: "Copied" }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
      // The link is a working reconnect link for this very account.
      const session = await fetch(`${dw.rosterUrl}/link-token/${url.split("/link/")[1]}/session`);
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({ reconnect: true, integration: "opsgenie" });
      await dw.screenshot(page, "accounts-desktop-light");
      await page.context().close();
    });

    it("Sync now shows the run's progress live, then its stats", async () => {
      const page = await dw.openSignedIn();
      const card = accountCard(page, dw.synced);
      const progress = card.locator("output.progress");
      const statuses = new Set<string>();
      await card.getByRole("button", { name: "Sync now" }).click();
      await expect
        .poll(async () => {
          const status = await progress.getAttribute("data-run-status").catch(() => null);
          if (status) statuses.add(status);
          return status;
        }, patient)
        .toBe("completed");
      expect(statuses.has("queued") || statuses.has("running")).toBe(true);
      const text = await progress.textContent();
      expect(text).toMatch(
        /[1-9]\d* pages? · [1-9]\d* records? · [1-9]\d* requests? · \d+ rate-limit waits?/,
      );
      expect(Number(await progress.locator('[data-progress="records"]').textContent())).toBeGreaterThan(14);
      // This run's stats: nothing changed since the last sync.
      const thisSync = card.locator("figure.stats").filter({ hasText: "This sync" });
      expect(await thisSync.locator('[data-stat="created"]').textContent()).toBe("0");
      expect(Number(await thisSync.locator('[data-stat="unchanged"]').textContent())).toBeGreaterThan(14);
      await expect
        .poll(() => card.locator('[data-field="last-sync"]').textContent(), patient)
        .toMatch(/^completed/);
      await page.context().close();
    });

    it("seats: used against available now, and the Chart.js chart drawn from the recorded history", async () => {
      const history = await dw.world.get(`/integrated-account/${dw.synced}/seat-history`);
      const points = [...history.body.result].reverse();
      expect(points.length).toBeGreaterThanOrEqual(2);
      expect(points[1].seats_used - points[0].seats_used).toBe(2);

      const page = await dw.openSignedIn();
      await panel(page, "Seats").click();
      const card = page.locator(`article[data-account-id="${dw.synced}"]`);
      const latest = points.at(-1);
      await expect
        .poll(() => card.locator('[data-field="seats-now"]').textContent(), patient)
        .toBe(`${latest.seats_used} of ${latest.seats_available}`);
      const canvas = card.locator("canvas");
      await expect.poll(() => canvas.getAttribute("data-series"), patient).not.toBeNull();
      expect(JSON.parse((await canvas.getAttribute("data-series")) ?? "")).toEqual([
        points.map((p: any) => ({ x: Date.parse(p.created_at), y: p.seats_used })),
        points.map((p: any) => ({ x: Date.parse(p.created_at), y: p.seats_available })),
      ]);
      // The canvas really has pixels drawn on it.
      const drawn = await canvas.evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext("2d")?.getImageData(0, 0, c.width, c.height) ?? { data: [] };
        let opaque = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) opaque++;
        return opaque;
      });
      expect(drawn).toBeGreaterThan(500);
      // The same figures as a table, newest first.
      await card.getByText(/Figures as a table/).click();
      const rows = card.locator("tbody tr");
      expect(await rows.count()).toBe(points.length);
      expect(await rows.first().getAttribute("data-run-id")).toBe(latest.sync_job_run_id);
      expect(await rows.last().locator('[data-field="used"]').textContent()).toBe(
        String(points[0].seats_used),
      );
      const revoked = page.locator(`article[data-account-id="${dw.revoked}"]`);
      await revoked.getByText(/No seat figures yet/).waitFor();
      await dw.screenshot(page, "seats-desktop-light");
      await page.context().close();
    });

    it("people: search across accounts, then a person's page with account, teams and roles", async () => {
      const page = await dw.openSignedIn();
      await panel(page, "People").click();
      await page.getByLabel("Name, username or e-mail").fill("ada");
      await page.getByRole("button", { name: "Search" }).click();
      const hit = page
        .getByRole("list", { name: "Search results" })
        .getByRole("button", { name: /Ada Lovelace/ });
      await hit.click();
      await page.getByRole("heading", { name: "Ada Lovelace" }).waitFor();
      const card = page.locator(`.person-page article[data-account-id="${dw.synced}"]`);
      await expect
        .poll(() => card.locator('[data-field="teams"]').textContent(), patient)
        .toContain(dw.newPerson.team);
      expect(await card.locator("h3").textContent()).toBe("opsgenie · acme");
      expect(await card.locator('[data-field="roles"]').textContent()).toBe("Admin");
      await page.getByRole("button", { name: "Back to results" }).click();
      await page.getByRole("list", { name: "Search results" }).waitFor();
      await page.context().close();
    });

    it("changes: the outbox feed, directory changes by default, filtered by type and by account", async () => {
      const page = await dw.openSignedIn();
      await panel(page, "Changes").click();
      const feed = page.getByRole("list", { name: "Changes, newest first" });
      const shownTypes = () =>
        feed.locator("li").evaluateAll((els) => els.map((e) => e.getAttribute("data-event-type")));
      await feed.waitFor();
      const created = feed.locator('li[data-event-type="user.created"]');
      await expect.poll(() => created.count(), patient).toBe(2);
      expect(await created.allTextContents()).toEqual(
        expect.arrayContaining([
          expect.stringContaining("Ada Lovelace"),
          expect.stringContaining("Charles Babbage"),
        ]),
      );
      // By default the directory's changes only: no sync runs, no account events.
      expect(new Set(await shownTypes())).toEqual(
        new Set(["user.created", "group.member_added", "license.updated"]),
      );
      expect(await feed.locator('li[data-event-type="license.updated"]').textContent()).toMatch(
        /16 of 30 seats used/,
      );

      await page.getByLabel("Type of change", { exact: true }).selectOption("group.member_added");
      await expect
        .poll(async () => new Set(await shownTypes()), patient)
        .toEqual(new Set(["group.member_added"]));
      expect(await feed.locator("li").first().textContent()).toContain(
        `ada.lovelace@example.com added to ${dw.newPerson.team}`,
      );

      await page.getByLabel("Type of change", { exact: true }).selectOption("all");
      await page.getByLabel("Account", { exact: true }).selectOption(dw.revoked);
      await expect
        .poll(async () => new Set(await shownTypes()), patient)
        .toEqual(new Set(["integrated_account.created", "integrated_account.needs_reauth"]));
      await dw.screenshot(page, "changes-desktop-light");
      await page.context().close();
    });

    it("webhooks: the endpoint, its status, the delivery log with attempts, and a retry that succeeds", async () => {
      const page = await dw.openSignedIn();
      await panel(page, "Webhooks").click();
      const card = page.locator(`article[data-webhook-id="${dw.webhookId}"]`);
      expect(await card.locator("h2").textContent()).toBe(dw.receiver.url);
      expect(await card.locator("[data-status]").getAttribute("data-status")).toBe("active");
      await card.getByRole("button", { name: "Show delivery log" }).click();
      const deliveries = card.getByRole("list", { name: "Deliveries, newest first" }).locator(":scope > li");
      await expect.poll(() => deliveries.count(), patient).toBe(3);
      const first = card.locator('li[data-delivery-status="failed"]').first();
      expect(await first.getByRole("list", { name: "Attempts" }).textContent()).toContain("500");
      const deliveryId = await first.getAttribute("data-delivery-id");

      dw.receiver.answer = () => 200;
      await first.getByRole("button", { name: "Retry" }).click();
      await card.getByRole("status").filter({ hasText: "Delivery queued again" }).waitFor();
      await dw.receiver.waitFor((r) => r.some((x) => x.id === deliveryId && x.status === 200));
      await card.getByRole("button", { name: "Hide delivery log" }).click();
      await card.getByRole("button", { name: "Show delivery log" }).click();
      const retried = card.locator(`li[data-delivery-id="${deliveryId}"]`);
      await expect.poll(() => retried.getAttribute("data-delivery-status"), patient).toBe("succeeded");
      const attempts = await retried.getByRole("list", { name: "Attempts" }).locator("li").allTextContents();
      expect(attempts.some((a) => a.includes("200"))).toBe(true);
      expect(attempts.some((a) => a.includes("500"))).toBe(true);
      await dw.screenshot(page, "webhooks-desktop-light");
      await page.context().close();
    });

    it("keyboard only: Tab and Enter through sign-in, a panel switch and Sync now, with visible focus", async () => {
      const page = await dw.open();
      await tabTo(page, (el) => el.label === "API token");
      await page.keyboard.type(dw.world.roster.adminToken);
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Accounts", level: 1 }).waitFor();

      await tabTo(page, (el) => el.tag === "button" && el.text === "Seats");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Seats", level: 1 }).waitFor();
      await tabTo(page, (el) => el.tag === "button" && el.text === "Accounts");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Accounts", level: 1 }).waitFor();
      // The synced account's card comes after the revoked one: its button is the second "Sync now".
      const card = accountCard(page, dw.synced);
      await card.getByRole("button", { name: "Sync now" }).waitFor();
      let seen = 0;
      await tabTo(page, (el) => el.tag === "button" && el.text === "Sync now" && ++seen === 2);
      await dw.screenshot(page, "keyboard-focus-desktop-light");
      await page.keyboard.press("Enter");
      await expect
        .poll(() => card.locator("output.progress").getAttribute("data-run-status"), patient)
        .toBe("completed");
      await page.context().close();
    });

    it("screenshots at 360 px and desktop, light and dark", { timeout: 300_000 }, async () => {
      for (const colorScheme of ["light", "dark"] as const) {
        for (const [size, viewport] of [
          ["360", { width: 360, height: 780 }],
          ["desktop", { width: 1280, height: 900 }],
        ] as const) {
          const signIn = await dw.open({ colorScheme, viewport });
          await signIn.getByLabel("API token").waitFor();
          await dw.screenshot(signIn, `sign-in-${size}-${colorScheme}`);
          await signIn.context().close();
          const page = await dw.openSignedIn({ colorScheme, viewport });
          await expect
            .poll(
              () => accountCard(page, dw.synced).locator('[data-field="last-sync"]').textContent(),
              patient,
            )
            .toMatch(/^completed/);
          await dw.screenshot(page, `accounts-${size}-${colorScheme}`);
          await fitsViewport(page, viewport.width);
          await panel(page, "Seats").click();
          await page.locator(`article[data-account-id="${dw.synced}"] canvas[data-series]`).waitFor();
          await dw.screenshot(page, `seats-${size}-${colorScheme}`);
          await fitsViewport(page, viewport.width);
          await panel(page, "People").click();
          await page.getByLabel("Name, username or e-mail").fill("ada");
          await page.getByRole("button", { name: "Search" }).click();
          await page.getByRole("button", { name: /Ada Lovelace/ }).click();
          await page.locator('.person-page [data-field="teams"]').waitFor();
          await dw.screenshot(page, `person-${size}-${colorScheme}`);
          await fitsViewport(page, viewport.width);
          await panel(page, "Changes").click();
          await page.getByRole("list", { name: "Changes, newest first" }).waitFor();
          await dw.screenshot(page, `changes-${size}-${colorScheme}`);
          await fitsViewport(page, viewport.width);
          await panel(page, "Webhooks").click();
          await page.getByRole("button", { name: "Show delivery log" }).click();
          await page.getByRole("list", { name: "Deliveries, newest first" }).waitFor();
          await dw.screenshot(page, `webhooks-${size}-${colorScheme}`);
          await fitsViewport(page, viewport.width);
          await page.context().close();
        }
      }
    });
  },
);
