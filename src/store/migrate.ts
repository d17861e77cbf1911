import { type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { Db } from "./database.ts";
import { withSchemaScopedIntrospection } from "./migration-introspection.ts";
import * as foundation from "./migrations/0001-foundation.ts";
import * as rateLimitBuckets from "./migrations/0002-rate-limit-buckets.ts";
import * as linkTokens from "./migrations/0003-link-tokens.ts";
import * as directorySync from "./migrations/0004-directory-sync.ts";
import * as webhooks from "./migrations/0005-webhooks.ts";
import * as webhookDeliverySpeed from "./migrations/0006-webhook-delivery-speed.ts";
import * as syncCheckpointSpeed from "./migrations/0007-sync-checkpoint-speed.ts";
import * as peopleSearchOrder from "./migrations/0008-people-search-order.ts";
import * as peopleSearchLetterFold from "./migrations/0009-people-search-letter-fold.ts";
import * as syncRunWarnings from "./migrations/0010-sync-run-warnings.ts";
import * as accountMigration from "./migrations/0011-account-migration.ts";
import * as accountSettings from "./migrations/0012-account-settings.ts";
import * as oauthConnections from "./migrations/0013-oauth-connections.ts";
import * as learntRate from "./migrations/0014-learnt-rate.ts";
import * as seatHistory from "./migrations/0015-seat-history.ts";
import * as oauthRefreshLeases from "./migrations/0016-oauth-refresh-leases.ts";
import * as oauthStateBinding from "./migrations/0017-oauth-state-binding.ts";

/** Migrations are listed explicitly (no directory scan) so the order is reviewable and bundling stays simple. */
const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-rate-limit-buckets": rateLimitBuckets,
  "0003-link-tokens": linkTokens,
  "0004-directory-sync": directorySync,
  "0005-webhooks": webhooks,
  "0006-webhook-delivery-speed": webhookDeliverySpeed,
  "0007-sync-checkpoint-speed": syncCheckpointSpeed,
  "0008-people-search-order": peopleSearchOrder,
  "0009-people-search-letter-fold": peopleSearchLetterFold,
  "0010-sync-run-warnings": syncRunWarnings,
  "0011-account-migration": accountMigration,
  "0012-account-settings": accountSettings,
  "0013-oauth-connections": oauthConnections,
  "0014-learnt-rate": learntRate,
  "0015-seat-history": seatHistory,
  "0016-oauth-refresh-leases": oauthRefreshLeases,
  "0017-oauth-state-binding": oauthStateBinding,
};

class ListedMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Db, dialect: "sqlite" | "postgres"): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables live in the connection's schema (search_path), not always "public".
  const migrationTableSchema =
    dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: dialect === "postgres" ? withSchemaScopedIntrospection(db) : db,
    provider: new ListedMigrations(),
    migrationTableSchema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`Database migration failed: ${(error as Error).message ?? String(error)}`);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
