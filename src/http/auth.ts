import type { AuthSpec } from "../core/provider/contract.ts";

/**
 * The auth strategies a provider definition can name: one header from a template, or HTTP Basic from two
 * credential fields. The result is built per attempt, right before the request leaves, and never stored.
 * Throws when a named credential field is missing or holds a line break (it would inject headers).
 */
export function authHeaders(auth: AuthSpec, credentials: Record<string, string>): Record<string, string> {
  if (auth.kind === "basic") {
    const pair = `${field(credentials, auth.username)}:${field(credentials, auth.password)}`;
    return { authorization: `Basic ${Buffer.from(pair, "utf8").toString("base64")}` };
  }
  const value = auth.template.replace(/\{(\w+)\}/g, (_match, name: string) => field(credentials, name));
  return { [auth.header.toLowerCase()]: value };
}

function field(credentials: Record<string, string>, name: string): string {
  const secret = Object.hasOwn(credentials, name) ? credentials[name] : undefined;
  if (secret === undefined) throw new Error(`Credential field ${name} is missing`);
  if (/[\r\n]/.test(secret)) throw new Error(`Credential field ${name} contains a line break`);
  return secret;
}
