/**
 * The control surface under `/__sim/...` (no auth, no faults, not counted in stats): stats, faults
 * (random and targeted), rate limits and keys. Tests and benchmarks use it to steer and observe a running simulator from outside;
 * the same operations are methods on the simulator handle.
 */
import { checkFaultRules, type FaultRule, type FaultRules } from "./fault-rules.ts";
import { checkFaults, type FaultConfig, type FaultInjector } from "./faults.ts";
import { checkRateLimits, type RateLimiter, type RateLimits, type RateLimitsInput } from "./rate-limiter.ts";
import type { Stats, StatsSnapshot } from "./stats.ts";

/** Steering a running simulator; `D` are its rate-limit domains, `K` what it reports about its keys. */
export interface SimControl<D extends string = string, K = unknown> {
  stats(): StatsSnapshot;
  resetStats(): void;
  getFaults(): FaultConfig;
  /** Changes the given fault settings and restarts the fault stream; returns the whole configuration. */
  setFaults(faults: Partial<FaultConfig>): FaultConfig;
  getFaultRules(): FaultRule[];
  /** Replaces the targeted faults (see fault-rules.ts); `[]` clears them. */
  setFaultRules(rules: FaultRule[]): FaultRule[];
  getRateLimits(): RateLimits<D>;
  /** Changes the given limits (every bucket restarts full); returns all limits. */
  setRateLimits(limits: RateLimitsInput<D>): RateLimits<D>;
  keysInfo(): K;
  /**
   * The simulator's own control endpoints (e.g. revoking a key, seeding a change): the answer, or undefined
   * when `method path` (no trailing slash) is not one of them. Throwing an Error answers 400 with its message.
   */
  handle?(method: string, path: string, body: unknown): ControlReply | undefined;
}

/** A control answer: status and JSON body (sent without the provider's envelope). */
export interface ControlReply {
  status: number;
  body: unknown;
}

/** The SimControl of a simulator's parts; results are copies, never the live objects. */
export function createControl<D extends string, K>(parts: {
  stats: Stats;
  faults: FaultInjector;
  faultRules: FaultRules;
  limiter: RateLimiter<D>;
  keysInfo: () => K;
  handle?: SimControl<D, K>["handle"];
}): SimControl<D, K> {
  const { stats, faults, faultRules, limiter } = parts;
  return {
    stats: (): StatsSnapshot => stats.snapshot(),
    resetStats: () => stats.reset(),
    getFaults: () => ({ ...faults.config }),
    setFaults: (f) => ({ ...faults.set(f) }),
    getFaultRules: () => faultRules.list(),
    setFaultRules: (rules) => faultRules.set(rules),
    getRateLimits: (): RateLimits<D> => structuredClone(limiter.limits),
    setRateLimits: (l) => {
      limiter.set(l);
      return structuredClone(limiter.limits);
    },
    keysInfo: parts.keysInfo,
    handle: parts.handle,
  };
}

/**
 * Answers one control request: GET stats, POST reset-stats, GET/PUT faults, GET/PUT rate-limits (validated
 * against `domains`), GET keys, then the simulator's own endpoints (`control.handle`). A trailing slash is
 * ignored; invalid input is a 400, anything else a 404.
 */
export function handleControl<D extends string>(
  control: SimControl<D>,
  domains: readonly D[],
  method: string,
  path: string,
  body: unknown,
): ControlReply {
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  try {
    switch (route) {
      case "GET /__sim/stats":
        return { status: 200, body: control.stats() };
      case "POST /__sim/reset-stats":
        control.resetStats();
        return { status: 200, body: { result: "Reset" } };
      case "GET /__sim/faults":
        return { status: 200, body: control.getFaults() };
      case "PUT /__sim/faults":
        return { status: 200, body: control.setFaults(checkFaults(body)) };
      case "GET /__sim/fault-rules":
        return { status: 200, body: control.getFaultRules() };
      case "PUT /__sim/fault-rules":
        return { status: 200, body: control.setFaultRules(checkFaultRules(body)) };
      case "GET /__sim/rate-limits":
        return { status: 200, body: control.getRateLimits() };
      case "PUT /__sim/rate-limits":
        return { status: 200, body: control.setRateLimits(checkRateLimits(body, domains)) };
      case "GET /__sim/keys":
        return { status: 200, body: control.keysInfo() };
      default:
        return (
          control.handle?.(method, path.replace(/\/+$/, ""), body) ?? {
            status: 404,
            body: { message: `No control endpoint ${route}` },
          }
        );
    }
  } catch (error) {
    return { status: 400, body: { message: (error as Error).message } };
  }
}
