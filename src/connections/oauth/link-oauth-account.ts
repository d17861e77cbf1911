import { AppError } from "../../core/errors.ts";
import { ProviderHttpError } from "../../core/provider/contract.ts";
import { findProvider } from "../../providers/index.ts";
import { type IntegratedAccount, newAccountId } from "../../store/integrated-accounts.ts";
import type { LinkDeps } from "../link-account.ts";
import { saveLinkedAccount } from "../save-linked-account.ts";
import { grantRegion } from "./grant-region.ts";
import { oauthClientFor } from "./oauth-client.ts";
import type { OAuthTokens } from "./oauth-tokens.ts";
import { callTokenEndpoint, OAuthGrantRefused } from "./token-endpoint.ts";
import { tokenSetFrom } from "./token-set.ts";

/** Linking by OAuth needs what key linking needs, the operator's configuration and the token keeper. */
export interface OAuthLinkDeps extends LinkDeps {
  oauth: OAuthTokens;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The end of a consent: the authorization code is exchanged for tokens (with the PKCE verifier when the
 * provider takes one), the account's region is read from the answer when the provider can tell it
 * (grant-region.ts; otherwise a reconnect keeps its region), the provider's `afterGrant` discovers the
 * consented site's settings, the same live check as for keys runs with the new access token, and only then
 * are the tokens sealed and the account created, or `existing` reconnected (same id) as an OAuth account.
 * Throws AppError: `unknown_integration`, `unsupported_operation` (OAuth not configured),
 * `invalid_credentials` (code refused, or the check refused the grant), `insufficient_access`,
 * `provider_unreachable`, `not_found`, and whatever `beforeSave` throws.
 */
export async function linkOAuthAccount(
  context: OAuthLinkDeps,
  input: {
    environmentId: string;
    integration: string;
    tenantId: string;
    code: string;
    redirectUri: string;
    verifier: string;
    existing?: IntegratedAccount;
    beforeSave?: () => Promise<void>;
  },
): Promise<IntegratedAccount> {
  const provider = findProvider(input.integration);
  if (!provider) throw new AppError("unknown_integration");
  const client = oauthClientFor(provider, context.env);
  if (!client)
    throw new AppError("unsupported_operation", {
      message: `${provider.label} cannot be connected with OAuth on this Roster.`,
    });
  let response: Awaited<ReturnType<typeof callTokenEndpoint>>;
  try {
    response = await callTokenEndpoint(
      client,
      {
        grant_type: "authorization_code",
        code: input.code,
        redirect_uri: input.redirectUri,
        ...(client.spec.pkce ? { code_verifier: input.verifier } : {}),
      },
      context.oauth.tokenTransport,
    );
  } catch (error) {
    if (!(error instanceof OAuthGrantRefused)) throw error;
    throw new AppError("invalid_credentials", {
      message: `${provider.label} did not accept the authorization (${error.error}). Start again.`,
    });
  }
  const tokens = tokenSetFrom(response, context.oauth.now(), client.spec.defaultExpiresInSeconds);
  const id = input.existing?.id ?? newAccountId();
  const region = grantRegion(provider, response, input.existing?.region);
  let settings: Record<string, string> = {};
  try {
    const grant = context.oauth.grantClient(provider, id, region, tokens.access_token, {});
    settings = (await client.spec.afterGrant?.(grant)) ?? {};
    const check = await provider.checkAccess(
      context.oauth.grantClient(provider, id, region, tokens.access_token, settings),
      {},
    );
    if (!check.ok) throw new AppError(check.code, { message: check.message });
  } catch (error) {
    if (error instanceof ProviderHttpError)
      throw new AppError("provider_unreachable", {
        message: `${provider.label} failed while checking the authorization (${error.status}). Try again later.`,
      });
    throw error;
  }
  await input.beforeSave?.();
  return saveLinkedAccount(context, {
    environmentId: input.environmentId,
    id,
    integration: provider.name,
    tenantId: input.tenantId,
    region,
    sealed: context.vault.sealJson(tokens, id),
    settings,
    authMethod: "oauth",
    existing: input.existing,
  });
}
