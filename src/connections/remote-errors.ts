import { AppError } from "../core/errors.ts";
import { ProviderHttpError } from "../core/provider/contract.ts";

/**
 * A provider's error answer, as Roster's caller sees it: the provider's status where it means something to
 * the caller (404, 409, 422 and other 4xx), 502 for the provider's own failures, always with
 * `remote_error: true` and the provider's body (which never holds our credentials).
 */
export function toRemoteAppError(error: unknown, providerLabel: string): unknown {
  if (!(error instanceof ProviderHttpError)) return error;
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
    });
  }
  if (error.status === 404)
    return new AppError("not_found", { message: `${providerLabel} has no such record.`, remote });
  if (error.status >= 400 && error.status < 500) {
    return new AppError("remote_error", {
      status: error.status,
      message: `${providerLabel} answered ${error.status}: ${messageOf(error.body) ?? "see raw_response"}`,
      remote,
    });
  }
  return new AppError("remote_error", { message: `${providerLabel} failed with ${error.status}.`, remote });
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : undefined;
}
