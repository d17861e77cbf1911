/** Headers that carry credentials or belong to the hop: never forwarded, whatever a resource declares. */
const NEVER = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
]);

/**
 * The caller's headers a proxy resource lets through to the provider: only the names in `allowed`
 * (its `passHeaders`), never credentials (`authorization`, the provider's own auth header) or hop headers.
 * A repeated header keeps its first value.
 */
export function passedHeaders(
  allowed: readonly string[] | undefined,
  caller: Readonly<Record<string, string | string[] | undefined>>,
  authHeader?: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of allowed ?? []) {
    const key = name.toLowerCase();
    if (NEVER.has(key) || key === authHeader?.toLowerCase()) continue;
    const value = caller[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}
