import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Polls wait for what a loaded CI machine may take seconds to show; they end as soon as it shows. */
export const patient = { timeout: 30_000, interval: 100 };

/** The panel switch's button named `name`. */
export const panel = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Panels" }).getByRole("button", { name });

/** The card of an account (Accounts and Seats panels). */
export const accountCard = (page: Page, id: string) => page.locator(`article[data-account-id="${id}"]`);

/** What has the keyboard focus: its tag, text, the text of its label, and its outline (focus must show). */
export interface Focused {
  tag: string;
  text: string;
  label: string;
  outline: string;
}

/**
 * Presses Tab until the focused element `matches` (at most 40 times), and checks that the focus is visible
 * there. Throws when Tab never reaches it.
 */
export async function tabTo(page: Page, matches: (el: Focused) => boolean): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        tag: el?.tagName.toLowerCase() ?? "",
        text: el?.textContent?.trim() ?? "",
        label: el?.id ? (document.querySelector(`label[for="${el.id}"]`)?.textContent ?? "") : "",
        outline: el ? getComputedStyle(el).outlineStyle : "none",
      };
    });
    if (matches(focused)) {
      expect(focused.outline, "focus is visible").not.toBe("none");
      return;
    }
  }
  throw new Error("never reached the control with Tab");
}

/** Nothing on the page is wider than the viewport (no sideways scrolling at 360 px). */
export async function fitsViewport(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}
