import type { AuthMethod, OAuthSpec, ProviderDefinition } from "../../core/provider/contract.ts";

/** A provider's OAuth declaration with the operator's registered client: everything a grant needs. */
export interface OAuthClient {
  provider: ProviderDefinition;
  spec: OAuthSpec;
  clientId: string;
  /** The client secret; never logged, never returned, only sent to the token endpoint. */
  clientSecret: string;
  /** The authorization server's base URL (the operator's `<PROVIDER>_OAUTH_BASE_URL` or the provider's). */
  baseUrl: string;
}

const value = (env: Readonly<Record<string, string | undefined>>, name: string) => {
  const raw = env[name];
  return raw && raw.trim() !== "" ? raw.trim() : undefined;
};

/**
 * The OAuth client the operator configured for `provider`: `<PROVIDER>_OAUTH_CLIENT_ID` and
 * `<PROVIDER>_OAUTH_CLIENT_SECRET`, optionally `<PROVIDER>_OAUTH_BASE_URL` (read the way base-url.ts reads
 * operator overrides: only the operator's environment, never a caller, decides where Roster sends a grant).
 * Undefined when the provider declares no OAuth or the operator configured no client.
 */
export function oauthClientFor(
  provider: ProviderDefinition,
  env: Readonly<Record<string, string | undefined>>,
): OAuthClient | undefined {
  if (!provider.oauth) return undefined;
  const prefix = `${provider.name.toUpperCase()}_OAUTH_`;
  const clientId = value(env, `${prefix}CLIENT_ID`);
  const clientSecret = value(env, `${prefix}CLIENT_SECRET`);
  if (!clientId || !clientSecret) return undefined;
  const baseUrl = (value(env, `${prefix}BASE_URL`) ?? provider.oauth.defaultBaseUrl).replace(/\/+$/, "");
  return { provider, spec: provider.oauth, clientId, clientSecret, baseUrl };
}

/** The connection methods Roster offers for `provider`: its key always, OAuth when a client is configured. */
export function authMethodsOf(
  provider: ProviderDefinition,
  env: Readonly<Record<string, string | undefined>>,
): AuthMethod[] {
  return oauthClientFor(provider, env) ? ["key", "oauth"] : ["key"];
}
