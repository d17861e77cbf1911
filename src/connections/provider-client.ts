import { AppError } from "../core/errors.ts";
import {
  type AuthMethod,
  type PagePosition,
  type ProviderClient,
  type ProviderDefinition,
  ProviderHttpError,
  type ProviderRequestSpec,
  type ProviderResult,
} from "../core/provider/contract.ts";
import { authHeaders } from "../http/auth.ts";
import type { HttpEngine, ProviderResponse } from "../http/index.ts";
import {
  DEFAULT_MAX_PAGES_PER_WALK,
  PageWalk,
  pageBody,
  pageQuery,
  parsePage,
} from "../http/pagination/index.ts";
import { untilAborted } from "./until-aborted.ts";

export interface ClientTarget {
  provider: ProviderDefinition;
  accountId: string;
  region: string;
  /** The region's base URL (operator overrides applied). */
  baseUrl: string;
  /** The URL of a named host of the provider (`ProviderRequestSpec.host`), operator overrides applied. */
  hostUrl: (host: string, credentials: Readonly<Record<string, string>>) => string;
  /** Decrypts the credentials; called per attempt, as late as possible. */
  credentials: () => Record<string, string>;
  /** What the provider discovered when the account was linked (`discover`); read by `setting()`. */
  settings?: Readonly<Record<string, string>>;
  /** Told of every provider 401 that stands (the account then needs re-authentication). */
  onUnauthorized?: () => Promise<void>;
  /** "oauth": requests carry `Authorization: Bearer` from `accessToken` instead of the provider's `auth`. */
  authMethod?: AuthMethod;
  /** The current access token of an OAuth account, per attempt (refreshed by its owner when it expires). */
  accessToken?: () => Promise<string>;
  /** Renews the access token the provider refused with a 401; the request is then sent once more. */
  renewAccessToken?: (rejected: string) => Promise<void>;
  /**
   * Runs `remember`'s read for a value other sessions of the account may share (`shareForMs`); absent, every
   * value is read by this client for itself. The read gets a client of its own (see `ProviderClient.remember`).
   */
  share?: SharedRead;
  /** Told of every response, e.g. to report the remaining budget. */
  onResponse?: (response: ProviderResponse, spec: ProviderRequestSpec) => void;
  signal?: AbortSignal;
}

/** Reads (or joins) a value shared by the sessions of one account for `shareForMs` ms. */
export type SharedRead = <T>(
  key: string,
  shareForMs: number,
  read: (client: ProviderClient) => Promise<T>,
) => Promise<T>;

/** Empty pages that are not the last are read on, up to this many reads per `page()` call. */
const MAX_EMPTY_READS = 50;

/** The engine behind the provider contract: pacing, retries and credentials live here, not in providers. */
export function createProviderClient(engine: HttpEngine, target: ClientTarget): ProviderClient {
  const { provider } = target;
  /** `remember`'s values of this client, by key. */
  const remembered = new Map<string, Promise<unknown>>();

  async function send(spec: ProviderRequestSpec, raw = false, renewed = false): Promise<ProviderResponse> {
    const host = spec.host ?? provider.defaultHost;
    const bearer = spec.auth ? undefined : target.accessToken;
    let sentToken: string | undefined;
    const response = await engine.request({
      method: spec.method ?? "GET",
      baseUrl: host ? target.hostUrl(host, target.credentials()) : target.baseUrl,
      path: spec.path,
      query: spec.query,
      body: spec.body,
      // The engine adds JSON's accept and content-type; the provider's headers, then the request's, win.
      headers: { ...provider.headers, ...spec.headers },
      accountId: target.accountId,
      provider: provider.name,
      resource: spec.resource,
      domain: spec.domain,
      authorize: async () => {
        if (!bearer) return authHeaders(spec.auth ?? provider.auth, target.credentials());
        sentToken = await bearer();
        return { authorization: `Bearer ${sentToken}` };
      },
      signal: target.signal,
      throttlePeriodHeader: provider.rateLimits.throttlePeriodHeader,
      retry: provider.rateLimits.retryAfterHeaders
        ? { retryAfterHeaders: provider.rateLimits.retryAfterHeaders }
        : undefined,
    });
    target.onResponse?.(response, spec);
    // An access token may be revoked or expire early: renew it once, then a 401 stands.
    if (response.status === 401 && sentToken !== undefined && target.renewAccessToken && !renewed) {
      await target.renewAccessToken(sentToken);
      return send(spec, raw, true);
    }
    if (response.status === 401) await target.onUnauthorized?.();
    if (!raw && (response.status < 200 || response.status >= 300)) {
      throw new ProviderHttpError(response.status, parseBody(response), response.headers);
    }
    return response;
  }

  const client: ProviderClient = {
    region: target.region,
    authMethod: target.authMethod ?? "key",

    async request(spec): Promise<ProviderResult> {
      const response = await send(spec);
      return { status: response.status, headers: response.headers, body: parseBody(response) };
    },

    async page(spec, start: PagePosition | null, limit: number) {
      const pagination = spec.pagination;
      let position = start;
      for (let reads = 1; ; reads++) {
        const query = { ...spec.query, ...pageQuery(pagination, position, limit) };
        const inBody = pageBody(pagination, position, limit);
        const body = inBody
          ? { ...(spec.body as Record<string, unknown> | undefined), ...inBody }
          : spec.body;
        const response = await send({ ...spec, query, body });
        const parsed = parseBody(response);
        const page = parsePage(pagination, parsed, response.headers, { position, limit });
        const items = spec.keep ? page.items.filter(spec.keep) : page.items;
        const last = page.next === null || page.truncated !== undefined || reads >= MAX_EMPTY_READS;
        if (items.length > 0 || last) {
          return {
            items,
            next: page.next,
            body: parsed,
            total: page.total,
            ...(page.truncated ? { truncated: page.truncated } : {}),
          };
        }
        position = page.next;
      }
    },

    async collect(spec, pageSize) {
      const items: unknown[] = [];
      // The same loop guard as every other walk: a sub-resource whose paging never ends fails, never spins.
      const walk = new PageWalk(`${provider.label} ${spec.resource}`, {
        maxPages: DEFAULT_MAX_PAGES_PER_WALK,
      });
      let position: PagePosition | null = null;
      do {
        const page = await client.page(spec, position, pageSize);
        // Part of a sub-resource would pass for all of it (e.g. a team's members): fail instead.
        if (page.truncated)
          throw new AppError("list_truncated", { message: `${provider.label}: ${page.truncated.message}` });
        items.push(...page.items);
        position = walk.step(position, { next: page.next, count: page.items.length, total: page.total });
      } while (position);
      return items;
    },

    setting(name) {
      const discovered = target.settings;
      if (discovered && Object.hasOwn(discovered, name)) return discovered[name];
      const field = provider.credentials.fields.find((f) => f.name === name);
      if (!field || field.type === "password") return undefined;
      const values = target.credentials();
      return Object.hasOwn(values, name) ? values[name] : undefined;
    },

    hasCredential(name) {
      const values = target.credentials();
      return Object.hasOwn(values, name) && values[name] !== undefined && values[name] !== "";
    },

    async mapBounded(items, concurrency, fn) {
      const results = new Array(items.length);
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const index = next++;
          results[index] = await fn(items[index] as (typeof items)[number]);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
      return results;
    },

    remember<T>(
      key: string,
      read: (client: ProviderClient) => Promise<T>,
      options?: { shareForMs?: number },
    ) {
      let value = remembered.get(key) as Promise<T> | undefined;
      if (!value) {
        const shareForMs = options?.shareForMs ?? 0;
        value =
          target.share && shareForMs > 0
            ? untilAborted(target.share(key, shareForMs, read), target.signal)
            : read(client);
        remembered.set(key, value);
        const held = value;
        held.catch(() => {
          if (remembered.get(key) === held) remembered.delete(key);
        });
      }
      return value;
    },
  };
  return client;
}

/** Provider bodies are JSON; anything else is kept as text so error envelopes can still show it. */
export function parseBody(response: ProviderResponse): unknown {
  if (response.body.length === 0) return null;
  try {
    return response.json();
  } catch {
    return response.body.toString("utf8").slice(0, 2000);
  }
}
