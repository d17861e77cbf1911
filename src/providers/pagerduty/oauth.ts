import type { OAuthSpec } from "../../core/provider/contract.ts";

/**
 * PagerDuty's OAuth 2.0 (Scoped OAuth app, authorization code with PKCE), from PagerDuty's developer docs
 * "Act as User Tokens via PKCE" (github.com/PagerDuty/developer-docs,
 * docs/app-integration-development/10-Act-as-User-OAuth-PKCE.md): authorize at
 * `https://identity.pagerduty.com/oauth/authorize`, token at `…/oauth/token` with a form body (`client_id`,
 * `client_secret` for Scoped OAuth, `code_verifier`), PKCE S256 supported; a refresh returns a new refresh
 * token; access tokens live 30 days (refresh tokens 210 days) for clients registered after 2022-10-30.
 * Requests then carry `Authorization: Bearer` (reference §1.1) to the same API hosts; scopes users.read,
 * teams.read and licenses.read (reference §1.1). The reuse window of a rotated refresh token is not
 * documented: none is assumed.
 */
export const pagerdutyOAuth: OAuthSpec = {
  defaultBaseUrl: "https://identity.pagerduty.com",
  authorizePath: "/oauth/authorize",
  tokenPath: "/oauth/token",
  scopes: ["users.read", "teams.read", "licenses.read"],
  pkce: true,
  tokenBody: "form",
  rotation: { reuseWindowSeconds: 0 },
  defaultExpiresInSeconds: 30 * 24 * 3600,
};
