import type { GrantedToken, OAuthSpec } from "../../core/provider/contract.ts";
import { regions } from "./regions.ts";

/**
 * PagerDuty's OAuth 2.0 (Scoped OAuth app, authorization code with PKCE), from PagerDuty's developer docs
 * "Act as User Tokens via PKCE" (github.com/PagerDuty/developer-docs,
 * docs/app-integration-development/10-Act-as-User-OAuth-PKCE.md): authorize at
 * `https://identity.pagerduty.com/oauth/authorize`, token at `…/oauth/token` with a form body (`client_id`,
 * `client_secret` for Scoped OAuth, `code_verifier`), PKCE S256 supported; a refresh returns a new refresh
 * token; access tokens live 30 days (refresh tokens 210 days) for clients registered after 2022-10-30.
 * Requests then carry `Authorization: Bearer` (reference §1.1) to the same API hosts; scopes users.read,
 * teams.read and licenses.read (reference §1.1), and `openid` for the ID token that tells the account's
 * service region (see `regionFromIdToken`). The reuse window of a rotated refresh token is not
 * documented: none is assumed.
 */
export const pagerdutyOAuth: OAuthSpec = {
  defaultBaseUrl: "https://identity.pagerduty.com",
  authorizePath: "/oauth/authorize",
  tokenPath: "/oauth/token",
  scopes: ["openid", "users.read", "teams.read", "licenses.read"],
  pkce: true,
  tokenBody: "form",
  rotation: { reuseWindowSeconds: 0 },
  defaultExpiresInSeconds: 30 * 24 * 3600,
  regionFromGrant: regionFromIdToken,
};

/**
 * The service region of the consenting account, from the ID token of the code exchange: "us" or "eu", or
 * undefined without an ID token or with an `aud` naming neither API URL. Source: PagerDuty's developer
 * docs "The PagerDuty OpenID ID Token" (github.com/PagerDuty/developer-docs,
 * docs/app-integration-development/11-OAuth-2-Id-token.md, also 07-PagerDuty-OpenId-Token.md): the
 * `oauth/token` answer carries `id_token`, a JWT whose `aud` is an array holding the client id and the
 * account's region API URL, `https://api.pagerduty.com` or `https://api.eu.pagerduty.com` (reference §1.1);
 * the PKCE page (10-Act-as-User-OAuth-PKCE.md) points integrations at that `aud` for EU data residency.
 * The token's own `region` claim ("UnitedStates" in the docs' sample) is not used: its EU value is not
 * documented. Only the region's name is taken: requests go to the operator's configured host for it.
 */
export function regionFromIdToken(grant: GrantedToken): keyof typeof regions | undefined {
  const aud = grant.idTokenClaims?.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  for (const [region, { baseUrl }] of Object.entries(regions))
    if (audiences.some((a) => typeof a === "string" && a.replace(/\/+$/, "") === baseUrl))
      return region as keyof typeof regions;
  return undefined;
}
