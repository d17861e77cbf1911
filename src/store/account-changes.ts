import { sql } from "kysely";
import pg from "pg";
import type { StoreHandle } from "./database.ts";

/**
 * Tells every instance sharing the database that an integrated account changed (credentials, region, status,
 * deletion), so what they hold of it in memory is dropped at once. PostgreSQL only: LISTEN/NOTIFY on one
 * channel; the payload is `<schema>:<account id>`, because deployments may share a database in their own
 * schemas (`search_path`) and a notification reaches every session of the database. SQLite is one process:
 * nothing to tell. The payload names the account, never anything secret.
 */
const CHANNEL = "roster_account_changed";
/** After the listening connection fails, the wait before it is opened again (doubling, up to the maximum). */
const RECONNECT_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/** Publishes a change of `accountId` to the other instances (after the change committed). Never throws. */
export async function publishAccountChange(store: StoreHandle, accountId: string): Promise<void> {
  if (store.dialect !== "postgres") return;
  try {
    await sql`select pg_notify(${CHANNEL}, current_schema() || ':' || ${accountId})`.execute(store.db);
  } catch {
    // Best effort: the reader's bounded cache lifetime still limits how long the change goes unseen.
  }
}

export interface AccountChangeHandlers {
  /** An account changed on some instance (this one included). */
  changed(accountId: string): void;
  /** Notifications may have been missed (the connection was lost and is back): forget everything. */
  reset(): void;
}

export interface AccountChangeListener {
  close(): Promise<void>;
}

/**
 * Listens for account changes on a connection of its own (LISTEN holds it), reconnecting with backoff when it
 * is lost; `reset` is called on every (re)connection after the first, since changes may have been missed in
 * between. On SQLite it returns a listener that does nothing.
 */
export async function listenAccountChanges(
  store: StoreHandle,
  handlers: AccountChangeHandlers,
): Promise<AccountChangeListener> {
  const pool = store.pgPool;
  if (store.dialect !== "postgres" || !pool) return { close: async () => undefined };
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const connect = async (isFirst: boolean): Promise<void> => {
    const next = new pg.Client(pool.options);
    next.on("error", () => lost(next));
    next.on("end", () => lost(next));
    try {
      await next.connect();
      const row = (await next.query<{ schema: string }>("select current_schema() as schema")).rows[0];
      const prefix = `${row?.schema ?? ""}:`;
      next.on("notification", (message) => {
        if (message.channel === CHANNEL && message.payload?.startsWith(prefix))
          handlers.changed(message.payload.slice(prefix.length));
      });
      await next.query(`listen ${CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    failures = 0;
    if (!isFirst) handlers.reset();
  };

  const retryLater = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MS * 2 ** failures);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect(false).catch(() => {
        failures++;
        retryLater();
      });
    }, delay);
    retryTimer.unref();
  };

  const lost = (failed: pg.Client) => {
    if (closed || client !== failed) return;
    client = undefined;
    handlers.reset();
    void failed.end().catch(() => undefined);
    retryLater();
  };

  // A listener that cannot connect at start-up keeps trying; meanwhile the readers' bounded cache applies.
  await connect(true).catch(() => {
    failures++;
    retryLater();
  });
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
