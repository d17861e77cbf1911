import { z } from "zod";

/**
 * What the vault seals for an OAuth account (in place of key-based credentials): the access token, the
 * refresh token (when the provider issues one) and when the access token expires (ms since the epoch).
 */
export interface TokenSet {
  access_token: string;
  refresh_token?: string;
  expires_at: number;
}

/** A token endpoint's success answer (RFC 6749 §5.1); `expires_in` in seconds, sometimes sent as a string. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(8000),
  refresh_token: z.string().min(1).max(8000).optional(),
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
  /** An OpenID ID token (a JWT) when `openid` was granted; read for its claims, never sealed; a malformed one is dropped, not fatal. */
  id_token: z.string().min(1).max(16000).optional().catch(undefined),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/**
 * The token set after a grant or a refresh. A refresh that returns no refresh token keeps the previous one
 * (providers that do not rotate); `defaultExpiresInSeconds` stands in for a missing `expires_in`.
 */
export function tokenSetFrom(
  response: TokenResponse,
  now: number,
  defaultExpiresInSeconds: number,
  previousRefreshToken?: string,
): TokenSet {
  const refresh = response.refresh_token ?? previousRefreshToken;
  return {
    access_token: response.access_token,
    ...(refresh ? { refresh_token: refresh } : {}),
    expires_at: now + 1000 * (response.expires_in ?? defaultExpiresInSeconds),
  };
}

/** A sealed token set as the vault opened it; anything else (a key-based account) reads as undefined. */
export function asTokenSet(value: unknown): TokenSet | undefined {
  const parsed = z
    .object({
      access_token: z.string().min(1),
      refresh_token: z.string().min(1).optional(),
      expires_at: z.number(),
    })
    .safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
