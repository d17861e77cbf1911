import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "./helpers/databases.ts";
import { freePort } from "./helpers/loopback-server.ts";

// The sources, not a build that may be stale: this tests the code in the tree.
const entry = path.resolve(import.meta.dirname, "../src/cli/main.ts");

function roster(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", entry, ...args], {
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("the roster command", () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
  });

  it("stops with one clear line naming a bad variable", () => {
    const result = roster(["migrate"], { PORT: "not-a-port", ROSTER_DATA_DIR: tempDir() });
    expect(result.status).toBe(78);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("PORT");
  });

  it("exits quickly with a clear message when the database is unreachable", () => {
    const started = Date.now();
    const result = roster(["serve"], {
      ROSTER_DATA_DIR: tempDir(),
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
    });
    expect(result.status).toBe(69);
    expect(result.stderr).toMatch(/Cannot reach the postgres database/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("creates a token in a new environment that authenticates, and shuts down cleanly on SIGTERM", async () => {
    const dataDir = tempDir();
    const env = { ROSTER_DATA_DIR: dataDir };
    const created = roster(["token", "create", "--environment", "staging", "--quiet"], env);
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^rst_/);

    const port = await freePort();
    const server = spawn(process.execPath, ["--import", "tsx", entry, "serve"], {
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: "silent" },
      stdio: "pipe",
    });
    children.push(server);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/healthz`)).ok);
    const ok = await fetch(`${base}/integrated-account`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${base}/integrated-account`, { headers: { authorization: `Bearer ${token}x` } });
    expect(bad.status).toBe(401);

    // SIGTERM: the server finishes and exits 0.
    const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
