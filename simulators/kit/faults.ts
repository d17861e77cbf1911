/**
 * On-demand faults for resilience tests, drawn from a seeded stream so a given seed and request order
 * always fail the same way. One draw per request picks at most one fault (cumulative probabilities).
 * The injector only decides; the pipeline carries the fault out, and a 5xx body is the dialect's.
 */
import { createRng, hashSeed, type Rng } from "./rng.ts";

/** Fault probabilities (each 0..1, summed in the order reset, truncate, 5xx, slow) and the slow delay. */
export interface FaultConfig {
  /** Probability of a 500/502/503 with a JSON error body. */
  "5xx": number;
  /** Probability of destroying the socket without answering. */
  reset: number;
  /** Probability of answering only after `slowDelayMs` (longer than a sane client timeout). */
  slow: number;
  /** Probability of sending the full Content-Length but half the body, then destroying the socket. */
  truncate: number;
  /** How long a slow answer is held, in milliseconds (default 30,000). */
  slowDelayMs: number;
}

/** The kinds of fault. */
export type FaultKind = "5xx" | "reset" | "slow" | "truncate";
/** The fault chosen for one request; a 5xx carries its status. */
export type FaultDecision =
  | { kind: "5xx"; status: 500 | 502 | 503 }
  | { kind: "reset" | "slow" | "truncate" };

/** Every probability 0, slow answers held 30 s. */
export const NO_FAULTS: FaultConfig = { "5xx": 0, reset: 0, slow: 0, truncate: 0, slowDelayMs: 30_000 };

const STATUS_5XX = [500, 502, 503] as const;

/** Draws at most one fault per request from a stream seeded by `seed` (label "faults"). */
export class FaultInjector {
  config: FaultConfig;
  private rng: Rng;

  constructor(
    private readonly seed: number,
    config: Partial<FaultConfig> = {},
  ) {
    this.config = { ...NO_FAULTS, ...config };
    this.rng = createRng(hashSeed(seed, "faults"));
  }

  /** Replaces the given settings and restarts the stream, so a test can replay a fault sequence. */
  set(config: Partial<FaultConfig>): FaultConfig {
    this.config = { ...this.config, ...config };
    this.rng = createRng(hashSeed(this.seed, "faults"));
    return this.config;
  }

  /** True when any probability is above 0. */
  get active(): boolean {
    const c = this.config;
    return c["5xx"] > 0 || c.reset > 0 || c.slow > 0 || c.truncate > 0;
  }

  /** The fault for the next request, or undefined; draws only while `active` (a 5xx draws its status too). */
  decide(): FaultDecision | undefined {
    if (!this.active) return undefined;
    const c = this.config;
    const r = this.rng.next();
    let edge = c.reset;
    if (r < edge) return { kind: "reset" };
    edge += c.truncate;
    if (r < edge) return { kind: "truncate" };
    edge += c["5xx"];
    if (r < edge) return { kind: "5xx", status: this.rng.pick(STATUS_5XX) };
    edge += c.slow;
    if (r < edge) return { kind: "slow" };
    return undefined;
  }
}

/** Parses "5xx=0.1,reset=0.02,slow=0.01,truncate=0.01[,slowDelayMs=30000]". */
export function parseFaults(spec: string): Partial<FaultConfig> {
  const out: Partial<FaultConfig> = {};
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = "", raw = ""] = part.split("=");
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`invalid fault value in "${part}"`);
    if (name === "5xx" || name === "reset" || name === "slow" || name === "truncate") {
      if (value > 1) throw new Error(`fault probability must be within 0..1 in "${part}"`);
      out[name] = value;
    } else if (name === "slowDelayMs" || name === "slow-ms") {
      out.slowDelayMs = value;
    } else {
      throw new Error(`unknown fault "${name}" (known: 5xx, reset, slow, truncate, slowDelayMs)`);
    }
  }
  return out;
}

/** Validates a JSON body for PUT /__sim/faults and setFaults(). */
export function checkFaults(input: unknown): Partial<FaultConfig> {
  if (typeof input !== "object" || input === null) throw new Error("faults must be an object");
  const out: Partial<FaultConfig> = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value !== "number" || value < 0)
      throw new Error(`fault "${name}" must be a non-negative number`);
    if (name === "slowDelayMs") out.slowDelayMs = value;
    else if (name === "5xx" || name === "reset" || name === "slow" || name === "truncate") {
      if (value > 1) throw new Error(`fault "${name}" must be a probability within 0..1`);
      out[name] = value;
    } else throw new Error(`unknown fault "${name}"`);
  }
  return out;
}
