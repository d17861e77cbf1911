import crypto from "node:crypto";
import type { Db } from "./database.ts";

/** A claimed refresh lease: release it with `OAuthRefreshLeaseRepository.release`. */
export interface OAuthRefreshLease {
  accountId: string;
  holder: string;
}

/**
 * Refresh leases of OAuth accounts (migration 0016): who may call the token endpoint for an account, across
 * every process sharing the database, until when. Claiming is one atomic upsert that only takes over an
 * expired lease, so two claims never both win, on SQLite (≥ 3.35, for RETURNING) and PostgreSQL alike; no
 * statement waits on another or stays open while the lease is held. Times are wall-clock ISO-8601 text, as
 * every lease in Roster (instances' clocks must roughly agree; leases last far longer than any skew).
 */
export class OAuthRefreshLeaseRepository {
  constructor(
    private readonly db: Db,
    /** Wall clock, ms since the epoch. */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Claims the lease of `accountId` for `ttlMs` ms when nobody holds it or its holder's lease has expired;
   * undefined when a live lease is someone else's.
   */
  async claim(accountId: string, ttlMs: number): Promise<OAuthRefreshLease | undefined> {
    const now = this.now();
    const nowText = new Date(now).toISOString();
    const holder = crypto.randomUUID();
    const row = await this.db
      .insertInto("oauth_refresh_leases")
      .values({
        account_id: accountId,
        holder,
        expires_at: new Date(now + ttlMs).toISOString(),
        claimed_at: nowText,
      })
      .onConflict((oc) =>
        oc
          .column("account_id")
          .doUpdateSet((eb) => ({
            holder: eb.ref("excluded.holder"),
            expires_at: eb.ref("excluded.expires_at"),
            claimed_at: eb.ref("excluded.claimed_at"),
          }))
          .where("oauth_refresh_leases.expires_at", "<=", nowText),
      )
      .returning("holder")
      .executeTakeFirst();
    return row?.holder === holder ? { accountId, holder } : undefined;
  }

  /** Ends `lease` if it is still its holder's (one taken over after expiring is left to its new holder). */
  async release(lease: OAuthRefreshLease): Promise<void> {
    await this.db
      .deleteFrom("oauth_refresh_leases")
      .where("account_id", "=", lease.accountId)
      .where("holder", "=", lease.holder)
      .execute();
  }

  /** When the live lease of `accountId` expires (ms since the epoch), or undefined when none is live. */
  async liveUntil(accountId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom("oauth_refresh_leases")
      .select("expires_at")
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    const expiresAt = row ? Date.parse(row.expires_at) : Number.NaN;
    return expiresAt > this.now() ? expiresAt : undefined;
  }
}
