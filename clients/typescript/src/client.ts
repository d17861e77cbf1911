import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/schema.ts";
import { type IterateArgs, iteratePages, type ListItem, type ListPath } from "./pagination.ts";

export interface RosterClientOptions {
  /** Where Roster is reached, e.g. `https://roster.example.com` (no trailing path). */
  baseUrl: string;
  /** An API token (`roster token create`); it sees only its environment. Sent as `Authorization: Bearer`. */
  token: string;
  /** A fetch of your own (proxies, tests); default the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/**
 * Typed calls for every route of Roster's OpenAPI document (openapi-fetch: `GET`, `POST`, `PATCH`, `PUT`,
 * `DELETE`, each answering `{ data } | { error }` with `error` in Roster's error shape), plus `iterate` over
 * every record of a list.
 */
export interface RosterClient extends Client<paths> {
  /**
   * `for await (const user of roster.iterate("/unified/user-directory/users", { query }))`: every record of
   * the list, following `next_cursor` page after page. Throws a RosterError when a page fails.
   */
  iterate<P extends ListPath>(
    path: P,
    ...options: IterateArgs<P>
  ): AsyncGenerator<ListItem<P>, void, undefined>;
}

/** A client of one Roster and one token. The token is kept in the client's default headers only. */
export function createRosterClient(options: RosterClientOptions): RosterClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: { ...options.headers, authorization: `Bearer ${options.token}` },
  });
  return Object.assign(client, {
    iterate: <P extends ListPath>(path: P, ...iterateOptions: IterateArgs<P>) =>
      iteratePages(client, path, iterateOptions[0]),
  });
}
