/**
 * The route contract of every simulator: a method and a path template, the rate-limit domain the call
 * counts against, and a handler from a request context to a Reply. A simulator extends Route with its own
 * access flags (Opsgenie: configuration access, account level) and checks them in its dialect.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./reply.ts";

/** The methods a route can serve. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler is given; `State` is the simulator's live data, `Key` the authenticated caller. */
export interface RequestContext<State, Key> {
  method: string;
  /** The path without the query string, as received (not decoded). */
  path: string;
  query: URLSearchParams;
  /** Template parameters, percent-decoded: "/v2/users/:identifier" gives `params.identifier`. */
  params: Record<string, string>;
  /** The request headers, names lower-case (node:http's form), e.g. a `From` header a write requires. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body of POST/PUT/PATCH, or undefined when the body was empty. */
  body: unknown;
  /** "http://<Host header>" ("https" behind a proxy sending X-Forwarded-Proto): paging links use the host called. */
  baseUrl: string;
  key: Key;
  state: State;
  /** The id of this request (a UUID), for providers that echo it. */
  requestId: string;
}

/** One served endpoint. */
export interface Route<Ctx, Domain extends string = string> {
  method: HttpMethod;
  /** Path template with `:name` parameters, e.g. "/v2/users/:identifier". */
  template: string;
  /** The rate-limit domain the call counts against (also the stats grouping). */
  domain: Domain;
  handler(ctx: Ctx): Reply;
}
