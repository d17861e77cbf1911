import { AppError } from "../core/errors.ts";
import { type ProviderDefinition, ProviderHttpError } from "../core/provider/contract.ts";
import { getPath } from "../http/get-path.ts";
import { retryDefaults, throttleDelayFromHeaders } from "../http/retry-policy.ts";

/**
 * A provider's error answer, as Roster's caller sees it: the provider's status where it means something to
 * the caller (404, 409, 422 and other 4xx), 502 for the provider's own failures, always with
 * `remote_error: true` and the provider's body (which never holds our credentials). A 403 is
 * `insufficient_access` (status 403): the credentials work but do not grant `what` (e.g. "listing users"),
 * with the provider's reason, which usually names the missing permission or role.
 */
export function toRemoteAppError(
  error: unknown,
  provider: Pick<ProviderDefinition, "label" | "errorMessagePaths" | "rateLimits">,
  what = "this call",
): unknown {
  if (!(error instanceof ProviderHttpError)) return error;
  const providerLabel = provider.label;
  const remote = { status: error.status, body: error.body };
  if (error.status === 401) {
    return new AppError("needs_reauth", {
      message: `${providerLabel} refused the account's credentials (401). Reconnect the account with new credentials.`,
      remote,
    });
  }
  if (error.status === 429) {
    return new AppError("rate_limited", {
      message: `${providerLabel} kept answering 429 after retries.`,
      remote,
      retryAfterSeconds: providerRetryAfterSeconds(error.headers, provider),
    });
  }
  if (error.status === 403) {
    return new AppError("insufficient_access", {
      status: 403,
      message: `${providerLabel} refused ${what} (403): ${remoteMessage(error.body, provider.errorMessagePaths) ?? "access denied"}. The account's credentials do not grant it: reconnect it with credentials that do.`,
      remote,
    });
  }
  if (error.status === 404)
    return new AppError("not_found", { message: `${providerLabel} has no such record.`, remote });
  if (error.status >= 400 && error.status < 500) {
    return new AppError("remote_error", {
      status: error.status,
      message: `${providerLabel} answered ${error.status}: ${remoteMessage(error.body, provider.errorMessagePaths) ?? "see raw_response"}`,
      remote,
    });
  }
  return new AppError("remote_error", { message: `${providerLabel} failed with ${error.status}.`, remote });
}

/** The wait the provider's last 429 asked for, read from the headers its definition names; undefined if none. */
function providerRetryAfterSeconds(
  headers: Record<string, string>,
  provider: Pick<ProviderDefinition, "rateLimits">,
): number | undefined {
  const names = provider.rateLimits.retryAfterHeaders ?? retryDefaults.retryAfterHeaders;
  const delayMs = throttleDelayFromHeaders(headers, names, Date.now());
  return delayMs === null ? undefined : delayMs / 1000;
}

/**
 * The readable message of a provider's error body, read at the provider's `errorMessagePaths` (default
 * `["message"]`) in order: the first string found, or the strings of the first list found joined by "; ".
 * An entry that is a list of paths joins the texts found at them with ": " (absent ones are skipped).
 */
export function remoteMessage(
  body: unknown,
  paths: readonly (string | readonly string[])[] = ["message"],
): string | undefined {
  for (const path of paths) {
    if (typeof path === "string") {
      const text = textAt(body, path);
      if (text !== undefined) return text;
      continue;
    }
    const texts = path.map((part) => textAt(body, part)).filter((t): t is string => t !== undefined);
    if (texts.length > 0) return texts.join(": ");
  }
  return undefined;
}

function textAt(body: unknown, path: string): string | undefined {
  const value = getPath(body, path);
  if (typeof value === "string" && value.trim() !== "") return value;
  if (Array.isArray(value)) {
    const texts = value.filter((v): v is string => typeof v === "string" && v.trim() !== "");
    if (texts.length > 0) return texts.join("; ");
  }
  return undefined;
}
