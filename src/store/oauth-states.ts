import crypto from "node:crypto";
import type { Db } from "./database.ts";
import { newId, nowIso } from "./ids.ts";
import type { OAuthStateTable } from "./schema.ts";

export type OAuthState = Omit<OAuthStateTable, "state_hash">;

/** How long a person has between leaving for the consent screen and coming back (ms). */
const STATE_TTL_MS = 15 * 60_000;

function hash(state: string): string {
  return crypto.createHash("sha256").update(state, "utf8").digest("hex");
}

/**
 * The `state` of OAuth consents in flight: 256 random bits, bound to one link token, single use, stored
 * only as its SHA-256 hash (the plain value exists in the consent URL and the callback alone).
 */
export class OAuthStateRepository {
  constructor(private readonly db: Db) {}

  /** A new state for `fields`; returns the plain value (for the consent URL) and the row. */
  async create(
    fields: Pick<OAuthStateTable, "link_token_id" | "integration" | "mode" | "redirect_uri">,
  ): Promise<{ state: string; row: OAuthState }> {
    const state = crypto.randomBytes(32).toString("base64url");
    const row: OAuthState = {
      ...fields,
      id: newId("ost"),
      expires_at: new Date(Date.now() + STATE_TTL_MS).toISOString(),
      used_at: null,
      created_at: nowIso(),
    };
    await this.db
      .insertInto("oauth_states")
      .values({ ...row, state_hash: hash(state) })
      .execute();
    return { state, row };
  }

  /**
   * Uses a state once (compare-and-set), so a replayed callback is refused: `ok` with its row, or the reason
   * it cannot be used (`unknown` — never issued, e.g. forged —, `used`, `expired`).
   */
  async consume(
    state: string,
  ): Promise<{ ok: true; row: OAuthState } | { ok: false; reason: "unknown" | "used" | "expired" }> {
    if (state.length === 0 || state.length > 200) return { ok: false, reason: "unknown" };
    const found = await this.db
      .selectFrom("oauth_states")
      .selectAll()
      .where("state_hash", "=", hash(state))
      .executeTakeFirst();
    if (!found) return { ok: false, reason: "unknown" };
    if (found.used_at) return { ok: false, reason: "used" };
    const result = await this.db
      .updateTable("oauth_states")
      .set({ used_at: nowIso() })
      .where("id", "=", found.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false, reason: "used" };
    if (Date.parse(found.expires_at) <= Date.now()) return { ok: false, reason: "expired" };
    const { state_hash: _hash, ...row } = found;
    return { ok: true, row };
  }
}
