import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
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

  it("stops on a bad job or webhook setting instead of falling back to its default", () => {
    for (const [variable, value] of [
      ["ROSTER_JOBS_POLL_MS", "abc"],
      ["ROSTER_WEBHOOKS_CONCURRENCY", "-1"],
      ["ROSTER_JOBS", "no"],
    ] as const) {
      const result = roster(["migrate"], { [variable]: value, ROSTER_DATA_DIR: tempDir() });
      expect(result.status, variable).toBe(78);
      expect(result.stderr.trim().split("\n"), variable).toHaveLength(1);
      expect(result.stderr, variable).toContain(`Invalid ${variable}: must be`);
    }
  });

  it("refuses a malformed ROSTER_MASTER_KEY as configuration, before writing anything to the data folder", () => {
    const dataDir = tempDir();
    const key = `k1:${crypto.randomBytes(16).toString("base64")}`;
    const result = roster(["migrate"], { ROSTER_DATA_DIR: dataDir, ROSTER_MASTER_KEY: key });
    expect(result.status).toBe(78);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("Invalid ROSTER_MASTER_KEY: entry 1 must be 32 bytes");
    expect(result.stderr).not.toContain(key.slice(3));
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("refuses an unreadable master key file before migrating the database", () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, "master-keys.json"), "{ not json");
    const result = roster(["migrate"], { ROSTER_DATA_DIR: dataDir });
    expect(result.status).toBe(77);
    expect(result.stderr).toContain("Cannot read the master key file");
    const db = path.join(dataDir, "roster.db");
    // SQLite may have created the file on open; no table was created in it.
    if (fs.existsSync(db)) {
      const tables = spawnSync(
        "node",
        [
          "-e",
          `const D=require("better-sqlite3");console.log(new D(${JSON.stringify(db)}).prepare("select count(*) n from sqlite_master where type='table'").get().n)`,
        ],
        { encoding: "utf8", cwd: path.resolve(import.meta.dirname, "..") },
      );
      expect(tables.stdout.trim()).toBe("0");
    }
  });

  it("prints its version", () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8"),
    ) as { version: string };
    const result = roster(["--version"], {});
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it("keeps a command's stdout to its output: its log lines go to stderr", () => {
    // A fresh data folder logs the migrations and the new key file.
    const result = roster(["token", "create"], { ROSTER_DATA_DIR: tempDir(), LOG_LEVEL: "info" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Token for environment "default" \(shown once, store it now\):\nrst_\S+\n$/,
    );
    expect(result.stderr).toContain("generated a new master key file; back it up");
    expect(result.stderr).toContain("database migrated");
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
