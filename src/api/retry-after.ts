import type { FastifyReply } from "fastify";
import { isAppError } from "../core/errors.ts";

/** Sent when Roster knows no better: the smallest wait that still tells a client to back off. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * Every 429 Roster answers carries `Retry-After` (whole seconds, at least 1): the wait the error knows
 * (a provider's own Retry-After, or when the paced budget has its next token), else the default.
 */
export function setRetryAfter(reply: FastifyReply, statusCode: number, error: unknown): void {
  if (statusCode !== 429) return;
  const known = isAppError(error) ? error.retryAfterSeconds : undefined;
  const seconds =
    known !== undefined && Number.isFinite(known)
      ? Math.max(1, Math.ceil(known))
      : DEFAULT_RETRY_AFTER_SECONDS;
  reply.header("retry-after", String(seconds));
}
