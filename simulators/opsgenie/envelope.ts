/**
 * Opsgenie's envelope pieces: `took` (float seconds), the `result` bodies of writes, the expected errors
 * handlers throw (404, 422) and the absolute paging links. What the pipeline adds to every answer (requestId,
 * headers, error bodies) is in dialect.ts.
 */
import { pageOffsets, readWindow } from "../kit/offset-list.ts";
import { HttpError, type Reply } from "../kit/reply.ts";

/** Seconds since `startNs` as Opsgenie reports it: a float with millisecond precision, never 0. */
export function tookSeconds(startNs: bigint): number {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  return Math.max(0.001, Math.round(seconds * 1000) / 1000);
}

/** A write's answer: `{ result }`, with `data: { id, name? }` when given. */
export function success(result: string, data?: { id: string; name?: string }, status = 200): Reply {
  return { status, body: data ? { result, data } : { result } };
}

/** 404 "<what> not found". */
export function notFound(what: string): HttpError {
  return new HttpError(404, `${what} not found`);
}

/** 422 with per-field messages, the shape Opsgenie uses for validation failures. */
export function unprocessable(errors: Record<string, string>): HttpError {
  return new HttpError(422, "Request body is not processable. Please check the errors.", { errors });
}

export interface PageLinkParams {
  /** Absolute base, e.g. "http://127.0.0.1:4010" — taken from the Host header the client called. */
  baseUrl: string;
  path: string;
  offset: number;
  limit: number;
  total: number;
  /** Extra query params appended after limit/offset, already in their wire form (e.g. order upper-case). */
  extra: [string, string][];
}

export interface PageLinks {
  first: string;
  last: string;
  prev?: string;
  next?: string;
}

/**
 * Offset paging links as Opsgenie builds them: first (offset 0) and last (largest multiple of limit below
 * total) always; prev only when offset > 0; next only while offset + limit < total.
 */
export function pageLinks(p: PageLinkParams): PageLinks {
  let tail = "";
  for (const [k, v] of p.extra) tail += `&${k}=${encodeURIComponent(v)}`;
  const at = (offset: number): string => `${p.baseUrl}${p.path}?limit=${p.limit}&offset=${offset}${tail}`;
  const o = pageOffsets(p.offset, p.limit, p.total);
  const links: PageLinks = { first: at(o.first), last: at(o.last) };
  if (o.prev !== undefined) links.prev = at(o.prev);
  if (o.next !== undefined) links.next = at(o.next);
  return links;
}

/** The same links as `X-Paging-*` headers (reference §3.1). */
export function pagingHeaders(links: PageLinks): Record<string, string> {
  const headers: Record<string, string> = { "X-Paging-First": links.first, "X-Paging-Last": links.last };
  if (links.prev) headers["X-Paging-Prev"] = links.prev;
  if (links.next) headers["X-Paging-Next"] = links.next;
  return headers;
}

/** Reads `limit`/`offset` query params with Opsgenie's rules: limit<1 -> 422, limit>max -> capped. */
export function readLimitOffset(
  query: URLSearchParams,
  defaultLimit: number,
  maxLimit = 100,
): [number, number] {
  const { limit, offset } = readWindow(query, {
    limitParam: "limit",
    offsetParam: "offset",
    defaultLimit,
    maxLimit,
    invalid: (which) =>
      which === "limit"
        ? new HttpError(422, "Invalid limit", { errors: { limit: "Limit must be between 1 and 100" } })
        : new HttpError(422, "Invalid offset", {
            errors: { offset: "Offset must be a non-negative integer" },
          }),
  });
  return [limit, offset];
}
