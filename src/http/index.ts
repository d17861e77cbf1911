export { getPath } from "./get-path.ts";
export {
  type EngineLogger,
  engineDefaults,
  HttpEngine,
  type HttpEngineConfig,
  type HttpEngineDeps,
  type ProviderRequest,
  type ProviderResponse,
} from "./http-engine.ts";
export { createHttpMetrics, type HttpMetrics } from "./metrics.ts";
export * from "./pagination/index.ts";
export {
  type BucketStore,
  type Budget,
  drainAll,
  InMemoryBucketStore,
  type KeyState,
  type TakeOutcome,
  takeAll,
  windowId,
} from "./rate-limit/bucket-store.ts";
export { KeyedSemaphore, type Release } from "./rate-limit/concurrency.ts";
export {
  type LearningConfig,
  type LearntRate,
  type LearntWindow,
  learningDefaults,
} from "./rate-limit/learnt-rate.ts";
export {
  InMemoryLearntRateStore,
  type LearntRateStore,
  SharedLearntRateStore,
} from "./rate-limit/learnt-rate-store.ts";
export {
  type DomainLimits,
  type Paced,
  type PaceKey,
  Pacer,
  type PacerConfig,
  type PacerOptions,
  paceKeyString,
  pacerDefaults,
} from "./rate-limit/pacer.ts";
export { RateLearner, type RateLearnerOptions } from "./rate-limit/rate-learner.ts";
export type { BucketState, RateWindow } from "./rate-limit/token-bucket.ts";
export { buildUrl, type Query } from "./request-url.ts";
export {
  type AttemptOutcome,
  backoffDelay,
  decideRetry,
  type HttpMethod,
  isRetryableStatus,
  isWrite,
  type NetworkFailure,
  parseDelayHeader,
  type RetryConfig,
  type RetryDecision,
  type RetryReason,
  retryDefaults,
  throttleDelayFromHeaders,
} from "./retry-policy.ts";
