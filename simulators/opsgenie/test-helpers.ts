/** Shared helpers for the simulator's tests: start a simulator and call it like a client would. */
import { afterAll, beforeAll } from "vitest";
import { type OpsgenieSimulator, type OpsgenieSimulatorOptions, startOpsgenieSimulator } from "./index.ts";

export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary response JSON.
  json: any;
}

export interface CallOptions {
  method?: string;
  /** API key to send; `null` sends no Authorization header. Defaults to the full-access key. */
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call(
  sim: OpsgenieSimulator,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? sim.apiKeys.full : options.key;
  if (key !== null) headers.Authorization = `GenieKey ${key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(`${sim.url}${path}`, { method: options.method ?? "GET", headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

/** Starts one simulator for the enclosing describe block and closes it afterwards. */
export function useSimulator(options: OpsgenieSimulatorOptions = {}): () => OpsgenieSimulator {
  let sim: OpsgenieSimulator | undefined;
  beforeAll(async () => {
    sim = await startOpsgenieSimulator(options);
  });
  afterAll(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim) throw new Error("simulator not started");
    return sim;
  };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Narrows away undefined/null with a clear failure, instead of a non-null assertion. */
export function must<T>(value: T | undefined | null, what = "value"): T {
  if (value === undefined || value === null) throw new Error(`expected ${what} to be present`);
  return value;
}
