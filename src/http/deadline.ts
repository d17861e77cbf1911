/** The signal of one logical provider call: aborted by its caller or when its deadline passes. */
export interface Deadline {
  signal: AbortSignal;
  /** True once the deadline itself has passed (not when the caller aborted). */
  readonly expired: boolean;
  /** Stops the timer and lets go of the caller's signal; call when the call is over. */
  dispose(): void;
}

/**
 * One controller and one timer per call, released when the call ends. `AbortSignal.timeout` and
 * `AbortSignal.any` would do the same, but on Node 20 they cost tens of microseconds per call and keep their
 * timer and listeners alive until the deadline (a minute) passes, which on a busy gateway means thousands of
 * them. The deadline's abort reason is a `TimeoutError` DOMException, as `AbortSignal.timeout` gives.
 */
export function startDeadline(ms: number, caller?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const onCallerAbort = () => controller.abort(caller?.reason);
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
  }, ms);
  // Like AbortSignal.timeout: a pending deadline alone does not keep the process running.
  timer.unref();
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener("abort", onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onCallerAbort);
    },
  };
}
