import { describe, expect, it } from "vitest";
import { testDatabases } from "../helpers/databases.ts";
import { startTestRoster } from "../helpers/roster.ts";

/** An operator who enables OAuth without pinning ROSTER_PUBLIC_URL is told at start-up, once. */
describe("OAuth without ROSTER_PUBLIC_URL", () => {
  const database = testDatabases[0];
  const oauth = { PAGERDUTY_OAUTH_CLIENT_ID: "client", PAGERDUTY_OAUTH_CLIENT_SECRET: "secret" };
  const warnings = async (env: Record<string, string>) => {
    if (!database) throw new Error("no test database");
    const roster = await startTestRoster({ databaseUrl: await database.create(), env });
    await roster.close();
    return roster.logs.filter((line) => line.includes("ROSTER_PUBLIC_URL is not set"));
  };

  it("warns when an OAuth client is configured and the public URL is not", async () => {
    const lines = await warnings(oauth);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ level: 40, oauth: ["PagerDuty"] });
  });

  it("stays quiet with the public URL set, or without OAuth", async () => {
    expect(await warnings({ ...oauth, ROSTER_PUBLIC_URL: "https://roster.example.com" })).toEqual([]);
    expect(await warnings({})).toEqual([]);
  });
});
