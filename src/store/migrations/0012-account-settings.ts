import type { Kysely } from "kysely";

/**
 * Settings a provider discovers when an account is linked (non-secret ids its APIs need, e.g. a customer
 * site's cloud id and organization id), kept with the account as a JSON object so no request has to look
 * them up again. `{}` for accounts linked before, and for providers that discover nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("integrated_accounts")
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("integrated_accounts").dropColumn("settings").execute();
}
