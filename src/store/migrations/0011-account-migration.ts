import type { Kysely } from "kysely";

/**
 * Migration continuity (an account moved to the provider that succeeds its own): the account remembers the
 * integration it came from and whether its next sync still has to match the new directory to the old
 * (`migration_pending` 0/1: both dialects read an integer alike), and `account_id_map` keeps previous id -> id
 * per resource, with how each record was matched (`email`, `name`, `role`) or that it stayed `unmatched`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("integrated_accounts").addColumn("migrated_from", "text").execute();
  await db.schema
    .alterTable("integrated_accounts")
    .addColumn("migration_pending", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("account_id_map")
    .addColumn("account_id", "text", (c) =>
      c.notNull().references("integrated_accounts.id").onDelete("cascade"),
    )
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("previous_id", "text", (c) => c.notNull())
    .addColumn("id", "text")
    .addColumn("matched_by", "text", (c) => c.notNull())
    .addColumn("previous_integration", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("account_id_map_pk", ["account_id", "resource", "previous_id"])
    .execute();
  await db.schema
    .createIndex("account_id_map_page")
    .on("account_id_map")
    .columns(["account_id", "created_at", "previous_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("account_id_map").execute();
  await db.schema.alterTable("integrated_accounts").dropColumn("migration_pending").execute();
  await db.schema.alterTable("integrated_accounts").dropColumn("migrated_from").execute();
}
