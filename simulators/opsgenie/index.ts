/**
 * Public entry of the Opsgenie simulator: `startOpsgenieSimulator(options)` builds a seeded directory,
 * derives region-bound keys and serves the Opsgenie REST API (the kit's pipeline with Opsgenie's routes
 * and dialect) on node:http until `close()`.
 */
import { createControl, type SimControl } from "../kit/control.ts";
import { type FaultRule, FaultRules } from "../kit/fault-rules.ts";
import { type FaultConfig, FaultInjector } from "../kit/faults.ts";
import { servePipeline } from "../kit/pipeline.ts";
import { Router } from "../kit/router.ts";
import { Stats } from "../kit/stats.ts";
import { Anomalies, type AnomalyConfig, checkAnomalies } from "./anomalies.ts";
import { type ApiKeys, deriveApiKeys, KeyRing, type Region } from "./auth.ts";
import { opsgenieDialect } from "./dialect.ts";
import type { Directory } from "./directory.ts";
import { generateDirectory } from "./directory-generator.ts";
import { generateOpsData, type OpsData } from "./ops-data.ts";
import { createRateLimiter, type Domain, type RateLimitsInput, requestLimitsReport } from "./rate-limits.ts";
import type { SimState } from "./route.ts";
import { allRoutes } from "./routes.ts";

export type { FaultRule, FaultRuleKind } from "../kit/fault-rules.ts";
export type { FaultConfig } from "../kit/faults.ts";
export { parseFaults } from "../kit/faults.ts";
export type { StatsSnapshot } from "../kit/stats.ts";
export type { AnomalyConfig, UserCorruption } from "./anomalies.ts";
export type { ApiKeys, Region } from "./auth.ts";
export { deriveApiKeys } from "./auth.ts";
export type { Directory } from "./directory.ts";
export type { Domain, DomainLimit, RateLimits, RateLimitsInput } from "./rate-limits.ts";
export { parseRateLimits } from "./rate-limits.ts";

export interface OpsgenieSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Keys are derived per region: a key of one region is unknown (401) in the other. Default "us". */
  region?: Region;
  /** Seeds the directory, the keys and the fault stream. Default 1. */
  seed?: number;
  /** Number of generated users (default 250), teams (default 25) and custom user roles (default 3). */
  users?: number;
  teams?: number;
  customRoles?: number;
  /** Plan name reported by /v2/account. Default "Enterprise". */
  plan?: string;
  /** plan.maxUserCount; default leaves ~20% headroom above `users`. */
  maxUsers?: number;
  /** Fixes the full-access key (must be UUID-shaped to be accepted by the auth check). */
  apiKey?: string;
  /** Per-domain limits; unspecified values default to 25/s and 1000/min. */
  rateLimits?: RateLimitsInput;
  /**
   * Enforces the limits but refuses `/v2/request-limits/` to every key (403, as to team keys), so a client
   * cannot read them and has to learn them. Default false; `setRateLimitsHidden` changes it later.
   */
  hideRateLimits?: boolean;
  faults?: Partial<FaultConfig>;
  /** Targeted faults (a path, an offset, the Nth request); PUT /__sim/fault-rules changes them later. */
  faultRules?: FaultRule[];
}

/** What GET /__sim/keys and keysInfo() report. */
export interface OpsgenieKeysInfo {
  region: Region;
  apiKeys: ApiKeys;
  /** The team the `team` key's integration belongs to, if any team exists. */
  teamKeyTeam?: { id: string; name: string };
}

export interface OpsgenieSimulator extends SimControl<Domain, OpsgenieKeysInfo> {
  /** Base URL, e.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  getAnomalies(): AnomalyConfig;
  /** Replaces the given anomaly settings (see anomalies.ts); the others stay. Also PUT /__sim/anomalies. */
  setAnomalies(anomalies: Partial<AnomalyConfig>): AnomalyConfig;
  port: number;
  region: Region;
  apiKeys: ApiKeys;
  /** The team the `team` key's integration belongs to (the first non-empty team), if any team exists. */
  teamKeyTeam?: { id: string; name: string };
  /** Direct access to the live directory, for test setup that should not go through HTTP. */
  directory: Directory;
  ops: OpsData;
  /** Whether `/v2/request-limits/` refuses every key from now on (the limits stay enforced either way). */
  setRateLimitsHidden(hidden: boolean): void;
  /** Revokes a key: from now on it is unknown (401 "Could not authenticate"). */
  revokeKey(key: string): boolean;
  close(): Promise<void>;
}

export async function startOpsgenieSimulator(
  options: OpsgenieSimulatorOptions = {},
): Promise<OpsgenieSimulator> {
  const seed = options.seed ?? 1;
  const region = options.region ?? "us";
  const directory = generateDirectory({
    seed,
    users: options.users ?? 250,
    teams: options.teams ?? 25,
    customRoles: options.customRoles ?? 3,
    plan: options.plan ?? "Enterprise",
    maxUsers: options.maxUsers,
  });
  const ops = generateOpsData(seed, directory);
  const teamKeyTeam =
    [...directory.teams.values()].find((t) => t.members.size > 0) ?? directory.teams.values().next().value;
  const apiKeys = deriveApiKeys(seed, region, options.apiKey);
  const keys = new KeyRing(apiKeys, teamKeyTeam?.id);
  const limiter = createRateLimiter(options.rateLimits);
  const faults = new FaultInjector(seed, options.faults);
  const faultRules = new FaultRules();
  faultRules.set(options.faultRules ?? []);
  const stats = new Stats();
  const anomalies = new Anomalies();
  let rateLimitsHidden = options.hideRateLimits ?? false;
  const state: SimState = {
    dir: directory,
    ops,
    anomalies,
    rateLimitReport: () => requestLimitsReport(limiter.limits),
    rateLimitsHidden: () => rateLimitsHidden,
  };

  const control = createControl({
    stats,
    faults,
    faultRules,
    limiter,
    handle(method, path, body) {
      const route = `${method} ${path}`;
      if (route === "GET /__sim/anomalies") return { status: 200, body: structuredClone(anomalies.config) };
      if (route === "PUT /__sim/anomalies") return { status: 200, body: anomalies.set(checkAnomalies(body)) };
      return undefined;
    },
    keysInfo: (): OpsgenieKeysInfo => ({
      region,
      apiKeys,
      teamKeyTeam: teamKeyTeam && { id: teamKeyTeam.id, name: teamKeyTeam.name },
    }),
  });

  const server = await servePipeline(
    {
      router: new Router(allRoutes),
      dialect: opsgenieDialect(keys, anomalies),
      state,
      limiter,
      faults,
      faultRules,
      stats,
      control,
    },
    { port: options.port, host: options.host },
  );

  return {
    ...control,
    url: server.url,
    port: server.port,
    region,
    apiKeys,
    teamKeyTeam: teamKeyTeam && { id: teamKeyTeam.id, name: teamKeyTeam.name },
    directory,
    ops,
    getAnomalies: () => structuredClone(anomalies.config),
    setAnomalies: (a) => anomalies.set(a),
    revokeKey: (key) => keys.revoke(key),
    setRateLimitsHidden: (hidden) => {
      rateLimitsHidden = hidden;
    },
    close: server.close,
  };
}
