import crypto from "node:crypto";
import pg from "pg";

/**
 * A new PostgreSQL schema for one benchmark run (through `search_path`), so runs never see each other's rows,
 * as each SQLite run gets its own file. `drop` removes it and graphile-worker's schema beside it.
 */
export async function freshSchema(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const drop = async () => {
    await admin(`drop schema if exists ${schema}_worker cascade`);
    await admin(`drop schema ${schema} cascade`);
  };
  return { url: url.toString(), drop };
}
