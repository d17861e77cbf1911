/**
 * What a route handler answers, independent of any provider's envelope: a status, a JSON body, optional
 * pre-serialized list data and headers. Each simulator's dialect turns a Reply into bytes (adding its own
 * members such as Opsgenie's `took`/`requestId`), and turns an HttpError into its error body.
 */

/** A JSON object. */
export type Json = Record<string, unknown>;

/** What a handler answers. */
export interface Reply {
  /** HTTP status code. */
  status: number;
  /** The body members (the dialect may add its own, e.g. `took`). */
  body: Json;
  /**
   * Pre-serialized JSON of the list member, spliced in as the body's first member by `replyJson` instead of
   * being re-stringified (lists dominate traffic). The member's name is the dialect's (Opsgenie: `data`).
   */
  rawData?: string;
  /** Extra response headers; they override the dialect's standard ones of the same name. */
  headers?: Record<string, string>;
}

/**
 * Thrown by handlers for expected failures (404, 409, 422...); the dialect turns it into the provider's error
 * envelope. `extra` holds provider-specific body members (e.g. Opsgenie's `errors` or `code`).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Json = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A reply with `body` as is (status 200 unless given). */
export function ok(body: Json, status = 200): Reply {
  return { status, body };
}

/**
 * Serializes `body`; when `rawData` is given it becomes the first member, named `rawField`:
 * `replyJson({ total: 2 }, "[1,2]", "data")` is `{"data":[1,2],"total":2}`.
 */
export function replyJson(body: Json, rawData: string | undefined, rawField: string): string {
  const json = JSON.stringify(body);
  if (rawData === undefined) return json;
  const head = `{${JSON.stringify(rawField)}:${rawData}`;
  return json === "{}" ? `${head}}` : `${head},${json.slice(1)}`;
}
