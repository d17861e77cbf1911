import type { z } from "zod";

/**
 * The provider contract. A provider is one folder under src/providers/<name>/ whose index exports a
 * definition satisfying this interface; nothing outside that folder knows a provider's name.
 *
 * A definition is mostly data (regions, auth, rate-limit domains, pagination, proxy resources); the unified
 * operations are small functions (the escape hatch) written against `ProviderClient`, which the engine
 * implements: it paces, retries, injects credentials and turns provider errors into `ProviderHttpError`.
 * A provider call returns one page and a position; the engine drives the page loop.
 */

/** A serialisable page position; the engine signs it into an opaque cursor. */
export type PagePosition = Record<string, string>;

/** Pagination settings; `kind` names one of the engine's strategies (offset-links, offset-more, cursor, none). */
export type PaginationSpec = { kind: string } & Record<string, unknown>;

export interface RateWindow {
  limit: number;
  periodSeconds: number;
}

export interface CredentialField {
  name: string;
  label: string;
  type: "password" | "text" | "select";
  required: boolean;
  options?: string[];
  /** Readable labels of `options`, by value (e.g. a region's host). */
  option_labels?: Record<string, string>;
  help?: string;
}

/** How credentials are put on a request: one header whose value is a template over credential fields. */
export interface HeaderAuth {
  kind: "header";
  header: string;
  /** e.g. "Bearer {api_key}"; every `{field}` is replaced by that credential. */
  template: string;
}

/** A proxy resource: the provider's own records, 1-to-1. `{param}` segments are filled from query parameters. */
export interface ProxyResource {
  path: string;
  /** Path of one record; defaults to `${path}/{id}`. */
  itemPath?: string;
  /** Which operations exist: list (GET path), get (GET item), create (POST path), update, delete. */
  operations: ReadonlyArray<"list" | "get" | "create" | "update" | "replace" | "delete">;
  /** Pagination of the list; defaults to the provider's. */
  pagination?: PaginationSpec;
  /** Rate-limit domain; defaults to the provider's default domain. */
  domain?: string;
  /** Rate-limit domain of the list call when it differs (e.g. a search domain). */
  listDomain?: string;
  /** A single object without an id (e.g. the account): GET on the resource itself returns it. */
  singleton?: boolean;
}

export interface ProviderRequestSpec {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Rate-limit domain of the provider. */
  domain: string;
  /** Name used for metrics. */
  resource: string;
}

export interface ProviderResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A non-2xx answer of the provider, after retries. Providers may catch it to decide what it means. */
export class ProviderHttpError extends Error {
  override name = "ProviderHttpError";
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super(`The provider answered ${status}`);
  }
}

/** What provider code may do: it never sees the HTTP client, the credentials or the database. */
export interface ProviderClient {
  readonly region: string;
  request(spec: ProviderRequestSpec): Promise<ProviderResult>;
  page(
    spec: ProviderRequestSpec & { pagination: PaginationSpec },
    position: PagePosition | null,
    limit: number,
  ): Promise<{ items: unknown[]; next: PagePosition | null; body: unknown; total?: number }>;
  /** Runs `fn` over `items` with at most `concurrency` in flight (the pacer still applies to each call). */
  mapBounded<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]>;
}

export interface ListParams {
  limit: number;
  position: PagePosition | null;
  filters: Record<string, string>;
  include: ReadonlySet<string>;
}

export interface UnifiedPage<T = unknown> {
  /** Unified records, each with `remote_data` (the engine drops it when asked). */
  records: T[];
  next: PagePosition | null;
  /** Records in the whole list when the provider says; bounds the pages a walk may read. */
  total?: number;
}

export interface UnifiedResourceOps {
  defaultLimit: number;
  maxLimit?: number;
  filters?: readonly string[];
  includes?: readonly string[];
  list(call: ProviderClient, params: ListParams): Promise<UnifiedPage>;
  get(call: ProviderClient, id: string, params: { include: ReadonlySet<string> }): Promise<unknown>;
}

export type CredentialCheck =
  | { ok: true }
  | {
      ok: false;
      code: "invalid_credentials" | "insufficient_access";
      message: string;
      remote?: ProviderResult;
    };

export interface ProviderDefinition {
  name: string;
  label: string;
  category: string;
  /** Base URL per region; the first region is the default. Operators override with <NAME>_<REGION>_BASE_URL. */
  regions: Record<string, { baseUrl: string }>;
  credentials: { fields: CredentialField[]; schema: z.ZodType<Record<string, string>> };
  /** Where a person finds these credentials, step by step (shown on the connect page). */
  setupSteps?: string[];
  auth: HeaderAuth;
  rateLimits: {
    defaultDomain: string;
    /** Limits assumed until the account's real ones are learnt; "*" is the fallback. */
    defaults: Record<string, RateWindow[]>;
    /** Header of a 429 naming the window that tripped, in seconds. */
    throttlePeriodHeader?: string;
    /** Headers of a 429 saying how long to wait (seconds or an HTTP date), in order of preference. */
    retryAfterHeaders?: string[];
  };
  pagination: PaginationSpec;
  /** Unified models this provider serves, by category (e.g. "user-directory") and resource. */
  unified: Record<string, Record<string, UnifiedResourceOps>>;
  proxy: Record<string, ProxyResource>;
  /** Checks what the credentials can read; `otherRegions` lets it tell a person the key belongs elsewhere. */
  checkAccess(call: ProviderClient, otherRegions: Record<string, ProviderClient>): Promise<CredentialCheck>;
  /** The account's real limits, when the provider tells them; undefined when it cannot be read. */
  learnRateLimits?(call: ProviderClient): Promise<{ domain: string; windows: RateWindow[] }[] | undefined>;
}

export interface ProviderSummary {
  name: string;
  label: string;
  category: string;
  credentials: { fields: CredentialField[] };
  setup_steps: string[];
  regions: string[];
  unified: Record<string, string[]>;
  proxy: string[];
}

export function summarize(definition: ProviderDefinition): ProviderSummary {
  return {
    name: definition.name,
    label: definition.label,
    category: definition.category,
    credentials: { fields: definition.credentials.fields },
    setup_steps: definition.setupSteps ?? [],
    regions: Object.keys(definition.regions),
    unified: Object.fromEntries(
      Object.entries(definition.unified).map(([category, ops]) => [category, Object.keys(ops)]),
    ),
    proxy: Object.keys(definition.proxy),
  };
}
