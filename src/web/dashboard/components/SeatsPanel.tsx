import type { RosterApi } from "../api.ts";
import type { Account } from "../types.ts";
import { useLoad } from "../use-load.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { SeatCard } from "./SeatCard.tsx";

/** Seats per account: used against available now, and over time. */
export function SeatsPanel({ api }: { api: RosterApi }) {
  const accounts = useLoad(() => api.all<Account>("/integrated-account", { limit: 100 }), "accounts");
  if (accounts.error) return <ErrorNotice error={accounts.error} />;
  if (!accounts.data) return <p className="muted">Loading accounts…</p>;
  if (accounts.data.length === 0) return <p className="muted">No integrated accounts yet.</p>;
  return (
    <ul className="cards">
      {accounts.data.map((account) => (
        <li key={account.id}>
          <SeatCard api={api} account={account} />
        </li>
      ))}
    </ul>
  );
}
