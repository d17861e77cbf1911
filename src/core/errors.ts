/**
 * The error catalog: every failure Roster reports has a stable code, an HTTP status and a default message.
 * Expected failures are raised as AppError values; anything else reaching the error handler is a bug (500).
 */
export const errorCatalog = {
  bad_request: { status: 400, message: "The request is not valid." },
  invalid_json: { status: 400, message: "The request body is not valid JSON." },
  invalid_url: { status: 400, message: "The URL is not valid: its percent-encoding is malformed." },
  validation_failed: { status: 400, message: "The request does not match the expected shape." },
  // Every list (unified, proxy, Roster's own) binds its cursors to its query, so one message fits them all.
  invalid_cursor: {
    status: 400,
    message:
      "The cursor is not valid for this list: pass the next_cursor this list returned, unchanged, with the same filters.",
  },
  unsupported_filter: { status: 400, message: "This filter is not supported for this resource." },
  invalid_path: { status: 400, message: "The path is not allowed." },
  invalid_webhook_target: { status: 400, message: "The webhook target URL is not allowed." },
  oauth_state_invalid: {
    status: 400,
    message: "This sign-in cannot be used: it was not started by Roster, was already used or has expired.",
  },
  unauthorized: { status: 401, message: "A valid bearer token is required." },
  forbidden: { status: 403, message: "This path is not allowed." },
  oauth_binding_mismatch: {
    status: 403,
    message:
      "A sign-in must be finished in the browser that started it. This one was not, so nothing was connected: go back to the browser and page where you started, and continue again from there.",
  },
  not_found: { status: 404, message: "Not found." },
  route_not_found: { status: 404, message: "No such route." },
  method_not_allowed: { status: 405, message: "This method is not allowed here." },
  request_timeout: { status: 408, message: "The request was not received in time." },
  conflict: { status: 409, message: "The request conflicts with the current state." },
  sync_run_in_progress: { status: 409, message: "A run of this sync job is already queued or running." },
  webhook_disabled: { status: 409, message: "This webhook is disabled." },
  invalid_link_token: { status: 404, message: "This link is not valid. Ask for a new one." },
  link_token_expired: { status: 410, message: "This link has expired. Ask for a new one." },
  link_token_used: { status: 410, message: "This link was already used. Ask for a new one." },
  payload_too_large: { status: 413, message: "The request body is too large." },
  unsupported_media_type: {
    status: 415,
    message: "The request body must be JSON, sent with content-type: application/json.",
  },
  headers_too_large: { status: 431, message: "The request headers are too large." },
  unknown_integration: { status: 422, message: "No such integration." },
  invalid_credentials: { status: 422, message: "The credentials were refused by the provider." },
  insufficient_access: { status: 422, message: "The credentials do not grant the access Roster needs." },
  needs_reauth: { status: 422, message: "The account's credentials were revoked; reconnect it." },
  migration_not_supported: {
    status: 422,
    message:
      "This integration does not succeed the account's integration; the account cannot be migrated to it.",
  },
  unsupported_operation: { status: 422, message: "The provider does not support this operation." },
  rate_limited: { status: 429, message: "Too many requests." },
  internal_error: { status: 500, message: "Something went wrong on our side." },
  remote_error: { status: 502, message: "The provider answered with an error." },
  list_truncated: { status: 502, message: "The provider cannot serve the whole list." },
  provider_unreachable: { status: 502, message: "The provider could not be reached." },
  provider_paging_loop: { status: 502, message: "The provider's paging does not move forward." },
  provider_timeout: { status: 504, message: "The provider did not answer in time." },
  service_unavailable: { status: 503, message: "The service is not ready." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export interface AppErrorOptions {
  message?: string;
  status?: number;
  details?: Record<string, unknown>;
  /** Set when the provider caused the error: its status and body (never credentials). */
  remote?: { status: number; body: unknown };
  /** For a 429: when the caller may try again, in seconds, as far as Roster knows (sent as `Retry-After`). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;
  readonly remote?: { status: number; body: unknown };
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? errorCatalog[code].message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? errorCatalog[code].status;
    this.details = options.details;
    this.remote = options.remote;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
