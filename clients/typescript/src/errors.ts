import { ERROR_CODES } from "./generated/catalog.ts";
import type { components } from "./generated/schema.ts";

/** Every `code` Roster's error shape can carry (generated from Roster's error catalog). */
export type RosterErrorCode = (typeof ERROR_CODES)[number];

/**
 * The client's own code for an answer that is not Roster's error shape (e.g. an HTML page from a proxy in
 * front of Roster); never sent by Roster itself.
 */
export const UNEXPECTED_RESPONSE = "unexpected_response";

/** Roster's error shape: `{ statusCode, error, code, message, details?, remote_error?, raw_response? }`. */
export type ErrorBody = components["schemas"]["Error"];

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/**
 * A failed call as a value: the HTTP `status`, Roster's stable `code` (API.md "Errors"), its `message`, the
 * whole error `body`, and the `x-request-id` to quote when asking the operator. `remote` is true when the
 * provider caused it (`raw_response` then holds the provider's body).
 */
export class RosterError extends Error {
  override name = "RosterError";
  readonly status: number;
  readonly code: RosterErrorCode | typeof UNEXPECTED_RESPONSE;
  readonly body: ErrorBody;
  readonly requestId: string | null;
  readonly remote: boolean;

  constructor(body: ErrorBody, requestId: string | null = null) {
    super(`${body.statusCode} ${body.code}: ${body.message}`);
    this.status = body.statusCode;
    // A code newer than this client stays readable in `body.code`; `code` keeps to the generated union.
    this.code = KNOWN_CODES.has(body.code) ? (body.code as RosterErrorCode) : UNEXPECTED_RESPONSE;
    this.body = body;
    this.requestId = requestId;
    this.remote = body.remote_error === true;
  }

  /** The error of a failed answer: Roster's error shape when it is one, else `unexpected_response`. */
  static fromResponse(response: Response, error: unknown): RosterError {
    const requestId = response.headers.get("x-request-id");
    if (isErrorBody(error)) return new RosterError(error, requestId);
    const text = typeof error === "string" ? error : JSON.stringify(error);
    return new RosterError(
      {
        statusCode: response.status,
        error: response.statusText || "Error",
        code: UNEXPECTED_RESPONSE,
        message: `Roster answered ${response.status} without its error shape: ${String(text).slice(0, 200)}`,
      },
      requestId,
    );
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.statusCode === "number" && typeof body.code === "string" && typeof body.message === "string"
  );
}

/** True when `error` is a RosterError, with that `code` when one is given. */
export function isRosterError(error: unknown, code?: RosterError["code"]): error is RosterError {
  return error instanceof RosterError && (code === undefined || error.code === code);
}

/**
 * Turns an openapi-fetch answer (`{ data } | { error }`) into its data, or throws the RosterError.
 * `const user = await unwrap(roster.GET("/unified/user-directory/users/{id}", { params }))`.
 */
export async function unwrap<Data>(
  call: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw RosterError.fromResponse(response, error);
  return data as Data;
}
