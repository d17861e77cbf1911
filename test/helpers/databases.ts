import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * The databases a store test runs against: always SQLite; PostgreSQL too when TEST_DATABASE_URL is set.
 * Each PostgreSQL use gets its own schema (through search_path), so test files never see each other's rows.
 */
export interface TestDatabase {
  name: "sqlite" | "postgres";
  /** A fresh DATABASE_URL; call once per isolated store. */
  create(): Promise<string>;
}

export const testDatabases: TestDatabase[] = [
  {
    name: "sqlite",
    async create() {
      return `sqlite:${path.join(tempDir("roster-db-"), "roster.db")}`;
    },
  },
];

const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  testDatabases.push({
    name: "postgres",
    async create() {
      const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`create schema ${schema}`);
      } finally {
        await client.end();
      }
      const url = new URL(postgresUrl);
      url.searchParams.set("options", `-c search_path=${schema}`);
      return url.toString();
    },
  });
} else {
  console.warn("TEST_DATABASE_URL is not set: PostgreSQL variants of the store tests are skipped");
}

export function tempDir(prefix = "roster-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
