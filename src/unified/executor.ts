import { createHash } from "node:crypto";
import { toRemoteAppError } from "../connections/remote-errors.ts";
import type { Session } from "../connections/sessions.ts";
import type { CursorCodec } from "../core/cursor.ts";
import { AppError } from "../core/errors.ts";
import { type PagePosition, type UnifiedResourceOps, unifiedOps } from "../core/provider/contract.ts";
import type { ListOptions } from "./list-query.ts";

export interface ListEnvelope {
  result: unknown[];
  next_cursor: string | null;
  prev_cursor: string | null;
  result_count: number;
}

/**
 * Unified reads on top of a provider session: resolves the resource, checks filters, turns page positions
 * into signed cursors bound to the account, resource and filters, and shapes records for the caller.
 */
export class UnifiedExecutor {
  constructor(private readonly cursors: CursorCodec) {}

  resolve(session: Session, category: string, resource: string): UnifiedResourceOps {
    const ops = unifiedOps(session.provider, category, resource);
    if (!ops) {
      throw new AppError("unsupported_operation", {
        message: `${session.provider.label} does not provide ${category}/${resource}.`,
      });
    }
    return ops;
  }

  async listPage(
    session: Session,
    category: string,
    resource: string,
    options: ListOptions,
  ): Promise<ListEnvelope> {
    const ops = this.resolve(session, category, resource);
    const scope = this.#scope(session, category, resource, options);
    const position = options.cursor ? (this.cursors.decode(scope, options.cursor) as PagePosition) : null;
    const page = await this.#page(session, ops, options, position, resource);
    return {
      result: page.records,
      next_cursor: page.next ? this.cursors.encode(scope, page.next) : null,
      prev_cursor: null,
      result_count: page.records.length,
    };
  }

  /**
   * One page at a provider position, unsigned: for the sync engine, which keeps the position as its page
   * checkpoint (never a caller's cursor). Records are shaped as `options` says.
   */
  async readPage(
    session: Session,
    category: string,
    resource: string,
    position: PagePosition | null,
    options: Omit<ListOptions, "cursor">,
  ): Promise<{ records: unknown[]; next: PagePosition | null }> {
    return this.#page(session, this.resolve(session, category, resource), options, position, resource);
  }

  /** Every page, one after another: the engine drives the loop, memory holds one page at a time. */
  async *listAll(
    session: Session,
    category: string,
    resource: string,
    options: ListOptions,
  ): AsyncGenerator<unknown[]> {
    const ops = this.resolve(session, category, resource);
    let position: PagePosition | null = options.cursor
      ? (this.cursors.decode(
          this.#scope(session, category, resource, options),
          options.cursor,
        ) as PagePosition)
      : null;
    // Big pages by default: strategies clamp to what the provider allows, whole lists are sliced fewer times.
    const limit = { ...options, limit: options.limit ?? 1000 };
    do {
      const page = await this.#page(session, ops, limit, position, resource);
      yield page.records;
      position = page.next;
    } while (position);
  }

  async get(
    session: Session,
    category: string,
    resource: string,
    id: string,
    options: ListOptions,
  ): Promise<unknown> {
    const ops = this.resolve(session, category, resource);
    this.#checkParams(session, ops, options);
    try {
      const record = await ops.get(session.client, id, { include: new Set(options.include) });
      return shape(record, options);
    } catch (error) {
      throw toRemoteAppError(error, session.provider, `reading ${category}/${resource}/${id}`);
    }
  }

  async #page(
    session: Session,
    ops: UnifiedResourceOps,
    options: ListOptions,
    position: PagePosition | null,
    resource: string,
  ) {
    this.#checkParams(session, ops, options);
    const limit = Math.min(options.limit ?? ops.defaultLimit, ops.maxLimit ?? 1000);
    try {
      const page = await ops.list(session.client, {
        limit,
        position,
        filters: options.filters,
        include: new Set(options.include),
      });
      // A short list would look complete (and a sync would tombstone what it did not see): fail it instead.
      if (page.truncated) throw truncatedList(session, page.truncated.message);
      return { records: page.records.map((r) => shape(r, options)), next: page.next };
    } catch (error) {
      throw toRemoteAppError(error, session.provider, `listing ${resource}`);
    }
  }

  #checkParams(session: Session, ops: UnifiedResourceOps, options: ListOptions): void {
    for (const filter of Object.keys(options.filters)) {
      if (!ops.filters?.includes(filter)) {
        throw new AppError("unsupported_filter", {
          message: `${session.provider.label} does not support the filter ${filter} here.`,
          details: { supported: ops.filters ?? [] },
        });
      }
    }
    for (const include of options.include) {
      if (!ops.includes?.includes(include)) {
        throw new AppError("unsupported_filter", {
          message: `include=${include} is not supported here.`,
          details: { supported_includes: ops.includes ?? [] },
        });
      }
    }
  }

  /** Cursors are bound to the account, the resource and everything that shapes the result set. */
  #scope(session: Session, category: string, resource: string, options: ListOptions): string {
    const shapeKey = JSON.stringify([Object.entries(options.filters).sort(), [...options.include].sort()]);
    const digest = createHash("sha256").update(shapeKey).digest("base64url").slice(0, 16);
    return `unified:${session.account.id}:${category}/${resource}:${digest}`;
  }
}

/** AppError `list_truncated`: the provider cannot serve the rest of the list; the message says what is missing. */
function truncatedList(session: Session, message: string): AppError {
  return new AppError("list_truncated", { message: `${session.provider.label}: ${message}` });
}

function shape(record: unknown, options: ListOptions): unknown {
  const value = record as { remote_data?: unknown };
  if (options.raw) return value.remote_data ?? null;
  if (options.ignoreRemoteData) {
    const { remote_data: _dropped, ...rest } = value;
    return rest;
  }
  return record;
}
