import crypto from "node:crypto";
import type { Db } from "./database.ts";
import { newId, nowIso } from "./ids.ts";
import type { LinkTokenTable } from "./schema.ts";

export type LinkToken = Omit<LinkTokenTable, "token_hash">;

const TOKEN_PREFIX = "lt_";

function hash(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** Link tokens are random (256 bits) and stored hashed; the plain token exists only in the link. */
export class LinkTokenRepository {
  constructor(private readonly db: Db) {}

  async create(
    fields: Omit<LinkTokenTable, "id" | "token_hash" | "used_at" | "created_at">,
  ): Promise<{ token: string; row: LinkToken }> {
    const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
    const row = { ...fields, id: newId("lnk"), used_at: null, created_at: nowIso() };
    await this.db
      .insertInto("link_tokens")
      .values({ ...row, token_hash: hash(token) })
      .execute();
    return { token, row };
  }

  async find(token: string): Promise<LinkToken | undefined> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
    const row = await this.db
      .selectFrom("link_tokens")
      .selectAll()
      .where("token_hash", "=", hash(token))
      .executeTakeFirst();
    if (!row) return undefined;
    const { token_hash: _hash, ...rest } = row;
    return rest;
  }

  /** The token row by its id (e.g. the one an OAuth `state` is bound to). */
  async findById(id: string): Promise<LinkToken | undefined> {
    const row = await this.db.selectFrom("link_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    const { token_hash: _hash, ...rest } = row;
    return rest;
  }

  /** Marks the token used; false when another request used it first (compare-and-set). */
  async consume(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable("link_tokens")
      .set({ used_at: nowIso() })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
