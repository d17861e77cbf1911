import { ownValue } from "../core/own-key.ts";
import type { HeaderAuth } from "../core/provider/contract.ts";

/**
 * The auth strategies a provider definition can name (today: one header built from a template). The result is
 * built per attempt, right before the request leaves, and never stored.
 */
export function authHeaders(auth: HeaderAuth, credentials: Record<string, string>): Record<string, string> {
  const value = auth.template.replace(/\{(\w+)\}/g, (_match, field: string) => {
    const secret = ownValue(credentials, field);
    if (secret === undefined) throw new Error(`Credential field ${field} is missing`);
    // A header value cannot carry line breaks; refuse rather than let a credential inject headers.
    if (/[\r\n]/.test(secret)) throw new Error(`Credential field ${field} contains a line break`);
    return secret;
  });
  return { [auth.header.toLowerCase()]: value };
}
