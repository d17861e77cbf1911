/**
 * The control surface under `/__sim/...` (no auth, no faults, not counted in stats): stats, faults,
 * data anomalies, rate limits and keys. Tests and benchmarks use it to steer and observe a running simulator from outside.
 */
import { type AnomalyConfig, checkAnomalies } from "./anomalies.ts";
import type { ApiKeys, Region } from "./auth.ts";
import { checkFaults, type FaultConfig } from "./faults.ts";
import type { RateLimits, RateLimitsInput } from "./rate-limiter.ts";
import { DOMAINS, type Domain } from "./route.ts";
import type { StatsSnapshot } from "./stats.ts";

export interface SimControl {
  stats(): StatsSnapshot;
  resetStats(): void;
  getFaults(): FaultConfig;
  setFaults(faults: Partial<FaultConfig>): FaultConfig;
  getAnomalies(): AnomalyConfig;
  /** Replaces the given anomaly settings (see anomalies.ts); the others stay. */
  setAnomalies(anomalies: Partial<AnomalyConfig>): AnomalyConfig;
  getRateLimits(): RateLimits;
  setRateLimits(limits: RateLimitsInput): RateLimits;
  keysInfo(): { region: Region; apiKeys: ApiKeys; teamKeyTeam?: { id: string; name: string } };
}

export interface ControlReply {
  status: number;
  body: unknown;
}

/** Validates a rate-limit body: `{ "search": { "perSecond": 5, "perMinute": 100 }, ... }`. */
export function checkRateLimits(input: unknown): RateLimitsInput {
  if (typeof input !== "object" || input === null) throw new Error("rate limits must be an object");
  const out: RateLimitsInput = {};
  for (const [domain, value] of Object.entries(input)) {
    if (!DOMAINS.includes(domain as Domain))
      throw new Error(`unknown domain "${domain}" (known: ${DOMAINS.join(", ")})`);
    const v = (value ?? {}) as Record<string, unknown>;
    const entry: { perSecond?: number; perMinute?: number } = {};
    for (const k of ["perSecond", "perMinute"] as const) {
      if (v[k] === undefined) continue;
      if (typeof v[k] !== "number" || !((v[k] as number) > 0))
        throw new Error(`${domain}.${k} must be a positive number`);
      entry[k] = v[k] as number;
    }
    out[domain as Domain] = entry;
  }
  return out;
}

export function handleControl(
  control: SimControl,
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
      case "GET /__sim/anomalies":
        return { status: 200, body: control.getAnomalies() };
      case "PUT /__sim/anomalies":
        return { status: 200, body: control.setAnomalies(checkAnomalies(body)) };
      case "GET /__sim/rate-limits":
        return { status: 200, body: control.getRateLimits() };
      case "PUT /__sim/rate-limits":
        return { status: 200, body: control.setRateLimits(checkRateLimits(body)) };
      case "GET /__sim/keys":
        return { status: 200, body: control.keysInfo() };
      default:
        return { status: 404, body: { message: `No control endpoint ${route}` } };
    }
  } catch (error) {
    return { status: 400, body: { message: (error as Error).message } };
  }
}
