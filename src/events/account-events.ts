import type { Transaction } from "kysely";
import type { Db } from "../store/database.ts";
import type { IntegratedAccount } from "../store/integrated-accounts.ts";
import type { Database } from "../store/schema.ts";
import { insertEvents } from "./outbox.ts";

export type AccountEventType =
  | "integrated_account.created"
  | "integrated_account.updated"
  | "integrated_account.deleted"
  | "integrated_account.needs_reauth"
  | "integrated_account.migrated";

/** The account as events carry it: the public fields only, never credentials (whatever the caller holds). */
function accountRecord(account: IntegratedAccount) {
  return {
    id: account.id,
    integration: account.integration,
    tenant_id: account.tenant_id,
    region: account.region,
    status: account.status,
    last_error: account.last_error,
    created_at: account.created_at,
    updated_at: account.updated_at,
  };
}

/**
 * Account events go through the same outbox as directory changes, so webhooks deliver them with the same
 * guarantees. Given a transaction, the event commits with the change it describes.
 */
export async function recordAccountEvent(
  db: Db | Transaction<Database>,
  account: IntegratedAccount,
  type: AccountEventType,
): Promise<void> {
  const write = (trx: Transaction<Database>) =>
    insertEvents(trx, account, null, [{ type, record: accountRecord(account) }]);
  if (db.isTransaction) await write(db as Transaction<Database>);
  else await db.transaction().execute(write);
}
