import type { z } from "zod";
import type { Role, UnifiedRecord, UnifiedResourceName } from "../models/index.ts";
import type { CredentialField } from "./credential-field.ts";
import type { AuthMethod, OAuthSpec } from "./oauth.ts";
import type { PagePosition, PageTruncation, PaginationSpec } from "./pagination.ts";
import type { Warning } from "./warnings.ts";

export type { CredentialField } from "./credential-field.ts";
export type { AuthMethod, GrantedToken, OAuthSpec } from "./oauth.ts";
export type { PagePosition, PageTruncation, PaginationKind, PaginationSpec } from "./pagination.ts";
export type { Warning, WarningCode } from "./warnings.ts";

/**
 * The provider contract. A provider is one folder under src/providers/<name>/ whose index exports a
 * definition satisfying this interface; nothing outside that folder knows a provider's name.
 *
 * A definition is mostly data (regions and hosts, auth, headers, rate-limit domains, pagination, error
 * envelope, proxy resources); the unified operations are small functions (the escape hatch) written against
 * `ProviderClient`, which the engine implements: it paces, retries, injects credentials and turns provider
 * errors into `ProviderHttpError`. A provider client returns one page and a position; the engine drives
 * the page loop.
 */

export interface RateWindow {
  limit: number;
  periodSeconds: number;
}

/** Credentials as one header whose value is a template over credential fields, e.g. "Key {api_key}". */
export interface HeaderAuth {
  kind: "header";
  header: string;
  /** Every `{field}` is replaced by that credential field's value. */
  template: string;
}

/** HTTP Basic built from two credential fields (e.g. an account e-mail and its API token). */
export interface BasicAuth {
  kind: "basic";
  /** Credential field holding the user name. */
  username: string;
  /** Credential field holding the password or token. */
  password: string;
}

/** How credentials are put on a request: a closed set of strategies implemented once in src/http/auth.ts. */
export type AuthSpec = HeaderAuth | BasicAuth;

/**
 * An API host of a provider beside the region's base URL (e.g. a vendor's shared API host next to a
 * customer's site). Only the operator may point it elsewhere, with the environment variable `override`;
 * nothing an API caller sends can change it.
 */
export interface ProviderHost {
  /** The URL, or a function of the account's credentials (already validated by the credential schema). */
  url: string | ((credentials: Readonly<Record<string, string>>) => string);
  /** Operator override, e.g. "<PROVIDER>_API_BASE_URL". */
  override: string;
}

/** Query values: a list is sent as repeated parameters (`include[]=a&include[]=b`). */
export type QueryValues = Record<string, string | readonly string[] | undefined>;

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
  /** Host of the resource when not the region's base URL (a key of `ProviderDefinition.hosts`). */
  host?: string;
  /**
   * Headers of the caller's proxy request that reach the provider (lower-case names), e.g. a `from` header
   * the provider requires on writes. Nothing else of the caller's headers is forwarded; credentials never are.
   */
  passHeaders?: readonly string[];
}

export interface ProviderRequestSpec {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: QueryValues;
  body?: unknown;
  /** Headers of this request on top of the provider's (e.g. a `From` header a provider requires on writes); never auth. */
  headers?: Record<string, string>;
  /** A key of `ProviderDefinition.hosts`; the region's base URL when absent. */
  host?: string;
  /**
   * Credentials of this request when not the provider's `auth` (e.g. an org admin API that takes a second
   * key as `Bearer {admin_api_key}`); built by the same strategies, per attempt, from the same credentials.
   */
  auth?: AuthSpec;
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

/** A paged provider list: the request, its paging style and, optionally, which raw items to keep. */
export type PageSpec = ProviderRequestSpec & {
  pagination: PaginationSpec;
  /**
   * Drops the raw items it refuses before the page is returned (e.g. an exact e-mail match the provider
   * cannot filter by); pages left empty are read on like any empty page.
   */
  keep?: (item: unknown) => boolean;
};

/** One page of a provider list as the engine read it. */
export interface ProviderPage {
  items: unknown[];
  /** Where the next page starts; null on the last page. */
  next: PagePosition | null;
  body: unknown;
  /** Items in the whole list, when the provider says; bounds the pages a walk may read. */
  total?: number;
  /** Set when the provider cannot serve the rest of the list (e.g. an offset ceiling); pass it on. */
  truncated?: PageTruncation;
}

/**
 * A client of one provider account, given to provider code by the engine: it never sees the HTTP client,
 * the credentials or the database. Every method may throw `ProviderHttpError` (a non-2xx answer after the
 * engine's retries) and AppError (`provider_unreachable`, `provider_timeout`, `invalid_cursor` for a position
 * the strategy cannot read, `remote_error` for an envelope without its item list).
 */
export interface ProviderClient {
  readonly region: string;
  /** How the account is connected: its key-based credentials, or an OAuth grant (bearer token). */
  readonly authMethod: AuthMethod;
  request(spec: ProviderRequestSpec): Promise<ProviderResult>;
  /**
   * One page at `position` (null: the first) of at most `limit` items, as the strategy reads it. A page that
   * comes back empty but is not the last (e.g. a narrowed walk between partitions) is read on, so callers
   * rarely see empty pages; `truncated` says the provider cannot serve the rest.
   */
  page(spec: PageSpec, position: PagePosition | null, limit: number): Promise<ProviderPage>;
  /**
   * Every item of a paged sub-resource (e.g. a team's members), page after page through the engine, so
   * provider code never writes a page loop. For lists small enough to hold: the whole list is in memory.
   * Throws AppError `list_truncated` when the provider cannot serve the whole list.
   */
  collect(spec: PageSpec, pageSize: number): Promise<unknown[]>;
  /**
   * A setting the provider discovered for the account (`discover`), or else a credential field that is not a
   * secret (declared `text` or `select`, e.g. a customer site host), as the credential schema validated it;
   * undefined for a `password` field or one the account has not set.
   */
  setting(name: string): string | undefined;
  /** Whether the account has this credential field set (secrets included; the value is never exposed). */
  hasCredential(name: string): boolean;
  /** Runs `fn` over `items` with at most `concurrency` in flight (the pacer still applies to each call). */
  mapBounded<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]>;
  /**
   * A value derived from the account's provider data (e.g. an index of its whole directory), read by `read`
   * with the client it is given (use that one, not this, for the read's calls: a shared read outlives the
   * request that started it). `key` names the value within the provider (any string; the account is implied).
   *
   * Read at most once per client (per session): concurrent callers share the read in flight. With
   * `shareForMs` (ms), a live session (an API request) also reuses the value a recent session of the same
   * account read, if that read finished less than `shareForMs` ago, so a value may be that much out of date;
   * a sync run, a client with fresh credentials and an engine whose account cache is off
   * (`ROSTER_ACCOUNT_CACHE_TTL_MS=0`) read it themselves. Shared values are dropped with the cached account
   * (the account changed, was deleted or reconnected, a provider 401, key rotation) and never served to
   * another account. A failed read is never kept: the next caller reads again. Rejects with what `read`
   * throws, or with the caller's abort reason when this client's request is cancelled while it waits.
   */
  remember<T>(
    key: string,
    read: (client: ProviderClient) => Promise<T>,
    options?: { shareForMs?: number },
  ): Promise<T>;
}

export interface ListParams {
  /** Page size, already clamped to the resource's `maxLimit`. */
  limit: number;
  /** Where the page starts (null: the first page); what `UnifiedPage.next` said last time. */
  position: PagePosition | null;
  /** Only filters the resource declares in `filters` reach it. */
  filters: Record<string, string>;
  /** Only includes the resource declares in `includes` reach it. */
  include: ReadonlySet<string>;
}

export interface UnifiedPage<T = unknown> {
  /** Unified records, each with `remote_data` (the engine drops it when asked). */
  records: T[];
  next: PagePosition | null;
  /** Records in the whole list when the provider says; bounds the pages a walk may read. */
  total?: number;
  /**
   * What this page left out and why (./warnings.ts): a record deleted between the list and its detail read,
   * a part the plan or key may not read, a malformed record (see `parseRecords`). The engine fills in
   * `resource` when absent. A page a fault makes wrong as a whole is thrown instead.
   */
  warnings?: Warning[];
  /** The provider page's `truncated`, passed on: the executor reports it (AppError `list_truncated`). */
  truncated?: PageTruncation;
}

/**
 * The unified operations of one resource, returning records of its unified model.
 *
 * `list` and `get` may throw `ProviderHttpError` (the provider's non-2xx after retries; a 404 from `get`
 * means there is no such record, which syncs rely on before tombstoning) and AppError (`invalid_cursor`
 * for a position they cannot read, `remote_error` for a payload that fails its raw schema). `list` reports
 * partial failures as page warnings instead: a malformed record or one that vanished before its detail read
 * is left out, a part of the resource the account may not read is named; `get` of such a record throws
 * (a 404, or `remote_error` naming the field). Positions they return must be plain string maps (see
 * `PagePosition`); the engine signs them into cursors.
 */
export interface UnifiedResourceOps<T = unknown> {
  defaultLimit: number;
  maxLimit?: number;
  filters?: readonly string[];
  includes?: readonly string[];
  list(client: ProviderClient, params: ListParams): Promise<UnifiedPage<T>>;
  get(client: ProviderClient, id: string, params: { include: ReadonlySet<string> }): Promise<T>;
}

/** The unified user directory a provider serves: any subset of the unified resources, each typed by its model. */
export type UserDirectoryOps = { [N in UnifiedResourceName]?: UnifiedResourceOps<UnifiedRecord<N>> };

/** Unified categories and their resources. */
export interface UnifiedCategories {
  "user-directory": UserDirectoryOps;
}
export type UnifiedCategory = keyof UnifiedCategories;

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
  /**
   * Further API hosts, by name, that requests and proxy resources may pick with `host`, and `/custom/{path}`
   * callers with the query parameter `host` (restricted to these names).
   */
  hosts?: Record<string, ProviderHost>;
  /** The host (a key of `hosts`) of requests that name none, instead of the region's base URL. */
  defaultHost?: string;
  /**
   * Path parameters of proxy resources that the provider resolves per account (e.g. a site's cloud id
   * discovered from its host). They fill `{param}` segments before the caller's query, so a caller can
   * never set them.
   */
  proxyPathParams?(client: ProviderClient): Promise<Record<string, string>>;
  credentials: { fields: CredentialField[]; schema: z.ZodType<Record<string, string>> };
  /** Where a person finds these credentials, step by step (shown on the connect page). */
  setupSteps?: string[];
  auth: AuthSpec;
  /**
   * OAuth 2.0 as a second way to connect (./oauth.ts); offered only where the operator configured a client.
   * Requests of such accounts carry `Authorization: Bearer <access token>` instead of `auth`.
   */
  oauth?: OAuthSpec;
  /** Headers on every request (e.g. a versioned `Accept`); a request's own headers come on top. */
  headers?: Record<string, string>;
  /**
   * Where the provider's error bodies keep a readable message, as dotted paths tried in order (a list of
   * strings is joined with "; "; `errors.0.title` indexes one). An entry that is itself a list of paths joins
   * what it finds with ": " (e.g. a summary and its details). Default `["message"]`.
   */
  errorMessagePaths?: readonly (string | readonly string[])[];
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
  /** Unified models this provider serves, by category and resource. */
  unified: Partial<UnifiedCategories>;
  proxy: Record<string, ProxyResource>;
  /**
   * The live credential check: what the credentials can read. `otherRegions` lets it tell a person the key
   * belongs elsewhere. Refusals are values; a thrown `ProviderHttpError` means the provider failed.
   */
  checkAccess(client: ProviderClient, otherRegions: Record<string, ProviderClient>): Promise<CredentialCheck>;
  /**
   * Non-secret settings the provider's APIs need and the credentials do not say (e.g. a site's cloud id),
   * read once when credentials are linked, reconnected or migrated, and stored with the account; provider
   * code reads them back with `client.setting(name)`. May throw as `checkAccess` does.
   */
  discover?(client: ProviderClient): Promise<Record<string, string>>;
  /**
   * The integration this provider replaces, when its vendor migrates customers from it: accounts of
   * `integration` may be migrated to this provider (`POST /integrated-account/{id}/migrate`), and the first
   * sync after that matches the new directory to the old. `mapRole` names the role (by `name`) that a
   * previous role became, or undefined when it has no successor.
   */
  succeeds?: { integration: string; mapRole(previous: Role): string | undefined };
  /** The account's real limits, when the provider tells them; undefined when it cannot be read. */
  learnRateLimits?(client: ProviderClient): Promise<{ domain: string; windows: RateWindow[] }[] | undefined>;
}

/** The unified operations of `category/resource`, looked up as own keys only (names come from requests). */
export function unifiedOps(
  definition: ProviderDefinition,
  category: string,
  resource: string,
): UnifiedResourceOps | undefined {
  const categories = definition.unified as Record<string, Record<string, UnifiedResourceOps> | undefined>;
  if (!Object.hasOwn(categories, category)) return undefined;
  const ops = categories[category];
  return ops && Object.hasOwn(ops, resource) ? ops[resource] : undefined;
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
  /** How accounts can be connected here: "key" always, "oauth" when the operator configured a client. */
  auth_methods: AuthMethod[];
}

/** The provider as `GET /integration` shows it; `methods` are the connection methods this Roster offers. */
export function summarize(
  definition: ProviderDefinition,
  methods: readonly AuthMethod[] = ["key"],
): ProviderSummary {
  return {
    name: definition.name,
    label: definition.label,
    category: definition.category,
    credentials: { fields: definition.credentials.fields },
    setup_steps: definition.setupSteps ?? [],
    regions: Object.keys(definition.regions),
    unified: Object.fromEntries(
      Object.entries(definition.unified).map(([category, ops]) => [category, Object.keys(ops ?? {})]),
    ),
    proxy: Object.keys(definition.proxy),
    auth_methods: [...methods],
  };
}
