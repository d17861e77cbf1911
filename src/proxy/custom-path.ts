import { AppError } from "../core/errors.ts";
import type { QueryValues } from "../core/provider/contract.ts";

/**
 * Checks a caller-given provider path for `/custom/*`: it must stay relative to the account's base URL.
 * Absolute URLs and protocol-relative forms (also percent-encoded), dot segments (also percent-encoded),
 * backslashes and control characters are refused, so no caller input can point Roster at another host or
 * path prefix. Throws AppError `invalid_path` (400) saying why; returns the path with a leading `/`.
 */
export function safeCustomPath(raw: string): string {
  const path = raw.startsWith("/") ? raw : `/${raw}`;
  const refuse = (why: string) =>
    new AppError("invalid_path", { message: `The path is not allowed: ${why}.` });
  if (path.startsWith("//")) throw refuse("it must be relative to the provider's base URL");
  if (isAbsolute(path)) throw refuse("absolute URLs are not accepted");
  if (hasUnsafeCharacter(path)) throw refuse("backslashes and control characters are not accepted");
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw refuse("it is not valid percent-encoding");
  }
  // Checked again once decoded: `http%3A%2F%2F169.254.169.254` is an absolute URL to anything that decodes it.
  if (isAbsolute(decoded)) throw refuse("absolute URLs are not accepted, encoded or not");
  if (decoded.split(/[\\/]/).some((segment) => segment === ".." || segment === "."))
    throw refuse("dot segments are not accepted");
  if (decoded.includes("?") || decoded.includes("#"))
    throw refuse("put query parameters in the query string");
  if (hasUnsafeCharacter(decoded) || decoded.startsWith("//"))
    throw refuse("encoded separators are not accepted");
  return path;
}

/**
 * Which host a `/custom/*` call goes to. A provider with several hosts (`ProviderDefinition.hosts`) lets the
 * caller pick one by name with the query parameter `host`, which is then not forwarded; without it, the
 * provider's default host. A name the provider does not declare is refused with AppError `invalid_path`
 * (400): the caller names a host, never gives a URL. For a provider without hosts, `host` is an ordinary
 * query parameter of the provider's.
 */
export function customHost(
  hosts: Readonly<Record<string, unknown>> | undefined,
  query: Readonly<QueryValues>,
): { host?: string; query: QueryValues } {
  const rest = { ...query };
  if (!hosts || !Object.hasOwn(rest, "host")) return { query: rest };
  const host = rest.host;
  delete rest.host;
  if (typeof host !== "string" || !Object.hasOwn(hosts, host)) {
    throw new AppError("invalid_path", {
      message: `The host is not allowed: host must be one of ${Object.keys(hosts).join(", ")}.`,
    });
  }
  return { host, query: rest };
}

/** A scheme (`http:`, `file:`, `javascript:`) at the start, or `://` anywhere. */
function isAbsolute(path: string): boolean {
  return /^\/*[a-z][a-z0-9+.-]*:/i.test(path) || path.includes("://");
}

function hasUnsafeCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === "\\" || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
