import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateDemoToken } from "../../scripts/demo-token.ts";
import { tempDir } from "../helpers/databases.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";

describe("the demo's API token", () => {
  let roster: TestRoster;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir("roster-demo-token-");
    roster = await startTestRoster({
      databaseUrl: `sqlite:${path.join(dataDir, "roster.db")}`,
      env: { ROSTER_DATA_DIR: dataDir, LOG_LEVEL: "silent" },
    });
  });
  afterAll(async () => {
    await roster?.close();
  });

  const demoToken = () =>
    findOrCreateDemoToken(roster.context.tokens, roster.context.defaultEnvironmentId, dataDir);
  const accountsWith = async (token: string) =>
    (await roster.app.inject({ url: "/integrated-account", headers: { authorization: `Bearer ${token}` } }))
      .statusCode;

  it("is created once, kept private in the data directory, and the same on the next start", async () => {
    const first = await demoToken();
    expect(first.reused).toBe(false);
    expect(await accountsWith(first.token)).toBe(200);
    const file = path.join(dataDir, "demo-token");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const again = await demoToken();
    expect(again).toEqual({ token: first.token, reused: true });
  });

  it("is replaced when the saved one no longer authenticates", async () => {
    fs.writeFileSync(path.join(dataDir, "demo-token"), "rst_not-a-token-of-this-roster\n", { mode: 0o644 });
    const next = await demoToken();
    expect(next.reused).toBe(false);
    expect(next.token).not.toBe("rst_not-a-token-of-this-roster");
    expect(await accountsWith(next.token)).toBe(200);
    expect(fs.readFileSync(path.join(dataDir, "demo-token"), "utf8").trim()).toBe(next.token);
    expect(fs.statSync(path.join(dataDir, "demo-token")).mode & 0o777).toBe(0o600);
  });
});
