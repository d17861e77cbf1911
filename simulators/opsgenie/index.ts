/**
 * Public entry of the Opsgenie simulator: `startOpsgenieSimulator(options)` builds a seeded directory,
 * derives region-bound keys and serves the Opsgenie REST API on node:http until `close()`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Anomalies } from "./anomalies.ts";
import { type ApiKeys, deriveApiKeys, KeyRing, type Region } from "./auth.ts";
import type { SimControl } from "./control.ts";
import type { Directory } from "./directory.ts";
import { generateDirectory } from "./directory-generator.ts";
import { type FaultConfig, FaultInjector } from "./faults.ts";
import { generateOpsData, type OpsData } from "./ops-data.ts";
import { RateLimiter, type RateLimits, type RateLimitsInput } from "./rate-limiter.ts";
import type { SimState } from "./route.ts";
import { Router } from "./router.ts";
import { allRoutes } from "./routes.ts";
import { createPipeline } from "./server.ts";
import { Stats, type StatsSnapshot } from "./stats.ts";

export type { AnomalyConfig, UserCorruption } from "./anomalies.ts";
export type { ApiKeys, Region } from "./auth.ts";
export { deriveApiKeys } from "./auth.ts";
export type { Directory } from "./directory.ts";
export type { FaultConfig } from "./faults.ts";
export { parseFaults } from "./faults.ts";
export type { DomainLimit, RateLimits, RateLimitsInput } from "./rate-limiter.ts";
export { parseRateLimits } from "./rate-limiter.ts";
export type { Domain } from "./route.ts";
export type { StatsSnapshot } from "./stats.ts";

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
  faults?: Partial<FaultConfig>;
}

export interface OpsgenieSimulator extends SimControl {
  /** Base URL, e.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  port: number;
  region: Region;
  apiKeys: ApiKeys;
  /** The team the `team` key's integration belongs to (the first non-empty team), if any team exists. */
  teamKeyTeam?: { id: string; name: string };
  /** Direct access to the live directory, for test setup that should not go through HTTP. */
  directory: Directory;
  ops: OpsData;
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
  const limiter = new RateLimiter(options.rateLimits);
  const faults = new FaultInjector(seed, options.faults);
  const stats = new Stats();
  const anomalies = new Anomalies();
  const state: SimState = { dir: directory, ops, anomalies, rateLimitReport: () => limiter.report() };

  const control: SimControl = {
    stats: (): StatsSnapshot => stats.snapshot(),
    resetStats: () => stats.reset(),
    getFaults: () => ({ ...faults.config }),
    setFaults: (f) => ({ ...faults.set(f) }),
    getAnomalies: () => structuredClone(anomalies.config),
    setAnomalies: (a) => anomalies.set(a),
    getRateLimits: (): RateLimits => structuredClone(limiter.limits),
    setRateLimits: (l) => {
      limiter.set(l);
      return structuredClone(limiter.limits);
    },
    keysInfo: () => ({
      region,
      apiKeys,
      teamKeyTeam: teamKeyTeam && { id: teamKeyTeam.id, name: teamKeyTeam.name },
    }),
  };

  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const pipeline = createPipeline({
    router: new Router(allRoutes),
    state,
    keys,
    limiter,
    faults,
    stats,
    control,
    later(ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
  });
  const server: Server = createServer({ keepAliveTimeout: 10_000 }, pipeline);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;

  return {
    ...control,
    url: `http://${urlHost}:${port}`,
    port,
    region,
    apiKeys,
    teamKeyTeam: teamKeyTeam && { id: teamKeyTeam.id, name: teamKeyTeam.name },
    directory,
    ops,
    revokeKey: (key) => keys.revoke(key),
    close: () =>
      new Promise<void>((resolve) => {
        // Slow faults hold responses for ~30 s: cancel them and destroy sockets so close() is prompt.
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
