/** JSM test helpers: start a simulator per describe block and call it like a client would. */
import { type CallResult, fetchJson, useServer } from "../kit/test-helpers.ts";
import { type JsmSimulator, type JsmSimulatorOptions, startJsmSimulator } from "./index.ts";
import type { CallerKind } from "./model.ts";

export interface CallOptions {
  method?: string;
  /** The seeded caller whose Basic credentials are sent (default admin); `null` sends none. */
  as?: CallerKind | null;
  /** A raw Authorization header instead. */
  authorization?: string;
  body?: unknown;
}

/** `Basic base64(email:token)`. */
export function basic(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}`;
}

/** Calls `path` (site or api.atlassian.com paths alike) with a seeded caller's Basic credentials. */
export async function call(sim: JsmSimulator, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const as = options.as === undefined ? "admin" : options.as;
  if (options.authorization !== undefined) headers.Authorization = options.authorization;
  else if (as !== null)
    headers.Authorization = basic(sim.credentials[as].email, sim.credentials[as].apiToken);
  return fetchJson(`${sim.url}${path}`, { method: options.method, headers, body: options.body });
}

/** Calls the org admin API with the org key. */
export async function admin(sim: JsmSimulator, pathOrUrl: string): Promise<CallResult> {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${sim.url}${pathOrUrl}`;
  return fetchJson(url, { headers: { Authorization: `Bearer ${sim.adminApiKey}` } });
}

/** Calls a `/__sim/...` control endpoint (no auth). */
export async function control(
  sim: JsmSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<CallResult> {
  return fetchJson(`${sim.url}${path}`, { method, body });
}

/** Starts one simulator for the enclosing describe block and closes it afterwards. */
export function useSimulator(options: JsmSimulatorOptions = {}): () => JsmSimulator {
  return useServer(() => startJsmSimulator(options));
}

/** The JSM Ops base path of the simulator's site. */
export const ops = (sim: JsmSimulator): string => `/jsm/ops/api/${sim.cloudId}`;

/** The Teams API base path of the simulator's organization. */
export const teamsApi = (sim: JsmSimulator): string => `/gateway/api/public/teams/v1/org/${sim.orgId}`;
