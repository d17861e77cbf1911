import crypto from "node:crypto";

/**
 * PKCE (RFC 7636, S256) without storing a verifier: the verifier is an HMAC of the consent's random `state`
 * under a key derived from the master key, so only a callback that holds the plain state (it is stored
 * hashed) can rebuild it. 43 base64url characters, the minimum length RFC 7636 §4.1 allows.
 */
export function codeVerifier(state: string, key: Buffer): string {
  return crypto.createHmac("sha256", key).update(`pkce:${state}`).digest("base64url");
}

/** `BASE64URL(SHA256(verifier))`, the S256 challenge of RFC 7636 §4.2. */
export function codeChallenge(verifier: string): string {
  return crypto.createHash("sha256").update(verifier, "ascii").digest("base64url");
}
