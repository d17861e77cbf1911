import crypto from "node:crypto";
import type { Db } from "./database.ts";
import { newId, nowIso } from "./ids.ts";
import type { OAuthStateTable } from "./schema.ts";

export type OAuthState = Omit<OAuthStateTable, "state_hash" | "binding_hash">;

/** Why a state cannot be used: never issued (e.g. forged), already used, or past its time. */
export type OAuthStateRefusal = "unknown" | "used" | "expired";

/** How long a person has between leaving for the consent screen and coming back (ms). */
const STATE_TTL_MS = 15 * 60_000;

function hash(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Both are hex SHA-256 hashes; compared in constant time so the answer's timing tells nothing. */
function sameHash(a: string, b: string): boolean {
  return crypto.timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}

/**
 * The `state` of OAuth consents in flight: 256 random bits, bound to one link token, single use, stored
 * only as its SHA-256 hash (the plain value exists in the consent URL and the callback alone). Each state is
 * also bound to the browser that started the consent by a one-time `binding` secret (256 random bits, stored
 * only hashed) that only the connect page receives and never appears in a URL.
 */
export class OAuthStateRepository {
  constructor(private readonly db: Db) {}

  /** A new state for `fields`; returns the plain state (for the consent URL), the plain binding and the row. */
  async create(
    fields: Pick<OAuthStateTable, "link_token_id" | "integration" | "mode" | "redirect_uri">,
  ): Promise<{ state: string; binding: string; row: OAuthState }> {
    const state = crypto.randomBytes(32).toString("base64url");
    const binding = crypto.randomBytes(32).toString("base64url");
    const row: OAuthState = {
      ...fields,
      id: newId("ost"),
      expires_at: new Date(Date.now() + STATE_TTL_MS).toISOString(),
      used_at: null,
      created_at: nowIso(),
    };
    await this.db
      .insertInto("oauth_states")
      .values({ ...row, state_hash: hash(state), binding_hash: hash(binding) })
      .execute();
    return { state, binding, row };
  }

  /** A state that could still be completed (`ok` with its row), without using it; or why it cannot. */
  async find(
    state: string,
  ): Promise<{ ok: true; row: OAuthState } | { ok: false; reason: OAuthStateRefusal }> {
    const found = await this.lookUp(state);
    if (!found) return { ok: false, reason: "unknown" };
    if (found.used_at) return { ok: false, reason: "used" };
    if (Date.parse(found.expires_at) <= Date.now()) return { ok: false, reason: "expired" };
    const { state_hash: _state, binding_hash: _binding, ...row } = found;
    return { ok: true, row };
  }

  /**
   * Uses a state once (compare-and-set), so a replayed callback is refused: `ok` with its row, or the reason
   * it cannot be used. For answers that end the consent without a code (a refusal by the provider).
   */
  async consume(
    state: string,
  ): Promise<{ ok: true; row: OAuthState } | { ok: false; reason: OAuthStateRefusal }> {
    const taken = await this.take(state);
    if (!taken.ok) return taken;
    const { state_hash: _state, binding_hash: _binding, ...row } = taken.row;
    return { ok: true, row };
  }

  /**
   * Uses a state once, as `consume`, and only answers `ok` when `binding` is the one handed out with it.
   * A missing or wrong binding uses the state up all the same (`unbound`): the code it came with can then
   * never be exchanged, not even by the browser holding the binding, so a callback URL that leaked from
   * another browser is worth nothing, and a binding cannot be guessed by trying.
   */
  async consumeBound(
    state: string,
    binding: string | undefined,
  ): Promise<{ ok: true; row: OAuthState } | { ok: false; reason: OAuthStateRefusal | "unbound" }> {
    const taken = await this.take(state);
    if (!taken.ok) return taken;
    const { state_hash: _state, binding_hash: bindingHash, ...row } = taken.row;
    if (!binding || !bindingHash || !sameHash(hash(binding), bindingHash))
      return { ok: false, reason: "unbound" };
    return { ok: true, row };
  }

  private async lookUp(state: string) {
    if (state.length === 0 || state.length > 200) return undefined;
    return this.db
      .selectFrom("oauth_states")
      .selectAll()
      .where("state_hash", "=", hash(state))
      .executeTakeFirst();
  }

  /** Marks a known, unused state used (compare-and-set); an expired one is used up and refused. */
  private async take(state: string) {
    const found = await this.lookUp(state);
    if (!found) return { ok: false as const, reason: "unknown" as const };
    if (found.used_at) return { ok: false as const, reason: "used" as const };
    const result = await this.db
      .updateTable("oauth_states")
      .set({ used_at: nowIso() })
      .where("id", "=", found.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { ok: false as const, reason: "used" as const };
    if (Date.parse(found.expires_at) <= Date.now()) return { ok: false as const, reason: "expired" as const };
    return { ok: true as const, row: found };
  }
}
