import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./database.ts";
import * as foundation from "./migrations/0001-foundation.ts";

/** Migrations are listed explicitly (no directory scan) so the order is reviewable and bundling stays simple. */
const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
};

class ListedMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new ListedMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${(error as Error).message ?? String(error)}`);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
