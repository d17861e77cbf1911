import type { RosterApi } from "../api.ts";
import { formatTime, linkedWith } from "../format.ts";
import type { Account, SyncRun } from "../types.ts";
import { useLoad } from "../use-load.ts";
import { AccountTitle } from "./AccountTitle.tsx";
import { ReconnectLink } from "./ReconnectLink.tsx";
import { RunStats } from "./RunStats.tsx";
import { StatusBadge } from "./StatusBadge.tsx";
import { SyncNow } from "./SyncNow.tsx";

/** One account: who it is, its status, its last sync and how it ended, and the actions it needs. */
export function AccountCard({ api, account }: { api: RosterApi; account: Account }) {
  const lastRun = useLoad(
    () =>
      api
        .get<{ result: SyncRun[] }>("/sync-job-run", { integrated_account_id: account.id, limit: 1 })
        .then((page) => page.result[0] ?? null),
    `last-run:${account.id}`,
  );
  const run = lastRun.data;
  return (
    <article
      className={`card account ${account.status === "needs_reauth" ? "attention" : ""}`}
      aria-labelledby={`account-${account.id} account-${account.id}-ref`}
      data-account-id={account.id}
    >
      <header className="card-head">
        <AccountTitle account={account} id={`account-${account.id}`} />
        <StatusBadge status={account.status} />
      </header>
      <dl className="facts">
        <dt>Provider</dt>
        <dd>{account.integration}</dd>
        <dt>Region</dt>
        <dd>{account.region ?? "–"}</dd>
        <dt>Tenant</dt>
        <dd>{account.tenant_id}</dd>
        <dt>Linked with</dt>
        <dd>{linkedWith(account)}</dd>
        {account.migrated_from && (
          <>
            <dt>Migrated from</dt>
            <dd data-field="migrated-from">{account.migrated_from}</dd>
          </>
        )}
        <dt>Last sync</dt>
        <dd data-field="last-sync">
          {lastRun.error
            ? "could not be read"
            : run === undefined
              ? "…"
              : run === null
                ? "never synced"
                : `${run.status} · ${formatTime(run.finished_at ?? run.started_at ?? run.created_at)}`}
        </dd>
      </dl>
      {account.last_error && <p className="small muted">Last error: {account.last_error}</p>}
      {run?.status === "failed" && run.error && <p className="small error-text">Sync failed: {run.error}</p>}
      {run?.status === "completed" && <RunStats stats={run.stats} caption="Last sync" />}
      <div className="actions">
        {account.status === "needs_reauth" && <ReconnectLink api={api} account={account} />}
        <SyncNow api={api} account={account} onFinished={lastRun.reload} />
      </div>
    </article>
  );
}
