import { AppError } from "../core/errors.ts";

/**
 * Checks a caller-given provider path for `/custom/*`: it must stay relative to the account's base URL.
 * Absolute URLs, protocol-relative forms, dot segments (also percent-encoded), backslashes and control
 * characters are refused, so no caller input can point Roster at another host or path prefix.
 */
export function safeCustomPath(raw: string): string {
  const path = raw.startsWith("/") ? raw : `/${raw}`;
  const refuse = (why: string) =>
    new AppError("invalid_path", { message: `The path is not allowed: ${why}.` });
  if (path.startsWith("//")) throw refuse("it must be relative to the provider's base URL");
  if (/^\/*[a-z][a-z0-9+.-]*:/i.test(path) || path.includes("://"))
    throw refuse("absolute URLs are not accepted");
  if (hasUnsafeCharacter(path)) throw refuse("backslashes and control characters are not accepted");
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw refuse("it is not valid percent-encoding");
  }
  if (decoded.split(/[\\/]/).some((segment) => segment === ".." || segment === "."))
    throw refuse("dot segments are not accepted");
  if (decoded.includes("?") || decoded.includes("#"))
    throw refuse("put query parameters in the query string");
  if (hasUnsafeCharacter(decoded) || decoded.startsWith("//"))
    throw refuse("encoded separators are not accepted");
  return path;
}

function hasUnsafeCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === "\\" || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
