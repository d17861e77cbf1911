import type { NetworkFailure } from "./retry-policy.ts";

// Errors raised before a single byte of the request left Roster: safe to retry even for writes.
const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "ECONNABORTED"]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

/** Error codes found on the error, its cause chain and AggregateError members (happy-eyeballs connects). */
export function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || typeof error !== "object") return [];
  const codes: string[] = [];
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") codes.push(code);
  codes.push(...errorCodes((error as { cause?: unknown }).cause, depth + 1));
  const members = (error as { errors?: unknown }).errors;
  if (Array.isArray(members)) for (const member of members) codes.push(...errorCodes(member, depth + 1));
  return codes;
}

export function classifyNetworkError(error: unknown): NetworkFailure {
  const codes = errorCodes(error);
  // Order matters: a connect timeout is a connect failure (nothing sent), not a response timeout.
  if (codes.some((code) => CONNECT_CODES.has(code))) return "connect";
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return "timeout";
  if (codes.some((code) => RESET_CODES.has(code))) return "reset";
  return "other";
}
