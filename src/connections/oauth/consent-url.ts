import type { OAuthClient } from "./oauth-client.ts";
import { codeChallenge } from "./pkce.ts";

/**
 * The provider's consent screen for one grant (RFC 6749 §4.1.1): `response_type=code`, the client id, Roster's
 * callback, the scopes, the random `state`, the provider's own parameters and, when it takes PKCE, an S256
 * challenge of `verifier` (RFC 7636 §4.3).
 */
export function consentUrl(
  client: OAuthClient,
  grant: { state: string; redirectUri: string; verifier: string },
): string {
  const url = new URL(`${client.baseUrl}${client.spec.authorizePath}`);
  const params: Record<string, string> = {
    ...client.spec.authorizeParams,
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: grant.redirectUri,
    scope: client.spec.scopes.join(" "),
    state: grant.state,
  };
  if (client.spec.pkce) {
    params.code_challenge = codeChallenge(grant.verifier);
    params.code_challenge_method = "S256";
  }
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
