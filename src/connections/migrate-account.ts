import { AppError } from "../core/errors.ts";
import { findProvider } from "../providers/index.ts";
import type { IntegratedAccount } from "../store/integrated-accounts.ts";
import { IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import type { LinkDeps } from "./link-account.ts";
import { parseCredentials } from "./parse-credentials.ts";
import { verifyCredentials } from "./verify-credentials.ts";

/**
 * Moves an account to the integration that succeeds its own (the provider's `succeeds`), keeping its id,
 * tenant, sync jobs, webhooks and stored directory: the new credentials are checked for shape and live exactly
 * as when linking, sealed, and saved with `integrated_account.migrated` in the same transaction. The account's
 * next sync matches the new directory to the old one (see src/sync/migration-match.ts).
 * Throws AppError: `unknown_integration`, `migration_not_supported` (422: the integration does not declare
 * it succeeds the account's, or the account already is of it), `validation_failed`, `invalid_credentials` /
 * `insufficient_access` (422), `provider_unreachable` (502), `not_found`.
 */
export async function migrateAccount(
  context: LinkDeps,
  input: {
    environmentId: string;
    existing: IntegratedAccount;
    integration: string;
    credentials: Record<string, string>;
  },
): Promise<IntegratedAccount> {
  const { existing } = input;
  const successor = findProvider(input.integration);
  if (!successor)
    throw new AppError("unknown_integration", { message: `No such integration: ${input.integration}` });
  if (existing.integration === successor.name)
    throw new AppError("migration_not_supported", {
      message: `The account is already a ${successor.name} account.`,
    });
  if (successor.succeeds?.integration !== existing.integration)
    throw new AppError("migration_not_supported", {
      message: `${successor.name} does not succeed ${existing.integration}: the account cannot be migrated to it.`,
    });
  // The previous region means nothing to the successor: its own default applies unless one is given.
  const checked = parseCredentials(successor.name, input.credentials);
  const settings = await verifyCredentials(
    context.sessions,
    checked.provider,
    existing.id,
    checked.region,
    checked.credentials,
  );
  const sealed = context.vault.sealJson(checked.credentials, existing.id);
  const migrated = await context.store.db.transaction().execute(async (trx) => {
    const account = await new IntegratedAccountRepository(trx).migrate(input.environmentId, existing.id, {
      integration: successor.name,
      credentials: sealed.sealed,
      credentials_key_id: sealed.keyId,
      region: checked.region,
      settings: JSON.stringify(settings),
      migrated_from: existing.integration,
    });
    if (account) await context.recordAccountEvent(trx, account, "integrated_account.migrated");
    return account;
  });
  if (!migrated) throw new AppError("not_found", { message: "No such integrated account." });
  context.sessions.forget(existing.id);
  return migrated;
}
