/** Opsgenie test helpers: start a simulator per describe block and call it with a GenieKey like a client. */
import { type CallResult, fetchJson, useServer } from "../kit/test-helpers.ts";
import { type OpsgenieSimulator, type OpsgenieSimulatorOptions, startOpsgenieSimulator } from "./index.ts";

export interface CallOptions {
  method?: string;
  /** API key to send; `null` sends no Authorization header. Defaults to the full-access key. */
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls `path` on the simulator with `Authorization: GenieKey <key>`. */
export async function call(
  sim: OpsgenieSimulator,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? sim.apiKeys.full : options.key;
  if (key !== null) headers.Authorization = `GenieKey ${key}`;
  return fetchJson(`${sim.url}${path}`, {
    method: options.method,
    headers,
    body: options.body,
    rawBody: options.rawBody,
  });
}

/** Starts one simulator for the enclosing describe block and closes it afterwards. */
export function useSimulator(options: OpsgenieSimulatorOptions = {}): () => OpsgenieSimulator {
  return useServer(() => startOpsgenieSimulator(options));
}
