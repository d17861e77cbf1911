/**
 * The dashboard's calls to Roster's public API: same origin, `Authorization: Bearer <token>`, so the dashboard
 * sees exactly what the token's environment sees. Refusals come back as RosterError with Roster's `code`.
 */
import { RosterError, rosterRequest } from "../shared/roster-request.ts";

export { RosterError };

/** Roster's list envelope. */
export interface Page<T> {
  result: T[];
  next_cursor: string | null;
  result_count: number;
}

export interface RosterApi {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** Every page of a list, following `next_cursor`, up to `max` records. */
  all<T>(path: string, query?: Record<string, string | number | undefined>, max?: number): Promise<T[]>;
}

/**
 * The API as `token` sees it. `onUnauthorized` is told when Roster stops accepting the token (revoked while
 * the dashboard is open), so the dashboard can ask for another one instead of showing errors in every panel.
 */
export function createApi(token: string, onUnauthorized?: () => void): RosterApi {
  const request = async <T>(path: string, init: RequestInit): Promise<T> => {
    try {
      return await send<T>(token, path, init);
    } catch (e) {
      if (e instanceof RosterError && e.status === 401) onUnauthorized?.();
      throw e;
    }
  };
  const api: RosterApi = {
    get: (path, query) => request(withQuery(path, query), { method: "GET" }),
    post: (path, body) =>
      request(
        path,
        body === undefined
          ? { method: "POST" }
          : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      ),
    async all<T>(path: string, query: Record<string, string | number | undefined> = {}, max = 1000) {
      const records: T[] = [];
      let cursor: string | undefined;
      do {
        const page: Page<T> = await api.get<Page<T>>(path, { ...query, next_cursor: cursor });
        records.push(...page.result);
        cursor = page.next_cursor ?? undefined;
      } while (cursor && records.length < max);
      return records;
    },
  };
  return api;
}

function withQuery(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function send<T>(token: string, path: string, init: RequestInit): Promise<T> {
  return rosterRequest<T>(path, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  });
}
