import crypto from "node:crypto";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/logger.ts";
import { createRoster, type Roster, type RosterOverrides } from "../../src/main.ts";
import { tempDir } from "./databases.ts";

export interface TestRoster extends Roster {
  adminToken: string;
  dataDir: string;
  /** Every log line the server wrote, for assertions that secrets never reach the logs. */
  logs: string[];
  /** Authorization header of the admin token. */
  auth: { authorization: string };
}

export async function startTestRoster(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  overrides?: RosterOverrides;
}): Promise<TestRoster> {
  const dataDir = tempDir("roster-data-");
  const adminToken = `admin-${crypto.randomBytes(16).toString("hex")}`;
  const config = loadConfig({
    ROSTER_DATA_DIR: dataDir,
    DATABASE_URL: options.databaseUrl,
    ROSTER_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: "info",
    ...options.env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const roster = await createRoster(config, createLogger("info", sink), options.overrides);
  await roster.app.ready();
  return { ...roster, adminToken, dataDir, logs, auth: { authorization: `Bearer ${adminToken}` } };
}
