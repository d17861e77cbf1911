import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's chromium package; browser tests are skipped (with a warning) on machines without it. */
export function findChromium(): string | undefined {
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const chromiumPath = findChromium();
if (!chromiumPath) console.warn("chromium is not installed: the browser tests of test/web are skipped");

/** One browser per test file; playwright gives every launch a fresh temporary profile (user-data-dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
