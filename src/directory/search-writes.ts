import type { Transaction } from "kysely";
import { chunks } from "../store/chunks.ts";
import type { IntegratedAccount } from "../store/integrated-accounts.ts";
import type { Database } from "../store/schema.ts";
import { searchableUser } from "./search-terms.ts";

/** Keeps the people-search rows of an account in step with its changed and tombstoned users. */
export async function applyUserSearch(
  trx: Transaction<Database>,
  account: Pick<IntegratedAccount, "id" | "environment_id" | "tenant_id" | "integration">,
  upsert: readonly (Record<string, unknown> & { id: string })[],
  remove: readonly string[],
): Promise<void> {
  const rows = upsert.map((user) => ({
    account_id: account.id,
    user_id: user.id,
    environment_id: account.environment_id,
    tenant_id: account.tenant_id,
    integration: account.integration,
    ...searchableUser(user as Parameters<typeof searchableUser>[0]),
  }));
  for (const part of chunks(rows, 300)) {
    await trx
      .insertInto("user_search")
      .values(part)
      .onConflict((oc) =>
        oc.columns(["account_id", "user_id"]).doUpdateSet((eb) => ({
          tenant_id: eb.ref("excluded.tenant_id"),
          name: eb.ref("excluded.name"),
          username: eb.ref("excluded.username"),
          email: eb.ref("excluded.email"),
          name_norm: eb.ref("excluded.name_norm"),
          terms: eb.ref("excluded.terms"),
        })),
      )
      .execute();
  }
  for (const part of chunks([...remove], 500)) {
    await trx
      .deleteFrom("user_search")
      .where("account_id", "=", account.id)
      .where("user_id", "in", part)
      .execute();
  }
}

/**
 * After a migration, the people-search rows of matched users move to their new ids (and the account's new
 * integration), so the person is found once, not once per id.
 */
export async function rekeyUserSearch(
  trx: Transaction<Database>,
  account: Pick<IntegratedAccount, "id" | "integration">,
  pairs: readonly { previous_id: string; id: string }[],
): Promise<void> {
  for (const pair of pairs) {
    await trx
      .updateTable("user_search")
      .set({ user_id: pair.id, integration: account.integration })
      .where("account_id", "=", account.id)
      .where("user_id", "=", pair.previous_id)
      .execute();
  }
}
