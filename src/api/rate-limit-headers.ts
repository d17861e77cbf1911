import type { FastifyReply } from "fastify";
import type { Session } from "../unified/gateway.ts";

/**
 * `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset` (seconds) describe the account's remaining
 * provider budget in its tightest window, as Roster paces it; absent when nothing was paced.
 */
export function setRateLimitHeaders(reply: FastifyReply, session: Session): void {
  const budget = session.budget;
  if (!budget) return;
  reply.header("ratelimit-limit", String(budget.limit));
  reply.header("ratelimit-remaining", String(budget.remaining));
  reply.header("ratelimit-reset", String(budget.resetSeconds));
}
