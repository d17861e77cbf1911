import type { FastifyReply } from "fastify";
import type { Budget } from "../http/index.ts";

/**
 * `ratelimit-limit`, `ratelimit-remaining` and `ratelimit-reset` (seconds) describe the account's remaining
 * provider budget in its tightest window, as Roster paces it; absent when nothing was paced.
 */
export function setRateLimitHeaders(reply: FastifyReply, source: { budget?: Budget }): void {
  const budget = source.budget;
  if (!budget) return;
  reply.header("ratelimit-limit", String(budget.limit));
  reply.header("ratelimit-remaining", String(budget.remaining));
  reply.header("ratelimit-reset", String(budget.resetSeconds));
}
