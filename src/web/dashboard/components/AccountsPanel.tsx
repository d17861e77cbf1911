import type { RosterApi } from "../api.ts";
import type { Account } from "../types.ts";
import { useLoad } from "../use-load.ts";
import { AccountCard } from "./AccountCard.tsx";
import { ErrorNotice } from "./ErrorNotice.tsx";

/** Every integrated account of the environment, accounts that need reconnecting first. */
export function AccountsPanel({ api }: { api: RosterApi }) {
  const accounts = useLoad(() => api.all<Account>("/integrated-account", { limit: 100 }), "accounts");
  if (accounts.error) return <ErrorNotice error={accounts.error} />;
  if (!accounts.data) return <p className="muted">Loading accounts…</p>;
  if (accounts.data.length === 0)
    return (
      <p className="muted">No integrated accounts yet. Link one with a link token (POST /link-token).</p>
    );
  const ordered = [...accounts.data].sort(
    (a, b) => Number(b.status === "needs_reauth") - Number(a.status === "needs_reauth"),
  );
  return (
    <ul className="cards">
      {ordered.map((account) => (
        <li key={account.id}>
          <AccountCard api={api} account={account} />
        </li>
      ))}
    </ul>
  );
}
