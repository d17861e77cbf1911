import { AppError } from "../core/errors.ts";
import type { AuthMethod } from "../core/provider/oauth.ts";
import { type IntegratedAccount, IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import type { SealedSecret } from "../vault/index.ts";
import type { LinkDeps } from "./link-account.ts";

/**
 * Saves credentials that passed the live check: a new account, or a reconnect of `existing` (same id, set
 * back to active), with its `integrated_account.*` event in the same transaction (the outbox).
 * Throws AppError `not_found` when `existing` was deleted meanwhile.
 */
export async function saveLinkedAccount(
  context: LinkDeps,
  input: {
    environmentId: string;
    id: string;
    integration: string;
    tenantId: string;
    region: string;
    sealed: SealedSecret;
    settings: Record<string, string>;
    authMethod: AuthMethod;
    existing?: IntegratedAccount;
  },
): Promise<IntegratedAccount> {
  const { id, sealed } = input;
  if (input.existing) {
    const updated = await context.store.db.transaction().execute(async (trx) => {
      const account = await new IntegratedAccountRepository(trx).update(input.environmentId, id, {
        credentials: sealed.sealed,
        credentials_key_id: sealed.keyId,
        settings: JSON.stringify(input.settings),
        auth_method: input.authMethod,
        region: input.region,
        status: "active",
        last_error: null,
      });
      if (account) await context.recordAccountEvent(trx, account, "integrated_account.updated");
      return account;
    });
    if (!updated) throw new AppError("not_found", { message: "No such integrated account." });
    context.sessions.forget(id);
    return updated;
  }
  return context.store.db.transaction().execute(async (trx) => {
    const account = await new IntegratedAccountRepository(trx).insert({
      id,
      environment_id: input.environmentId,
      integration: input.integration,
      tenant_id: input.tenantId,
      region: input.region,
      status: "active",
      last_error: null,
      credentials: sealed.sealed,
      credentials_key_id: sealed.keyId,
      settings: JSON.stringify(input.settings),
      auth_method: input.authMethod,
    });
    await context.recordAccountEvent(trx, account, "integrated_account.created");
    return account;
  });
}
