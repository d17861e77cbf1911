import crypto from "node:crypto";
import type { Db } from "./database.ts";
import { newId, nowIso } from "./ids.ts";

/**
 * API tokens are random (256 bits), so a plain SHA-256 is a sound hash: there is nothing to brute-force.
 * Lookups go by hash; the plaintext is shown once and never stored.
 */
export interface CreatedToken {
  id: string;
  token: string;
  prefix: string;
  environmentId: string;
}

const TOKEN_PREFIX = "rst_";

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export class ApiTokenRepository {
  constructor(private readonly db: Db) {}

  async create(environmentId: string): Promise<CreatedToken> {
    const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
    const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
    const id = newId("tok");
    await this.db
      .insertInto("api_tokens")
      .values({
        id,
        environment_id: environmentId,
        token_hash: hashToken(token),
        prefix,
        created_at: nowIso(),
        last_used_at: null,
      })
      .execute();
    return { id, token, prefix, environmentId };
  }

  /** The environment of a token, or undefined. */
  async environmentOf(token: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("api_tokens")
      .select("environment_id")
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirst();
    return row?.environment_id;
  }
}
