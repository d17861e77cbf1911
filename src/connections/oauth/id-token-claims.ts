/**
 * The claims of an OpenID ID token (a JWS compact serialization, RFC 7515 §7.1: three base64url segments;
 * the second is the JSON payload, RFC 7519 §7.2). Undefined when `idToken` is missing or not such a token.
 *
 * The signature is deliberately not verified. OIDC Core 1.0 §3.1.3.7 item 6 allows it: an ID token
 * received directly from the token endpoint over TLS is vouched for by the TLS server validation of the
 * authorization server, and here it comes straight from the operator-configured token endpoint. Read only
 * from that answer: never trust claims of a token a caller handed in.
 */
export function idTokenClaims(idToken: string | undefined): Record<string, unknown> | undefined {
  const segments = idToken?.split(".");
  if (segments?.length !== 3 || !segments[1]) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(segments[1], "base64url").toString("utf8")) as unknown;
    return payload && typeof payload === "object" && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
