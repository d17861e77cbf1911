import { Counter, Histogram, type Registry } from "prom-client";

/** The engine's Prometheus instruments. Labels never carry account ids or anything secret. */
export interface HttpMetrics {
  requestDuration: Histogram<"provider" | "resource" | "status">;
  retries: Counter<"provider" | "resource" | "reason">;
  throttled: Counter<"provider" | "domain">;
  rateLimitWait: Histogram<"provider" | "domain">;
}

export function createHttpMetrics(registry: Registry): HttpMetrics {
  return {
    requestDuration: new Histogram({
      name: "roster_provider_request_duration_seconds",
      help: "Duration of each HTTP attempt to a provider, by final status (or error kind).",
      labelNames: ["provider", "resource", "status"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    retries: new Counter({
      name: "roster_provider_retries_total",
      help: "Provider requests retried, by reason.",
      labelNames: ["provider", "resource", "reason"],
      registers: [registry],
    }),
    throttled: new Counter({
      name: "roster_provider_throttled_total",
      help: "429 answers received from providers.",
      labelNames: ["provider", "domain"],
      registers: [registry],
    }),
    rateLimitWait: new Histogram({
      name: "roster_rate_limit_wait_seconds",
      help: "Time a request waited for a rate-limit token before being sent.",
      labelNames: ["provider", "domain"],
      buckets: [0, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
}
