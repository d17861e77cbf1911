import { createHash } from "node:crypto";
import { toRemoteAppError } from "../connections/remote-errors.ts";
import type { Session } from "../connections/sessions.ts";
import type { CursorCodec } from "../core/cursor.ts";
import { AppError } from "../core/errors.ts";
import type { PagePosition, ProxyResource } from "../core/provider/contract.ts";
import { safeCustomPath } from "./custom-path.ts";
import { passedHeaders } from "./pass-headers.ts";
import { encodeSegment, fillPath } from "./path-template.ts";

export type ProxyMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface ProxyRequest {
  method: ProxyMethod;
  resource: string;
  id?: string;
  query: Record<string, string>;
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

/** The Proxy API: the provider's own records 1-to-1, with its paging turned into signed cursors. */
export class ProxyExecutor {
  constructor(private readonly cursors: CursorCodec) {}

  async handle(session: Session, request: ProxyRequest): Promise<ProxyAnswer> {
    const { provider } = session;
    const resource = provider.proxy[request.resource];
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
    const { path: base, rest } = fillPath(resource.path, request.query);
    const itemPath =
      request.id === undefined
        ? base
        : resource.itemPath
          ? fillPath(resource.itemPath, { ...request.query, id: request.id }).path
          : `${base.replace(/\/$/, "")}/${encodeSegment(request.id)}`;
    const defaultDomain = resource.domain ?? provider.rateLimits.defaultDomain;
    const headers = passedHeaders(resource.passHeaders, request.headers ?? {}, authHeaderOf(provider));

    try {
      if (operation === "list") {
        const pagination = resource.pagination ?? provider.pagination;
        const scope = `proxy:${session.account.id}:${request.resource}:${digest(request.query)}`;
        const position = request.cursor ? (this.cursors.decode(scope, request.cursor) as PagePosition) : null;
        const page = await session.client.page(
          {
            path: base,
            query: rest,
            headers,
            domain: resource.listDomain ?? defaultDomain,
            resource: request.resource,
            pagination,
          },
          position,
          request.limit ?? 100,
        );
        if (page.truncated)
          throw new AppError("list_truncated", { message: `${provider.label}: ${page.truncated.message}` });
        return {
          kind: "list",
          envelope: {
            result: page.items,
            next_cursor: page.next ? this.cursors.encode(scope, page.next) : null,
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
        domain: defaultDomain,
        resource: request.resource,
      });
      return { kind: "object", status: result.status, body: result.body };
    } catch (error) {
      throw toRemoteAppError(error, provider, `${request.method} ${request.resource}`);
    }
  }

  /**
   * `/custom/{path}`: any provider path under the account's base URL, credentials injected. The proxy
   * resource the path falls under, if any, decides its rate-limit domain and which caller headers pass.
   */
  async custom(
    session: Session,
    method: ProxyMethod,
    rawPath: string,
    query: Record<string, string>,
    body?: unknown,
    callerHeaders: Readonly<Record<string, string | string[] | undefined>> = {},
  ) {
    const path = safeCustomPath(rawPath);
    const { provider } = session;
    const known = Object.values(provider.proxy).find((r) => path.startsWith(r.path.split("{")[0] ?? r.path));
    try {
      const result = await session.client.request({
        method,
        path,
        query,
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

function authHeaderOf(provider: Session["provider"]): string | undefined {
  return provider.auth.kind === "header" ? provider.auth.header : undefined;
}

function digest(query: Record<string, string>): string {
  const sorted = Object.entries(query).sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("base64url").slice(0, 16);
}
