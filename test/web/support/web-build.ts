import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const builtPage = path.join(root, "dist/web/index.html");
const sources = path.join(root, "src/web/connect");
const lockDir = path.join(root, "dist/.web-build.lock");

/**
 * Builds the connect page when dist/web is missing or older than its sources, so `npm test` works on a fresh
 * clone and never tests a stale page. Test files run in parallel: a lock directory makes one of them build
 * while the others wait (Roster only serves dist/web/assets if it exists when the server starts).
 */
export async function ensureWebBuild(): Promise<void> {
  if (isFresh()) return;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 60_000;
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
    // The connect page only: rebuilding the dashboard too would empty dist/dashboard under its running tests.
    if (!isFresh()) execFileSync("npx", ["vite", "build"], { cwd: root, stdio: "pipe" });
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function isFresh(): boolean {
  if (!fs.existsSync(builtPage)) return false;
  const builtAt = fs.statSync(builtPage).mtimeMs;
  return (
    newestChange(sources) <= builtAt && fs.statSync(path.join(root, "vite.config.ts")).mtimeMs <= builtAt
  );
}

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}
