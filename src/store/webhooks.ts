import type { Db } from "./database.ts";
import { nowIso } from "./ids.ts";
import { type KeysetPosition, olderThan } from "./keyset.ts";
import type { WebhookTable } from "./webhook-schema.ts";

export type WebhookStatus = "active" | "disabled";

/** A webhook as the rest of Roster sees it: the sealed secrets stay in the row until the sender needs them. */
export interface Webhook {
  id: string;
  environment_id: string;
  target_url: string;
  event_types: string[];
  status: WebhookStatus;
  disabled_reason: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookSecrets {
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
}

const publicColumns = [
  "id",
  "environment_id",
  "target_url",
  "event_types",
  "status",
  "disabled_reason",
  "previous_secret_expires_at",
  "created_at",
  "updated_at",
] as const;

/** Webhook endpoints, scoped to their environment (another environment's webhook does not exist). */
export class WebhookRepository {
  constructor(private readonly db: Db) {}

  async insert(row: Omit<WebhookTable, "created_at" | "updated_at">): Promise<Webhook> {
    const now = nowIso();
    await this.db
      .insertInto("webhooks")
      .values({ ...row, created_at: now, updated_at: now })
      .execute();
    return toWebhook({ ...row, created_at: now, updated_at: now });
  }

  async get(environmentId: string, id: string): Promise<Webhook | undefined> {
    const row = await this.db
      .selectFrom("webhooks")
      .select(publicColumns)
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toWebhook(row);
  }

  async list(environmentId: string, page: { limit: number; after?: KeysetPosition }): Promise<Webhook[]> {
    let query = this.db
      .selectFrom("webhooks")
      .select(publicColumns)
      .where("environment_id", "=", environmentId);
    if (page.after) query = query.where(olderThan(page.after));
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
    return rows.map(toWebhook);
  }

  /** The active webhooks of an environment: the fan-out matches each event against their filters. */
  async active(environmentId: string): Promise<Webhook[]> {
    const rows = await this.db
      .selectFrom("webhooks")
      .select(publicColumns)
      .where("environment_id", "=", environmentId)
      .where("status", "=", "active")
      .execute();
    return rows.map(toWebhook);
  }

  async delete(environmentId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("webhooks")
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async secrets(id: string): Promise<WebhookSecrets | undefined> {
    return this.db
      .selectFrom("webhooks")
      .select(["secret", "previous_secret", "previous_secret_expires_at"])
      .where("id", "=", id)
      .executeTakeFirst();
  }

  /** The new secret signs from now on; the old one keeps signing (a second signature) until `expiresAt`. */
  async rotate(
    id: string,
    next: { sealed: string; keyId: string },
    previous: { sealed: string; keyId: string },
    expiresAt: string,
  ): Promise<void> {
    await this.db
      .updateTable("webhooks")
      .set({
        secret: next.sealed,
        secret_key_id: next.keyId,
        previous_secret: previous.sealed,
        previous_secret_key_id: previous.keyId,
        previous_secret_expires_at: expiresAt,
        updated_at: nowIso(),
      })
      .where("id", "=", id)
      .execute();
  }

  async sealedSecret(id: string): Promise<{ sealed: string; keyId: string } | undefined> {
    const row = await this.db
      .selectFrom("webhooks")
      .select(["secret", "secret_key_id"])
      .where("id", "=", id)
      .executeTakeFirst();
    return row && { sealed: row.secret, keyId: row.secret_key_id };
  }

  /** Returns true only for the call that disabled it (an already disabled webhook stays as it was). */
  async disable(id: string, reason: string): Promise<boolean> {
    const result = await this.db
      .updateTable("webhooks")
      .set({ status: "disabled", disabled_reason: reason.slice(0, 1000), updated_at: nowIso() })
      .where("id", "=", id)
      .where("status", "=", "active")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Key rotation sees the current and the previous secret as two sealed-secret tables of one row. */
  sealedTables() {
    return [
      sealedColumn(this.db, "webhooks.secret", "secret", "secret_key_id"),
      sealedColumn(this.db, "webhooks.previous_secret", "previous_secret", "previous_secret_key_id"),
    ];
  }
}

function sealedColumn(
  db: Db,
  name: string,
  column: "secret" | "previous_secret",
  keyColumn: "secret_key_id" | "previous_secret_key_id",
) {
  return {
    name,
    async listNotUnderKey(keyId: string, limit: number) {
      const rows = await db
        .selectFrom("webhooks")
        .select(["id", column])
        .where(column, "is not", null)
        .where(keyColumn, "!=", keyId)
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map((r) => ({ owner: r.id, sealed: r[column] as string }));
    },
    async replace(owner: string, previous: string, next: { sealed: string; keyId: string }) {
      const result = await db
        .updateTable("webhooks")
        .set({ [column]: next.sealed, [keyColumn]: next.keyId })
        .where("id", "=", owner)
        .where(column, "=", previous)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async keyIdsInUse() {
      const rows = await db
        .selectFrom("webhooks")
        .select(keyColumn)
        .where(keyColumn, "is not", null)
        .distinct()
        .execute();
      return rows.map((r) => r[keyColumn] as string);
    },
  };
}

function toWebhook(row: Pick<WebhookTable, (typeof publicColumns)[number]>): Webhook {
  return {
    id: row.id,
    environment_id: row.environment_id,
    target_url: row.target_url,
    event_types: JSON.parse(row.event_types) as string[],
    status: row.status as WebhookStatus,
    disabled_reason: row.disabled_reason,
    previous_secret_expires_at: row.previous_secret_expires_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
