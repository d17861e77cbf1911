import type { Selectable } from "kysely";
import type { AuthMethod } from "../core/provider/oauth.ts";
import type { Db } from "./database.ts";
import { newId, nowIso } from "./ids.ts";
import { type KeysetPosition, olderThan } from "./keyset.ts";
import type { IntegratedAccountTable } from "./schema.ts";

export type AccountStatus = "active" | "needs_reauth" | "validation_error";

export interface IntegratedAccount {
  id: string;
  environment_id: string;
  integration: string;
  tenant_id: string;
  region: string | null;
  status: AccountStatus;
  last_error: string | null;
  /** How the account was linked: "key" (API key or token) or "oauth" (a consented grant). */
  auth_method: AuthMethod;
  /** The integration the account was migrated from, null when it never was. */
  migrated_from: string | null;
  created_at: string;
  updated_at: string;
}

/** The account with its sealed credentials; only the code that builds provider requests asks for this. */
export interface AccountWithSecret extends IntegratedAccount {
  /** The sealed credentials: key-based fields, or for `auth_method` "oauth" the token set. */
  credentials: string;
  /** What the provider discovered at linking (non-secret), e.g. `{ cloud_id }`. */
  settings: Readonly<Record<string, string>>;
}

export interface AccountFilter {
  tenant_id?: string;
  integration?: string;
  status?: AccountStatus;
}

const publicColumns = [
  "id",
  "environment_id",
  "integration",
  "tenant_id",
  "region",
  "status",
  "last_error",
  "auth_method",
  "migrated_from",
  "created_at",
  "updated_at",
] as const;

export function newAccountId(): string {
  return newId("acc");
}

export class IntegratedAccountRepository {
  readonly name = "integrated_accounts";

  constructor(private readonly db: Db) {}

  async insert(
    row: Omit<
      IntegratedAccountTable,
      "created_at" | "updated_at" | "migrated_from" | "migration_pending" | "settings" | "auth_method"
    > & { settings?: string; auth_method?: AuthMethod },
  ): Promise<IntegratedAccount> {
    const now = nowIso();
    await this.db
      .insertInto("integrated_accounts")
      .values({ ...row, created_at: now, updated_at: now })
      .execute();
    return toAccount({
      ...row,
      auth_method: row.auth_method ?? "key",
      migrated_from: null,
      created_at: now,
      updated_at: now,
    });
  }

  /** Scoped to the environment: another environment's account does not exist for the caller. */
  async get(environmentId: string, id: string): Promise<IntegratedAccount | undefined> {
    const row = await this.db
      .selectFrom("integrated_accounts")
      .select(publicColumns)
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toAccount(row);
  }

  async getWithSecret(environmentId: string, id: string): Promise<AccountWithSecret | undefined> {
    const row = await this.db
      .selectFrom("integrated_accounts")
      .select([...publicColumns, "credentials", "settings"])
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return (
      row && {
        ...toAccount(row),
        credentials: row.credentials,
        settings: parseSettings(row.settings),
      }
    );
  }

  /** Newest first, keyset-paginated on (created_at, id) so pages stay stable while accounts are added. */
  async list(
    environmentId: string,
    filter: AccountFilter,
    page: { limit: number; after?: KeysetPosition },
  ): Promise<IntegratedAccount[]> {
    let query = this.db
      .selectFrom("integrated_accounts")
      .select(publicColumns)
      .where("environment_id", "=", environmentId);
    if (filter.tenant_id !== undefined) query = query.where("tenant_id", "=", filter.tenant_id);
    if (filter.integration !== undefined) query = query.where("integration", "=", filter.integration);
    if (filter.status !== undefined) query = query.where("status", "=", filter.status);
    if (page.after) query = query.where(olderThan(page.after));
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).execute();
    return rows.map(toAccount);
  }

  async update(
    environmentId: string,
    id: string,
    changes: Partial<
      Pick<
        IntegratedAccountTable,
        "status" | "last_error" | "credentials" | "credentials_key_id" | "region"
      > & {
        settings: string;
        auth_method: AuthMethod;
      }
    >,
  ): Promise<IntegratedAccount | undefined> {
    const result = await this.db
      .updateTable("integrated_accounts")
      .set({ ...changes, updated_at: nowIso() })
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return this.get(environmentId, id);
  }

  /**
   * Moves the account to the integration that succeeds its own, with new sealed credentials: same id, tenant,
   * sync jobs and webhooks; the next sync matches the new directory to the old (`migration_pending`).
   * Undefined when the account does not exist in the environment.
   */
  async migrate(
    environmentId: string,
    id: string,
    change: Pick<IntegratedAccountTable, "integration" | "credentials" | "credentials_key_id" | "region"> & {
      settings: string;
      migrated_from: string;
    },
  ): Promise<IntegratedAccount | undefined> {
    const result = await this.db
      .updateTable("integrated_accounts")
      .set({
        ...change,
        auth_method: "key",
        migration_pending: 1,
        status: "active",
        last_error: null,
        updated_at: nowIso(),
      })
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    return this.get(environmentId, id);
  }

  /** The integration whose records the account's next sync matches to the new ones; undefined when none. */
  async pendingMigration(id: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("integrated_accounts")
      .select(["migrated_from", "migration_pending"])
      .where("id", "=", id)
      .executeTakeFirst();
    return row && Number(row.migration_pending) === 1 && row.migrated_from ? row.migrated_from : undefined;
  }

  /** Called by the commit of the matching sync: later syncs are ordinary. */
  async clearPendingMigration(id: string): Promise<void> {
    await this.db
      .updateTable("integrated_accounts")
      .set({ migration_pending: 0 })
      .where("id", "=", id)
      .execute();
  }

  /** Status changes seen during provider calls (e.g. a 401 -> needs_reauth). Returns true when it changed. */
  async setStatus(id: string, status: AccountStatus, lastError: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable("integrated_accounts")
      .set({ status, last_error: lastError, updated_at: nowIso() })
      .where("id", "=", id)
      .where("status", "!=", status)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(environmentId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("integrated_accounts")
      .where("environment_id", "=", environmentId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  // --- sealed-secret table (key rotation and start-up checks) ---

  async listNotUnderKey(keyId: string, limit: number): Promise<{ owner: string; sealed: string }[]> {
    const rows = await this.db
      .selectFrom("integrated_accounts")
      .select(["id", "credentials"])
      .where("credentials_key_id", "!=", keyId)
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ owner: r.id, sealed: r.credentials }));
  }

  async replace(owner: string, previous: string, next: { sealed: string; keyId: string }): Promise<boolean> {
    const result = await this.db
      .updateTable("integrated_accounts")
      .set({ credentials: next.sealed, credentials_key_id: next.keyId })
      .where("id", "=", owner)
      .where("credentials", "=", previous)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async keyIdsInUse(): Promise<string[]> {
    const rows = await this.db
      .selectFrom("integrated_accounts")
      .select("credentials_key_id")
      .distinct()
      .execute();
    return rows.map((r) => r.credentials_key_id);
  }

  /** One sealed secret per master key in use, to check at start-up that every one can be opened. */
  async samplePerKey(): Promise<{ owner: string; sealed: string }[]> {
    const samples: { owner: string; sealed: string }[] = [];
    for (const keyId of await this.keyIdsInUse()) {
      const row = await this.db
        .selectFrom("integrated_accounts")
        .select(["id", "credentials"])
        .where("credentials_key_id", "=", keyId)
        .limit(1)
        .executeTakeFirst();
      if (row) samples.push({ owner: row.id, sealed: row.credentials });
    }
    return samples;
  }
}

function toAccount(
  row: Omit<
    Selectable<IntegratedAccountTable>,
    "credentials" | "credentials_key_id" | "migration_pending" | "settings"
  >,
): IntegratedAccount {
  return {
    id: row.id,
    environment_id: row.environment_id,
    integration: row.integration,
    tenant_id: row.tenant_id,
    region: row.region,
    status: row.status as AccountStatus,
    last_error: row.last_error,
    auth_method: row.auth_method === "oauth" ? "oauth" : "key",
    migrated_from: row.migrated_from,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The stored settings object; anything but an object of strings reads as none. */
function parseSettings(json: string): Record<string, string> {
  try {
    const value = JSON.parse(json) as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}
