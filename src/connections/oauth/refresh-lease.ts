import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../../core/errors.ts";
import type { OAuthRefreshLeaseRepository } from "../../store/oauth-refresh-leases.ts";

/** How long leases last and how waiting for one is paced (ms). */
export interface RefreshLeaseTiming {
  /** How long a claimed lease stays its holder's; far longer than the token call may take. */
  leaseMs: number;
  /** First pause between two looks at a lease someone else holds; it doubles up to `maxPollMs`. */
  pollMs: number;
  maxPollMs: number;
}

/** What one refresh does with the lease held, and what a refresh that waited for another does. */
export interface LeasedRefresh<T> {
  /** The refresh proper, run while this caller holds the lease (released after, whatever happens). */
  hold(): Promise<T>;
  /** After another holder's lease ended: its outcome when it is usable, undefined to try to claim it. */
  settled(): Promise<T | undefined>;
}

/**
 * Runs one refresh of `accountId` under its lease, so that across every process sharing the database only
 * one refresh at a time calls the token endpoint. The caller that claims the lease runs `hold`; one that finds
 * it taken polls (holding no connection between looks) until it is released or expires, then asks `settled`
 * and claims it only when the other refresh left nothing usable. A holder that died blocks others only until
 * its lease expires. Waiting is capped at two lease lifetimes (a dead holder's, then a live one's); beyond
 * it throws AppError `provider_timeout`. Errors of `hold` and of the store pass through.
 */
export async function underRefreshLease<T>(
  leases: OAuthRefreshLeaseRepository,
  accountId: string,
  timing: RefreshLeaseTiming,
  refresh: LeasedRefresh<T>,
): Promise<T> {
  const deadline = Date.now() + 2 * timing.leaseMs;
  for (;;) {
    const lease = await leases.claim(accountId, timing.leaseMs);
    if (lease) {
      try {
        return await refresh.hold();
      } finally {
        // A release that fails leaves the lease to expire; the refresh's own outcome stands.
        await leases.release(lease).catch(() => undefined);
      }
    }
    await untilReleased(leases, accountId, timing, deadline);
    const outcome = await refresh.settled();
    if (outcome !== undefined) return outcome;
  }
}

async function untilReleased(
  leases: OAuthRefreshLeaseRepository,
  accountId: string,
  timing: RefreshLeaseTiming,
  deadline: number,
): Promise<void> {
  let pause = timing.pollMs;
  for (;;) {
    const until = await leases.liveUntil(accountId);
    if (until === undefined) return;
    const now = Date.now();
    if (now >= deadline)
      throw new AppError("provider_timeout", {
        message: `Another request's refresh of this account's OAuth access token did not end within ${Math.round((2 * timing.leaseMs) / 1000)} s. Try again later.`,
      });
    // Look again just after the lease would expire when that comes sooner than the next poll.
    await sleep(Math.max(1, Math.min(pause, until - now + 5, deadline - now)));
    pause = Math.min(pause * 2, timing.maxPollMs);
  }
}
