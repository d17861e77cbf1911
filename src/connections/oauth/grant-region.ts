import type { ProviderDefinition } from "../../core/provider/contract.ts";
import { idTokenClaims } from "./id-token-claims.ts";
import type { TokenResponse } from "./token-set.ts";

/**
 * The region of an account linked by OAuth, given the code exchange's token response: the region the
 * provider's `regionFromGrant` reads from it (e.g. from the ID token's `aud`) when that is one of
 * `provider.regions`; otherwise the reconnected account's own region (`existingRegion`); otherwise the
 * provider's first declared region ("default" when it declares none). So a reconnect moves the account
 * only when the grant says where it lives, and a name the provider does not declare is ignored: Roster
 * only ever calls the hosts configured for its declared regions.
 */
export function grantRegion(
  provider: ProviderDefinition,
  response: TokenResponse,
  existingRegion: string | null | undefined,
): string {
  const told = provider.oauth?.regionFromGrant?.({
    ...(response.scope !== undefined ? { scope: response.scope } : {}),
    ...withClaims(idTokenClaims(response.id_token)),
  });
  if (told !== undefined && Object.hasOwn(provider.regions, told)) return told;
  return existingRegion ?? Object.keys(provider.regions)[0] ?? "default";
}

const withClaims = (claims: Record<string, unknown> | undefined) => (claims ? { idTokenClaims: claims } : {});
