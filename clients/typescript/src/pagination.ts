import type { Client } from "openapi-fetch";
import { RosterError } from "./errors.ts";
import type { paths } from "./generated/schema.ts";

type Json<Response> = Response extends { content: { "application/json": infer Body } } ? Body : never;
type GetOk<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } }
  ? Json<R>
  : never;
type GetParameters<P extends keyof paths> = paths[P] extends {
  get: { parameters: infer Params extends { query?: unknown; path?: unknown } };
}
  ? Params
  : never;

/** The routes whose GET answers Roster's list envelope (`result` + `next_cursor`), i.e. what `iterate` walks. */
export type ListPath = {
  [P in keyof paths]: GetOk<P> extends { result: unknown[]; next_cursor: string | null } ? P : never;
}[keyof paths];

/** One record of a list route, e.g. `ListItem<"/unified/user-directory/users">` is the unified User. */
export type ListItem<P extends ListPath> = GetOk<P> extends { result: (infer Item)[] } ? Item : never;

type QueryOf<P extends ListPath> = Omit<NonNullable<GetParameters<P>["query"]>, "next_cursor" | "fetch_all">;
type PathOf<P extends ListPath> = NonNullable<GetParameters<P>["path"]>;

/**
 * What `iterate` takes: the list's query (without `next_cursor`, which it follows itself, and `fetch_all`),
 * the path parameters when the route has any, and an optional abort signal. `limit` is the page size.
 */
export type IterateOptions<P extends ListPath> = (Record<string, never> extends QueryOf<P>
  ? { query?: QueryOf<P> }
  : { query: QueryOf<P> }) &
  ([PathOf<P>] extends [never] ? { path?: never } : { path: PathOf<P> }) & { signal?: AbortSignal };

/** `iterate`'s options argument: optional when the route needs no query and no path parameters. */
export type IterateArgs<P extends ListPath> =
  Record<string, never> extends QueryOf<P>
    ? [PathOf<P>] extends [never]
      ? [options?: IterateOptions<P>]
      : [options: IterateOptions<P>]
    : [options: IterateOptions<P>];

/**
 * Every record of a list, page after page, following `next_cursor` until it is null: one request per page,
 * one page in memory. A failed page throws a RosterError (records already yielded stay yielded); breaking out
 * of the loop stops the walk without reading further pages.
 */
export async function* iteratePages<P extends ListPath>(
  client: Client<paths>,
  path: P,
  options: IterateOptions<P> | undefined,
): AsyncGenerator<ListItem<P>, void, undefined> {
  const {
    query,
    path: pathParams,
    signal,
  } = (options ?? {}) as {
    query?: Record<string, unknown>;
    path?: Record<string, unknown>;
    signal?: AbortSignal;
  };
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const params = { query: cursor ? { ...query, next_cursor: cursor } : query, path: pathParams };
    // The route is one of the list paths; openapi-fetch's per-path typing cannot follow a generic P.
    const get = client.GET as unknown as (
      url: string,
      init: { params: typeof params; signal?: AbortSignal },
    ) => Promise<{
      data?: { result: ListItem<P>[]; next_cursor: string | null };
      error?: unknown;
      response: Response;
    }>;
    const { data, error, response } = await get(path, { params, signal });
    if (error !== undefined || !data) throw RosterError.fromResponse(response, error);
    for (const item of data.result) yield item;
    cursor = data.next_cursor;
    if (cursor !== null) {
      // Roster's cursors always move forward; a repeated one would loop for ever.
      if (seen.has(cursor)) throw new Error(`${path}: the list returned a cursor it had returned before`);
      seen.add(cursor);
    }
  } while (cursor !== null);
}
