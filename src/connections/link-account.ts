import type { Transaction } from "kysely";
import type { StoreHandle } from "../store/database.ts";
import { type IntegratedAccount, newAccountId } from "../store/integrated-accounts.ts";
import type { Database } from "../store/schema.ts";
import type { Vault } from "../vault/index.ts";
import { parseCredentials } from "./parse-credentials.ts";
import { saveLinkedAccount } from "./save-linked-account.ts";
import type { Sessions } from "./sessions.ts";
import { verifyCredentials } from "./verify-credentials.ts";

/** What linking needs: the store, the vault that seals credentials, sessions for the live check. */
export interface LinkDeps {
  store: StoreHandle;
  vault: Vault;
  sessions: Sessions;
  /** Writes the account's `integrated_account.*` event inside the transaction that saves it (the outbox). */
  recordAccountEvent(
    trx: Transaction<Database>,
    account: IntegratedAccount,
    type: "integrated_account.created" | "integrated_account.updated" | "integrated_account.migrated",
  ): Promise<void>;
}

/**
 * Linking, shared by the API and the hosted connect page: the credentials are checked for shape, then live
 * against the provider, and only then sealed by the vault and saved. A reconnect keeps the account's id
 * and region (unless a region is given) and sets it back to active.
 * Throws AppError: `unknown_integration`, `validation_failed` (shape), `invalid_credentials` /
 * `insufficient_access` (422, the provider's verdict), `provider_unreachable` (502), `not_found`.
 */
export async function linkAccount(
  context: LinkDeps,
  input: {
    environmentId: string;
    credentials: Record<string, string>;
    integration?: string;
    tenantId?: string;
    existing?: IntegratedAccount;
    /** Runs after validation, right before saving (e.g. to consume a single-use link token). */
    beforeSave?: () => Promise<void>;
  },
): Promise<IntegratedAccount> {
  const { existing } = input;
  const integration = existing?.integration ?? input.integration ?? "";
  const checked = parseCredentials(integration, input.credentials, existing?.region);
  const id = existing?.id ?? newAccountId();
  const settings = await verifyCredentials(
    context.sessions,
    checked.provider,
    id,
    checked.region,
    checked.credentials,
  );
  await input.beforeSave?.();
  return saveLinkedAccount(context, {
    environmentId: input.environmentId,
    id,
    integration: checked.provider.name,
    tenantId: input.tenantId ?? "",
    region: checked.region,
    sealed: context.vault.sealJson(checked.credentials, id),
    settings,
    authMethod: "key",
    existing,
  });
}
