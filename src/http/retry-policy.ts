/**
 * Pure retry decisions: what to retry, and how long to wait first. The engine supplies the outcome of an
 * attempt; nothing here does I/O, so every rule is unit-tested without a network.
 */
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** How an attempt failed without an HTTP answer. `connect` means the request provably never left Roster. */
export type NetworkFailure = "connect" | "reset" | "timeout" | "other";

export type AttemptOutcome =
  | { kind: "response"; status: number; headers: Record<string, string> }
  | { kind: "error"; failure: NetworkFailure };

export type RetryReason = "throttled" | "server_error" | "connect_error" | "reset" | "timeout";

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; reason: RetryReason };

export interface RetryConfig {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Exponential backoff: full jitter in [0, min(cap, base * 2^(attempt-1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Headers read on a 429, in order, each as seconds or an HTTP date (e.g. retry-after, ratelimit-reset). */
  retryAfterHeaders: string[];
  /** Wait on a 429 that names no delay (doubles per attempt, up to maxThrottleDelayMs). */
  throttleFallbackMs: number;
  /** Longest wait a provider may impose; a bigger Retry-After is clamped so a typo cannot park a request. */
  maxThrottleDelayMs: number;
  /** Random extra wait added to the provider's delay so parallel clients do not return in lockstep. */
  throttleJitterRatio: number;
}

export const retryDefaults: RetryConfig = {
  maxAttempts: 6,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  retryAfterHeaders: ["retry-after", "ratelimit-reset"],
  throttleFallbackMs: 1_000,
  maxThrottleDelayMs: 60_000,
  throttleJitterRatio: 0.1,
};

const WRITE_METHODS: ReadonlySet<HttpMethod> = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export function isWrite(method: HttpMethod): boolean {
  return WRITE_METHODS.has(method);
}

export function isRetryableStatus(status: number): boolean {
  // 501 means "never implemented": retrying cannot help. 5xx others are usually transient.
  return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** Full-jitter exponential backoff (attempt is 1-based: the attempt that just failed). */
export function backoffDelay(
  attempt: number,
  config: RetryConfig,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Milliseconds from a header value that is either delta-seconds or an HTTP date; null when unusable. */
export function parseDelayHeader(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // HTTP dates name a month; without this guard Date.parse would read "-1" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** The delay a 429 asks for: the first configured header that parses. */
export function throttleDelayFromHeaders(
  headers: Record<string, string>,
  names: string[],
  now: number,
): number | null {
  for (const name of names) {
    const delay = parseDelayHeader(headers[name.toLowerCase()], now);
    if (delay !== null) return delay;
  }
  return null;
}

export interface RetryInput {
  method: HttpMethod;
  outcome: AttemptOutcome;
  /** 1-based number of the attempt that produced `outcome`. */
  attempt: number;
  now: number;
}

export function decideRetry(
  input: RetryInput,
  config: RetryConfig,
  random: () => number = Math.random,
): RetryDecision {
  if (input.attempt >= config.maxAttempts) return { retry: false };
  const { outcome } = input;
  const write = isWrite(input.method);

  if (outcome.kind === "response") {
    if (outcome.status === 429) {
      // A 429 means the provider refused the request without acting on it, so even writes are safe to resend.
      const asked = throttleDelayFromHeaders(outcome.headers, config.retryAfterHeaders, input.now);
      const base = asked ?? config.throttleFallbackMs * 2 ** (input.attempt - 1);
      const delay = Math.min(config.maxThrottleDelayMs, base);
      return {
        retry: true,
        delayMs: Math.ceil(delay + random() * delay * config.throttleJitterRatio),
        reason: "throttled",
      };
    }
    // A write that reached the provider may have taken effect; only the caller can decide to repeat it.
    if (write || !isRetryableStatus(outcome.status)) return { retry: false };
    return { retry: true, delayMs: backoffDelay(input.attempt, config, random), reason: "server_error" };
  }

  if (outcome.failure === "connect") {
    return { retry: true, delayMs: backoffDelay(input.attempt, config, random), reason: "connect_error" };
  }
  if (write) return { retry: false };
  if (outcome.failure === "reset" || outcome.failure === "timeout") {
    return { retry: true, delayMs: backoffDelay(input.attempt, config, random), reason: outcome.failure };
  }
  return { retry: false };
}
