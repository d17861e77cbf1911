/**
 * What every JSM Ops route shares (reference §4.1): the cloudId check and the list envelope — `offset`
 * (default 0) and `size` (default 20, capped to 100 [unverified]) → `{values, links:{next}}` with a relative
 * `next` (the path after the cloudId) absent on the last page.
 */
import { readWindow } from "../kit/offset-list.ts";
import type { Json } from "../kit/reply.ts";
import { ApiError } from "./apis.ts";
import type { RequestContext } from "./route.ts";

/** Throws the Ops API's 404 unless the path's cloudId is the site's [unverified status]. */
export function checkCloud(ctx: RequestContext): void {
  if (ctx.params.cloudId !== ctx.state.cloudId)
    throw new ApiError("ops", 404, `Site with cloudId ${ctx.params.cloudId} could not be found`);
}

/**
 * The page of `all` the query's `offset`/`size` ask for, as `{values, links}`; `path` is the list's relative
 * path (e.g. "/v1/roles"), `keep` extra query parameters repeated in `next`. Throws a 400 on a bad window.
 */
export function opsPage<T>(
  ctx: RequestContext,
  all: readonly T[],
  path: string,
  view: (item: T) => Json,
  keep: Record<string, string> = {},
): Json {
  const { offset, limit } = readWindow(ctx.query, {
    limitParam: "size",
    offsetParam: "offset",
    defaultLimit: 20,
    maxLimit: 100,
    invalid: (_w, param) => new ApiError("ops", 400, `Invalid '${param}': must be a non-negative integer`),
  });
  const links: Record<string, string> = {};
  if (offset + limit < all.length) {
    const query = new URLSearchParams({ ...keep, offset: String(offset + limit), size: String(limit) });
    links.next = `${path}?${query}`;
  }
  return { values: all.slice(offset, offset + limit).map(view), links };
}
