import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll } from "vitest";

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
/** The schemas this test file created, dropped once it is done (see dropCreatedSchemas). */
const createdSchemas: string[] = [];
if (postgresUrl) {
  // Registered first, so it runs after the test file's own teardown (after-hooks run in reverse order).
  afterAll(() => dropCreatedSchemas(postgresUrl));
  testDatabases.push({
    name: "postgres",
    async create() {
      const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
      createdSchemas.push(schema);
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

/**
 * Drops this file's schemas and their job-queue schemas, so a database shared by many runs does not grow
 * with every one. Best effort: a schema still locked by a connection the test left open is skipped after a
 * short lock timeout instead of failing the file.
 */
async function dropCreatedSchemas(url: string): Promise<void> {
  if (createdSchemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("set lock_timeout = '2s'");
    for (const schema of createdSchemas.splice(0)) {
      for (const name of [`${schema}_worker`, schema]) {
        await client.query(`drop schema if exists ${name} cascade`).catch(() => undefined);
      }
    }
  } finally {
    await client.end();
  }
}

export function tempDir(prefix = "roster-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
