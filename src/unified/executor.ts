import { createHash } from "node:crypto";
import { toRemoteAppError } from "../connections/remote-errors.ts";
import type { Session } from "../connections/sessions.ts";
import type { CursorCodec } from "../core/cursor.ts";
import { AppError } from "../core/errors.ts";
import {
  type PagePosition,
  type UnifiedResourceOps,
  unifiedOps,
  type Warning,
} from "../core/provider/contract.ts";
import { distinctWarnings } from "../core/provider/warnings.ts";
import { DEFAULT_MAX_PAGES_PER_WALK, PageWalk, type WalkLimits } from "../http/index.ts";
import type { ListOptions } from "./list-query.ts";

/** A unified list page as the API sends it; `warnings` only when the page left something out. */
export interface ListEnvelope {
  result: unknown[];
  next_cursor: string | null;
  prev_cursor: string | null;
  result_count: number;
  warnings?: Warning[];
}

/** A page as the engine read it: shaped records, the next position and what the page left out. */
export interface ReadPage {
  records: unknown[];
  next: PagePosition | null;
  /** Items in the whole list, when the provider says (bounds a walk). */
  total?: number;
  /** Each with its `resource`; empty when the page is whole. */
  warnings: Warning[];
}

/** One page of a `listAll` walk and the signed cursor of the page after it (null after the last). */
export interface WalkedRecords {
  records: unknown[];
  next_cursor: string | null;
}

/**
 * Unified reads on top of a provider session: resolves the resource, checks filters, turns page positions
 * into signed cursors bound to the account, resource and filters, and shapes records for the caller.
 */
export class UnifiedExecutor {
  constructor(
    private readonly cursors: CursorCodec,
    private readonly walkLimits: WalkLimits = { maxPages: DEFAULT_MAX_PAGES_PER_WALK },
  ) {}

  resolve(session: Session, category: string, resource: string): UnifiedResourceOps {
    const ops = unifiedOps(session.provider, category, resource);
    if (!ops) {
      throw new AppError("unsupported_operation", {
        message: `${session.provider.label} does not provide ${category}/${resource}.`,
      });
    }
    return ops;
  }

  /**
   * One page and the cursor of the next. A caller walking page by page (a sync) passes one `walk` for the
   * whole list; without it the page is still checked on its own.
   * Throws AppError: `invalid_cursor`, `unsupported_filter`, `provider_paging_loop` (the provider's next page
   * does not move forward), and the provider's failures as remote errors.
   */
  async listPage(
    session: Session,
    category: string,
    resource: string,
    options: ListOptions,
    walk: PageWalk = this.startWalk(session, resource),
  ): Promise<ListEnvelope> {
    const ops = this.resolve(session, category, resource);
    const scope = this.#scope(session, category, resource, options);
    const position = options.cursor ? (this.cursors.decode(scope, options.cursor) as PagePosition) : null;
    const page = await this.#page(session, ops, resource, options, position);
    const next = walk.step(position, { next: page.next, count: page.records.length, total: page.total });
    const envelope: ListEnvelope = {
      result: page.records,
      next_cursor: next ? this.cursors.encode(scope, next) : null,
      prev_cursor: null,
      result_count: page.records.length,
    };
    // Only when something was left out, so whole pages keep the exact envelope callers know.
    if (page.warnings.length > 0) envelope.warnings = page.warnings;
    return envelope;
  }

  /**
   * One page at a provider position, unsigned: for the sync engine, which keeps the position as its page
   * checkpoint (never a caller's cursor). Records are shaped as `options` says. Throws as `listPage` does.
   */
  async readPage(
    session: Session,
    category: string,
    resource: string,
    position: PagePosition | null,
    options: Omit<ListOptions, "cursor">,
    walk: PageWalk = this.startWalk(session, resource),
  ): Promise<ReadPage> {
    const page = await this.#page(
      session,
      this.resolve(session, category, resource),
      resource,
      options,
      position,
    );
    const next = walk.step(position, { next: page.next, count: page.records.length, total: page.total });
    return { ...page, next };
  }

  /** The loop guard of one walk over a resource's pages (see PageWalk). */
  startWalk(session: Session, resource: string): PageWalk {
    return new PageWalk(`${session.provider.label} ${resource}`, this.walkLimits);
  }

  /**
   * Every page, one after another: the engine drives the loop, memory holds one page at a time. Each page
   * comes with the cursor of the next, so a caller whose walk fails later can say where to resume; the walk
   * returns the warnings of all pages (without repeats).
   */
  async *listAll(
    session: Session,
    category: string,
    resource: string,
    options: ListOptions,
  ): AsyncGenerator<WalkedRecords, Warning[]> {
    const ops = this.resolve(session, category, resource);
    const scope = this.#scope(session, category, resource, options);
    let position = options.cursor ? (this.cursors.decode(scope, options.cursor) as PagePosition) : null;
    const walk = this.startWalk(session, resource);
    // Big pages by default: strategies clamp to what the provider allows, whole lists are sliced fewer times.
    const limit = { ...options, limit: options.limit ?? 1000 };
    const warnings: Warning[] = [];
    do {
      const page = await this.#page(session, ops, resource, limit, position);
      const next = walk.step(position, { next: page.next, count: page.records.length, total: page.total });
      warnings.push(...page.warnings);
      yield { records: page.records, next_cursor: next ? this.cursors.encode(scope, next) : null };
      position = next;
    } while (position);
    return distinctWarnings(warnings);
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
    resource: string,
    options: ListOptions,
    position: PagePosition | null,
  ): Promise<ReadPage> {
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
      return {
        records: page.records.map((r) => shape(r, options)),
        next: page.next,
        total: page.total,
        warnings: distinctWarnings((page.warnings ?? []).map((w) => withResource(w, resource))),
      };
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

/** The warning with its resource named (the provider's own when it set one), keys in the documented order. */
function withResource(warning: Warning, resource: string): Warning {
  const out: Warning = {
    code: warning.code,
    message: warning.message,
    resource: warning.resource ?? resource,
  };
  if (warning.id !== undefined) out.id = warning.id;
  return out;
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
