/** PagerDuty test helpers: start a simulator per describe block and call it like a client would. */
import { type CallResult, fetchJson, useServer } from "../kit/test-helpers.ts";
import { type PagerdutySimulator, type PagerdutySimulatorOptions, startPagerdutySimulator } from "./index.ts";

export interface CallOptions {
  method?: string;
  /** API key to send as `Token token=<key>`; `null` sends no Authorization header. Default: the full key. */
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  /** Extra headers; `Accept: application/vnd.pagerduty+json;version=2` is sent unless replaced here. */
  headers?: Record<string, string>;
}

/** Calls `path` on the simulator as an API client does. */
export async function call(
  sim: PagerdutySimulator,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {
    Accept: "application/vnd.pagerduty+json;version=2",
    ...options.headers,
  };
  const key = options.key === undefined ? sim.apiKeys.full : options.key;
  if (key !== null) headers.Authorization = `Token token=${key}`;
  return fetchJson(`${sim.url}${path}`, {
    method: options.method,
    headers,
    body: options.body,
    rawBody: options.rawBody,
  });
}

/** Calls a `/__sim/...` control endpoint (no auth) and reads its JSON answer. */
export async function control(
  sim: PagerdutySimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<CallResult> {
  return fetchJson(`${sim.url}${path}`, { method, body });
}

/** Starts one simulator for the enclosing describe block and closes it afterwards. */
export function useSimulator(options: PagerdutySimulatorOptions = {}): () => PagerdutySimulator {
  return useServer(() => startPagerdutySimulator(options));
}

// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary response JSON.
type Item = any;

/** Every item of an offset-paged list, following `more` with `offset += limit` as clients do. */
export async function walk(
  sim: PagerdutySimulator,
  path: string,
  plural: string,
  limit = 100,
): Promise<Item[]> {
  const items: Item[] = [];
  const sep = path.includes("?") ? "&" : "?";
  for (let offset = 0; ; offset += limit) {
    const res = await call(sim, `${path}${sep}limit=${limit}&offset=${offset}`);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.json)}`);
    items.push(...res.json[plural]);
    if (!res.json.more) return items;
  }
}
