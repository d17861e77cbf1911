import { createHash } from "node:crypto";
import { toRemoteAppError } from "../connections/remote-errors.ts";
import type { Session } from "../connections/sessions.ts";
import type { CursorCodec } from "../core/cursor.ts";
import { AppError } from "../core/errors.ts";
import { ownValue } from "../core/own-key.ts";
import type { PagePosition, PaginationSpec, ProxyResource, QueryValues } from "../core/provider/contract.ts";
import { DEFAULT_MAX_PAGES_PER_WALK, PageWalk, type WalkLimits } from "../http/index.ts";
import { customHost, safeCustomPath } from "./custom-path.ts";
import { passedHeaders } from "./pass-headers.ts";
import { encodeSegment, fillPath } from "./path-template.ts";

export type ProxyMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface ProxyRequest {
  method: ProxyMethod;
  resource: string;
  id?: string;
  /** The caller's parameters for the provider; a repeated one keeps every value, in order. */
  query: QueryValues;
  body?: unknown;
  /** The caller's request headers; only those the resource's `passHeaders` names reach the provider. */
  headers?: Readonly<Record<string, string | string[] | undefined>>;
  limit?: number;
  cursor?: string;
}

export type ProxyAnswer =
  | {
      kind: "list";
      envelope: { result: unknown[]; next_cursor: string | null; prev_cursor: null; result_count: number };
    }
  | { kind: "object"; status: number; body: unknown };

const operationFor = (method: ProxyMethod, hasId: boolean, resource: ProxyResource) => {
  if (method === "GET") return hasId || resource.singleton ? "get" : "list";
  if (method === "POST" && !hasId) return "create";
  if (method === "PATCH" && hasId) return "update";
  if (method === "PUT" && hasId) return "replace";
  if (method === "DELETE" && hasId) return "delete";
  return undefined;
};

/** A proxy list resolved against its resource: where its pages are read and how its cursors are scoped. */
interface ListTarget {
  spec: {
    path: string;
    query: QueryValues;
    headers: Record<string, string>;
    host?: string;
    domain: string;
    resource: string;
    pagination: PaginationSpec;
  };
  scope: string;
}

/** The Proxy API: the provider's own records 1-to-1, with its paging turned into signed cursors. */
export class ProxyExecutor {
  constructor(
    private readonly cursors: CursorCodec,
    private readonly walkLimits: WalkLimits = { maxPages: DEFAULT_MAX_PAGES_PER_WALK },
  ) {}

  /**
   * Every page of a proxy list (`fetch_all=true`), one after another, each with the signed cursor of the
   * page after it. Throws AppError `bad_request` when the request does not read a list, and, while walking,
   * `provider_paging_loop` and the provider's failures as remote errors.
   */
  async *listAll(
    session: Session,
    request: ProxyRequest,
  ): AsyncGenerator<{ records: unknown[]; next_cursor: string | null }, undefined> {
    const { resource, operation } = this.#resolve(session, request);
    if (operation !== "list") {
      throw new AppError("bad_request", {
        message: `fetch_all=true reads lists only; ${request.method} /proxy/${request.resource}${request.id ? "/{id}" : ""} is not one.`,
      });
    }
    const target = await this.#listTarget(session, resource, request);
    let position = request.cursor
      ? (this.cursors.decode(target.scope, request.cursor) as PagePosition)
      : null;
    const walk = this.#walk(session, request);
    do {
      let page: Awaited<ReturnType<Session["client"]["page"]>>;
      try {
        // Big pages by default: strategies clamp to what the provider allows.
        page = await session.client.page(target.spec, position, request.limit ?? 1000);
      } catch (error) {
        throw toRemoteAppError(error, session.provider, `GET ${request.resource}`);
      }
      if (page.truncated)
        throw new AppError("list_truncated", {
          message: `${session.provider.label}: ${page.truncated.message}`,
        });
      const next = walk.step(position, { next: page.next, count: page.items.length, total: page.total });
      yield { records: page.items, next_cursor: next ? this.cursors.encode(target.scope, next) : null };
      position = next;
    } while (position);
    // Proxy records are the provider's own: nothing is left out, so a walk has no warnings.
    return undefined;
  }

  async handle(session: Session, request: ProxyRequest): Promise<ProxyAnswer> {
    const { provider } = session;
    const { resource, operation } = this.#resolve(session, request);
    const query = await withProviderParams(session, request.query);
    const { path: base, rest } = fillPath(resource.path, query);
    const itemPath =
      request.id === undefined
        ? base
        : resource.itemPath
          ? fillPath(resource.itemPath, { ...query, id: request.id }).path
          : `${base.replace(/\/$/, "")}/${encodeSegment(request.id)}`;
    const defaultDomain = resource.domain ?? provider.rateLimits.defaultDomain;
    const headers = passedHeaders(resource.passHeaders, request.headers ?? {}, authHeaderOf(provider));

    try {
      if (operation === "list") {
        const target = await this.#listTarget(session, resource, request);
        const position = request.cursor
          ? (this.cursors.decode(target.scope, request.cursor) as PagePosition)
          : null;
        const page = await session.client.page(target.spec, position, request.limit ?? 100);
        if (page.truncated)
          throw new AppError("list_truncated", { message: `${provider.label}: ${page.truncated.message}` });
        const next = this.#walk(session, request).step(position, {
          next: page.next,
          count: page.items.length,
          total: page.total,
        });
        return {
          kind: "list",
          envelope: {
            result: page.items,
            next_cursor: next ? this.cursors.encode(target.scope, next) : null,
            prev_cursor: null,
            result_count: page.items.length,
          },
        };
      }
      const result = await session.client.request({
        method: request.method,
        path: itemPath,
        query: rest,
        body: request.body,
        headers,
        host: resource.host,
        domain: defaultDomain,
        resource: request.resource,
      });
      return { kind: "object", status: result.status, body: result.body };
    } catch (error) {
      throw toRemoteAppError(error, provider, `${request.method} ${request.resource}`);
    }
  }

  #resolve(session: Session, request: ProxyRequest) {
    const { provider } = session;
    const resource = ownValue(provider.proxy, request.resource);
    if (!resource) {
      throw new AppError("not_found", {
        message: `${provider.label} has no proxy resource ${request.resource}. See GET /integration.`,
      });
    }
    const operation = operationFor(request.method, request.id !== undefined, resource);
    if (!operation || !resource.operations.includes(operation)) {
      throw new AppError("method_not_allowed", {
        message: `${request.method} is not available on ${request.resource}${request.id ? "/{id}" : ""}.`,
        details: { operations: resource.operations },
      });
    }
    return { resource, operation };
  }

  async #listTarget(session: Session, resource: ProxyResource, request: ProxyRequest): Promise<ListTarget> {
    const { provider } = session;
    const { path, rest } = fillPath(resource.path, await withProviderParams(session, request.query));
    return {
      spec: {
        path,
        query: rest,
        host: resource.host,
        headers: passedHeaders(resource.passHeaders, request.headers ?? {}, authHeaderOf(provider)),
        domain: resource.listDomain ?? resource.domain ?? provider.rateLimits.defaultDomain,
        resource: request.resource,
        pagination: resource.pagination ?? provider.pagination,
      },
      scope: `proxy:${session.account.id}:${request.resource}:${digest(request.query)}`,
    };
  }

  #walk(session: Session, request: ProxyRequest): PageWalk {
    return new PageWalk(`${session.provider.label} ${request.resource}`, this.walkLimits);
  }

  /**
   * `/custom/{path}`: any provider path under the account's base URL, credentials injected. The proxy
   * resource the path falls under, if any, decides its rate-limit domain and which caller headers pass.
   * For a provider with several hosts, the query parameter `host` picks one of its declared host names
   * (see `customHost`); the path rules are the same on every host.
   */
  async custom(
    session: Session,
    method: ProxyMethod,
    rawPath: string,
    query: QueryValues,
    body?: unknown,
    callerHeaders: Readonly<Record<string, string | string[] | undefined>> = {},
  ) {
    const path = safeCustomPath(rawPath);
    const { provider } = session;
    const { host, query: rest } = customHost(provider.hosts, query);
    const known = Object.values(provider.proxy).find(
      (r) =>
        (r.host ?? provider.defaultHost) === (host ?? provider.defaultHost) &&
        path.startsWith(r.path.split("{")[0] ?? r.path),
    );
    try {
      const result = await session.client.request({
        method,
        path,
        query: rest,
        host,
        body,
        headers: passedHeaders(known?.passHeaders, callerHeaders, authHeaderOf(provider)),
        domain: known?.domain ?? provider.rateLimits.defaultDomain,
        resource: "custom",
      });
      return { status: result.status, body: result.body };
    } catch (error) {
      throw toRemoteAppError(error, provider, `${method} ${path}`);
    }
  }
}

/** The caller's query with the provider's own path parameters on top (a caller cannot set those). */
async function withProviderParams(session: Session, query: QueryValues): Promise<QueryValues> {
  const own = session.provider.proxyPathParams;
  if (!own) return query;
  try {
    return { ...query, ...(await own(session.client)) };
  } catch (error) {
    throw toRemoteAppError(error, session.provider, "proxy path parameters");
  }
}

function authHeaderOf(provider: Session["provider"]): string | undefined {
  return provider.auth.kind === "header" ? provider.auth.header : undefined;
}

function digest(query: QueryValues): string {
  const sorted = Object.entries(query).sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("base64url").slice(0, 16);
}
