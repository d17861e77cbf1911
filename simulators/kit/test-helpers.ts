/** Helpers for simulator tests: call a simulator like a client would, and run one per describe block. */
import { afterAll, beforeAll } from "vitest";

/** A response, its JSON body parsed (undefined when the body is empty). */
export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary response JSON.
  json: any;
}

/** A request to send; `body` is sent as JSON, `rawBody` as is (both with Content-Type application/json). */
export interface FetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
}

/** Sends a request with fetch (GET unless told) and reads the JSON answer. */
export async function fetchJson(url: string, options: FetchOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(url, { method: options.method ?? "GET", headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

/** Starts a server with `start` for the enclosing describe block and closes it afterwards. */
export function useServer<S extends { close(): Promise<void> }>(start: () => Promise<S>): () => S {
  let server: S | undefined;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("simulator not started");
    return server;
  };
}

/** A lower-case UUID. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Narrows away undefined/null with a clear failure, instead of a non-null assertion. */
export function must<T>(value: T | undefined | null, what = "value"): T {
  if (value === undefined || value === null) throw new Error(`expected ${what} to be present`);
  return value;
}
