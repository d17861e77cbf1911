import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "../helpers/opsgenie-world.ts";

const entry = path.resolve("src/cli/main.ts");

describe("roster sync and roster accounts", () => {
  const database = testDatabases[0];
  let world: OpsgenieWorld;
  let databaseUrl: string;
  let account: string;
  beforeAll(async () => {
    databaseUrl = (await database?.create()) ?? "";
    world = await startOpsgenieWorld({
      databaseUrl,
      us: { users: 80, teams: 5 },
      env: { ROSTER_JOBS: "off" },
    });
    account = await world.link(world.us.apiKeys.full);
  });
  afterAll(() => world.close());

  // Asynchronous: the simulator answers from this very process.
  const cli = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          ROSTER_DATA_DIR: world.roster.dataDir,
          OPSGENIE_US_BASE_URL: world.us.url,
          LOG_LEVEL: "warn",
        },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });

  it("runs a sync in the foreground and prints its stats; accounts shows the last run", async () => {
    const sync = await cli("sync", "--account", account, "--no-progress");
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/: completed\n/);
    expect(sync.stdout).toMatch(/created \d+, updated 0, deleted 0, unchanged 0, requests \d+/);
    const list = await cli("accounts");
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain(account);
    expect(list.stdout).toMatch(/completed/);
    const missing = await cli("sync", "--account", "acc_nope", "--no-progress");
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("no integrated account");
  }, 60_000);

  it("prints what a completed run left out, one warning a line", async () => {
    world.us.setAnomalies({ customRolesRefused: true });
    try {
      const sync = await cli("sync", "--account", account, "--no-progress");
      expect(sync.status, sync.stderr).toBe(0);
      expect(sync.stdout).toMatch(/: completed\n/);
      expect(sync.stdout).toContain("1 warning(s), what the run left out:\n");
      expect(sync.stdout).toContain(
        "  roles: resource_not_permitted: The account may not read custom user roles: " +
          "Account plan does not have the right to use custom user roles.\n",
      );
    } finally {
      world.us.setAnomalies({ customRolesRefused: false });
    }
  }, 60_000);
});
