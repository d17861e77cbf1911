import { useState } from "react";
import type { Page, RosterApi } from "../api.ts";
import { changeTypes, describeChange, directoryChangeTypes } from "../change-words.ts";
import { accountLabel, formatTime } from "../format.ts";
import type { Account, ChangeEvent } from "../types.ts";
import { useLoad } from "../use-load.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

const PAGE = 50;

/** The recent change feed (GET /event), newest first, filterable by account and type, with "Load more". */
export function ChangesPanel({ api }: { api: RosterApi }) {
  const [account, setAccount] = useState("");
  // "directory": people, teams, roles and seats; "all": every event, sync runs and accounts included.
  const [type, setType] = useState("directory");
  const [more, setMore] = useState<{ events: ChangeEvent[]; cursor: string | null } | undefined>();
  const [moreError, setMoreError] = useState<Error | undefined>();
  const accounts = useLoad(() => api.all<Account>("/integrated-account", { limit: 100 }), "accounts");
  const types = type === "directory" ? directoryChangeTypes.join(",") : type === "all" ? undefined : type;
  const filter = { integrated_account_id: account || undefined, type: types, limit: PAGE };
  const first = useLoad(() => {
    setMore(undefined);
    return api.get<Page<ChangeEvent>>("/event", filter);
  }, `events:${account}:${type}`);

  const events = [...(first.data?.result ?? []), ...(more?.events ?? [])];
  const cursor = more ? more.cursor : (first.data?.next_cursor ?? null);

  async function loadMore() {
    if (!cursor) return;
    try {
      const page = await api.get<Page<ChangeEvent>>("/event", { ...filter, next_cursor: cursor });
      setMore({ events: [...(more?.events ?? []), ...page.result], cursor: page.next_cursor });
    } catch (e) {
      setMoreError(e as Error);
    }
  }

  const accountName = (id: string) => {
    const a = accounts.data?.find((x) => x.id === id);
    return a ? accountLabel(a) : id;
  };

  return (
    <section aria-label="Change feed">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="changes-account">Account</label>
          <select id="changes-account" value={account} onChange={(e) => setAccount(e.target.value)}>
            <option value="">All accounts</option>
            {(accounts.data ?? []).map((a) => (
              <option key={a.id} value={a.id} title={a.id}>
                {accountLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="changes-type">Type of change</label>
          <select id="changes-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="directory">People, teams, roles and seats</option>
            <option value="all">Everything (accounts and syncs too)</option>
            {changeTypes.map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </div>
      </form>
      {first.error && <ErrorNotice error={first.error} />}
      {first.loading && !first.data && <p className="muted">Loading changes…</p>}
      {first.data && events.length === 0 && <p className="muted">No changes yet.</p>}
      {events.length > 0 && (
        <ol className="feed" aria-label="Changes, newest first">
          {events.map((event) => {
            const { title, detail } = describeChange(event);
            return (
              <li key={event.id} data-event-type={event.type}>
                <span className="feed-title">{title}</span>
                <span className="feed-detail">{detail}</span>
                <span className="small muted">
                  {accountName(event.integrated_account_id)} · {formatTime(event.created_at)}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {moreError && <ErrorNotice error={moreError} />}
      {cursor && (
        <button type="button" onClick={loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
