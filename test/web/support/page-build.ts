import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
// Every page's tests build under the same lock (one Vite build at a time); each builds only its own page, so
// none empties another's output under its running tests.
const lockDir = path.join(root, "dist/.web-build.lock");

/** One page Vite builds: its output under dist/, its own sources under src/web/, its `vite build` arguments. */
export interface PageBuild {
  /** The built page, relative to the repository root (e.g. `dist/web/index.html`). */
  builtPage: string;
  /** Its own sources folder under src/web (`src/web/shared` and vite.config.ts count for every page). */
  sources: string;
  viteArgs: string[];
}

/**
 * Builds a page when its output is missing or older than its sources, so `npm test` works on a fresh clone and
 * never tests a stale page. Test files run in parallel: a lock directory makes one of them build while the
 * others wait (Roster only serves a page's assets if they exist when the server starts).
 */
export async function ensurePageBuild(page: PageBuild): Promise<void> {
  if (isFresh(page)) return;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      if (Date.now() > deadline) fs.rmSync(lockDir, { recursive: true, force: true }); // a crashed build's lock
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (!isFresh(page))
      execFileSync("npx", ["vite", "build", ...page.viteArgs], { cwd: root, stdio: "pipe" });
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function isFresh(page: PageBuild): boolean {
  const builtPage = path.join(root, page.builtPage);
  if (!fs.existsSync(builtPage)) return false;
  const builtAt = fs.statSync(builtPage).mtimeMs;
  const sources = [page.sources, "src/web/shared"].map((dir) => newestChange(path.join(root, dir)));
  return Math.max(...sources) <= builtAt && fs.statSync(path.join(root, "vite.config.ts")).mtimeMs <= builtAt;
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}
