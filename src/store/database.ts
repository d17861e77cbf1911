import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

/**
 * Which database the store opens: an SQLite file (or `:memory:`) or a PostgreSQL connection URL, with at most
 * `poolSize` connections (default 10; the job queue draws from the same pool).
 */
export type DatabaseConfig =
  | { dialect: "sqlite"; file: string }
  | { dialect: "postgres"; url: string; poolSize?: number };

export interface StoreHandle {
  db: Db;
  dialect: DatabaseConfig["dialect"];
  /** The pg pool in scale-out mode, shared with anything else that needs PostgreSQL (e.g. the job queue). */
  pgPool?: pg.Pool;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  override name = "DatabaseUnreachableError";
}

/** Opens the store and checks that it answers, so a bad DATABASE_URL fails at start-up instead of on a request. */
export async function openStore(config: DatabaseConfig): Promise<StoreHandle> {
  const handle =
    config.dialect === "sqlite" ? openSqlite(config.file) : openPostgres(config.url, config.poolSize);
  try {
    await ping(handle.db);
  } catch (error) {
    await handle.close().catch(() => {});
    const where = config.dialect === "sqlite" ? config.file : redactUrl(config.url);
    throw new DatabaseUnreachableError(
      `Cannot reach the ${config.dialect} database at ${where}: ${(error as Error).message}`,
    );
  }
  return handle;
}

export async function ping(db: Db): Promise<void> {
  await db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
}

function openSqlite(file: string): StoreHandle {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer; busy_timeout makes a second writer wait instead of failing.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

function openPostgres(url: string, poolSize = 10): StoreHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", pgPool: pool, close: () => db.destroy() };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable url>";
  }
}
