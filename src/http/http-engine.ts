import { performance } from "node:perf_hooks";
import { budgetExhausted, networkFailure } from "./client-errors.ts";
import { type Deadline, startDeadline } from "./deadline.ts";
import { DispatcherCache } from "./dispatchers.ts";
import type { HttpMetrics } from "./metrics.ts";
import { classifyNetworkError } from "./network-errors.ts";
import { flattenHeaders, makeResponse, type ProviderResponse } from "./provider-response.ts";
import { KeyedSemaphore } from "./rate-limit/concurrency.ts";
import type { Pacer } from "./rate-limit/pacer.ts";
import { buildUrl, type Query } from "./request-url.ts";
import {
  type AttemptOutcome,
  decideRetry,
  type HttpMethod,
  type RetryConfig,
  retryDefaults,
} from "./retry-policy.ts";
import { sleep } from "./sleep.ts";

export interface ProviderRequest {
  method: HttpMethod;
  /** Operator-controlled origin (+ optional base path); never from API callers. */
  baseUrl: string;
  /** Already validated relative path, e.g. "/v2/users". */
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  /** JSON-serialised when present. */
  body?: unknown;
  accountId: string;
  provider: string;
  resource: string;
  /** Rate-limit domain of the provider. */
  domain: string;
  /** Returns auth headers; called per attempt, as late as possible (secrets are decrypted inside it). */
  authorize: () => Promise<Record<string, string>>;
  signal?: AbortSignal;
  /** Overrides the engine's deadline for this request (e.g. a background sync that may queue for tokens). */
  deadlineMs?: number;
  /** Provider-specific retry settings (e.g. which headers carry the 429 delay), over the engine's. */
  retry?: Partial<RetryConfig>;
  /** Provider-specific header naming the window a 429 tripped, in seconds, over the engine's. */
  throttlePeriodHeader?: string;
}

export type { ProviderResponse } from "./provider-response.ts";

export interface HttpEngineConfig {
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Overall budget of one logical request: queueing, pacing, every attempt and every retry delay. */
  deadlineMs?: number;
  /** Requests in flight per account. */
  concurrencyPerAccount?: number;
  connectionsPerOrigin?: number;
  maxOrigins?: number;
  retry?: Partial<RetryConfig>;
  /** Header of a 429 naming the window that tripped, in seconds (so the pacer drains the right bucket). */
  throttlePeriodHeader?: string;
  userAgent?: string;
}

type EngineSettings = Required<Omit<HttpEngineConfig, "retry" | "throttlePeriodHeader">> &
  Pick<HttpEngineConfig, "throttlePeriodHeader">;

export const engineDefaults: Required<Omit<HttpEngineConfig, "retry" | "throttlePeriodHeader">> = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 30_000,
  deadlineMs: 60_000,
  concurrencyPerAccount: 8,
  connectionsPerOrigin: 64,
  maxOrigins: 64,
  userAgent: "roster",
};

export interface EngineLogger {
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface HttpEngineDeps {
  pacer?: Pacer;
  metrics?: HttpMetrics;
  logger?: EngineLogger;
  /** Injected for deterministic tests. */
  random?: () => number;
}

const HOP_BY_HOP = new Set([
  "host",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
  "proxy-authorization",
  "proxy-connection",
]);

function paceKey(req: ProviderRequest) {
  return { accountId: req.accountId, provider: req.provider, domain: req.domain };
}

type Attempt = { outcome: AttemptOutcome; response?: ProviderResponse; error?: unknown };

export class HttpEngine {
  readonly #config: EngineSettings;
  readonly #retry: RetryConfig;
  readonly #dispatchers: DispatcherCache;
  readonly #concurrency: KeyedSemaphore;

  constructor(
    config: HttpEngineConfig = {},
    private readonly deps: HttpEngineDeps = {},
  ) {
    this.#config = { ...engineDefaults, ...config };
    this.#retry = { ...retryDefaults, ...config.retry };
    this.#dispatchers = new DispatcherCache({
      connectTimeoutMs: this.#config.connectTimeoutMs,
      headersTimeoutMs: this.#config.headersTimeoutMs,
      bodyTimeoutMs: this.#config.bodyTimeoutMs,
      connectionsPerOrigin: this.#config.connectionsPerOrigin,
      maxOrigins: this.#config.maxOrigins,
    });
    this.#concurrency = new KeyedSemaphore(this.#config.concurrencyPerAccount);
  }

  async request(req: ProviderRequest): Promise<ProviderResponse> {
    const url = buildUrl(req.baseUrl, req.path, req.query);
    const started = performance.now();
    const deadlineMs = req.deadlineMs ?? this.#config.deadlineMs;
    const deadline = startDeadline(deadlineMs, req.signal);
    try {
      return await this.#run(req, url, started, deadlineMs, deadline);
    } finally {
      deadline.dispose();
    }
  }

  /** The attempts and retry delays of one call, all under `deadline`. */
  async #run(
    req: ProviderRequest,
    url: URL,
    started: number,
    deadlineMs: number,
    deadline: Deadline,
  ): Promise<ProviderResponse> {
    const { signal } = deadline;
    const random = this.deps.random ?? Math.random;
    const retry = req.retry ? { ...this.#retry, ...req.retry } : this.#retry;
    let waitedMs = 0;
    let last: Attempt | undefined;
    let attempt = 0;

    for (;;) {
      attempt++;
      const progress = { sending: false };
      try {
        const result = await this.#attempt(req, url, signal, progress);
        waitedMs += result.waitedMs;
        last = result;
      } catch (error) {
        if (req.signal?.aborted) throw req.signal.reason;
        if (deadline.expired && !progress.sending)
          throw budgetExhausted(req, attempt, error, this.deps.pacer?.retryAfterMs(paceKey(req)));
        if (deadline.expired) throw networkFailure(req, url, "timeout", attempt, error);
        throw error;
      }
      const { outcome } = last;
      const elapsed = performance.now() - started;
      const decision = decideRetry({ method: req.method, outcome, attempt, now: Date.now() }, retry, random);
      // A delay that would overrun the deadline is pointless: answer now with what we have.
      if (decision.retry && elapsed + decision.delayMs < deadlineMs) {
        this.deps.metrics?.retries.inc({
          provider: req.provider,
          resource: req.resource,
          reason: decision.reason,
        });
        this.deps.logger?.debug(
          {
            provider: req.provider,
            resource: req.resource,
            attempt,
            reason: decision.reason,
            delayMs: decision.delayMs,
          },
          "retrying provider request",
        );
        try {
          await sleep(decision.delayMs, signal);
        } catch (error) {
          if (req.signal?.aborted) throw req.signal.reason;
          if (!last.response) throw networkFailure(req, url, "timeout", attempt, error);
          break;
        }
        waitedMs += decision.delayMs;
        continue;
      }
      break;
    }

    if (last.response) {
      return { ...last.response, attempts: attempt, waitedMs, durationMs: performance.now() - started };
    }
    const failure = last.outcome.kind === "error" ? last.outcome.failure : "other";
    throw networkFailure(req, url, failure, attempt, last.error);
  }

  /** Closes every pooled connection. Requests still running fail. */
  close(): Promise<void> {
    return this.#dispatchers.close();
  }

  async #attempt(
    req: ProviderRequest,
    url: URL,
    signal: AbortSignal,
    progress: { sending: boolean },
  ): Promise<Attempt & { waitedMs: number }> {
    const release = await this.#concurrency.acquire(req.accountId, signal);
    const labels = { provider: req.provider, resource: req.resource };
    let attemptStart = performance.now();
    try {
      const key = paceKey(req);
      const paced = this.deps.pacer
        ? await this.deps.pacer.acquire(key, signal)
        : { waitedMs: 0, budget: undefined, waitedOn: [], at: 0 };
      const waitedMs = paced.waitedMs;
      if (this.deps.pacer)
        this.deps.metrics?.rateLimitWait.observe(
          { provider: req.provider, domain: req.domain },
          waitedMs / 1000,
        );
      // Auth last: the secret is decrypted only once the request is actually about to leave.
      const headers = this.#headers(req, await req.authorize());
      progress.sending = true;
      attemptStart = performance.now();
      let status: number;
      let responseHeaders: Record<string, string>;
      let body: Buffer;
      try {
        const res = await this.#dispatchers.get(url.origin).request({
          path: `${url.pathname}${url.search}`,
          method: req.method,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal,
        });
        status = res.statusCode;
        responseHeaders = flattenHeaders(res.headers);
        body = Buffer.from(await res.body.arrayBuffer());
      } catch (error) {
        if (signal.aborted) throw error;
        const failure = classifyNetworkError(error);
        this.deps.metrics?.requestDuration.observe(
          { ...labels, status: failure === "timeout" ? "timeout" : "error" },
          (performance.now() - attemptStart) / 1000,
        );
        return { outcome: { kind: "error", failure }, error, waitedMs };
      }
      this.deps.metrics?.requestDuration.observe(
        { ...labels, status: String(status) },
        (performance.now() - attemptStart) / 1000,
      );
      if (status === 429) await this.#throttled(req, key, responseHeaders, paced.at);
      // A 5xx says nothing about the budget; anything else is a clean answer a learnt rate may grow on.
      else if (status < 500) this.deps.pacer?.onAnswered(key, paced.waitedOn);
      const response = {
        ...makeResponse(status, responseHeaders, body, url.toString()),
        budget: paced.budget,
      };
      return { outcome: { kind: "response", status, headers: responseHeaders }, response, waitedMs };
    } finally {
      release();
    }
  }

  async #throttled(
    req: ProviderRequest,
    key: { accountId: string; provider: string; domain: string },
    headers: Record<string, string>,
    sentAt: number,
  ) {
    this.deps.metrics?.throttled.inc({ provider: req.provider, domain: req.domain });
    const header = req.throttlePeriodHeader ?? this.#config.throttlePeriodHeader;
    const period = header ? Number(headers[header.toLowerCase()]) : Number.NaN;
    await this.deps.pacer?.onThrottled(
      key,
      Number.isFinite(period) && period > 0 ? period : undefined,
      sentAt,
    );
  }

  #headers(req: ProviderRequest, auth: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": this.#config.userAgent,
    };
    if (req.body !== undefined) headers["content-type"] = "application/json";
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      // Connection-level headers belong to this hop, and undici refuses several of them outright.
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
    }
    // Auth wins over caller headers so a proxied request cannot smuggle its own credentials.
    for (const [name, value] of Object.entries(auth)) headers[name.toLowerCase()] = value;
    return headers;
  }
}
