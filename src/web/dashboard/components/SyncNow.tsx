import { useEffect, useRef, useState } from "react";
import type { RosterApi } from "../api.ts";
import type { Account, SyncJob, SyncRun } from "../types.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { RunProgress } from "./RunProgress.tsx";
import { RunStats } from "./RunStats.tsx";

/** How often a running sync is polled: often enough to look live, rarely enough to stay cheap. */
const POLL_MS = 700;

/**
 * "Sync now": runs the account's sync job (creating one for every resource the first time), then polls the
 * run (GET /sync-job-run/{id}) and shows its progress live, and its stats when it ends.
 */
export function SyncNow({
  api,
  account,
  onFinished,
}: {
  api: RosterApi;
  account: Account;
  onFinished: () => void;
}) {
  const [run, setRun] = useState<SyncRun | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [starting, setStarting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const busy = starting || run?.status === "queued" || run?.status === "running";

  async function start() {
    setError(undefined);
    setStarting(true);
    try {
      const jobs = await api.get<{ result: SyncJob[] }>("/sync-job", {
        integrated_account_id: account.id,
        limit: 1,
      });
      const job =
        jobs.result[0] ?? (await api.post<SyncJob>("/sync-job", { integrated_account_id: account.id }));
      const queued = await api.post<SyncRun>(`/sync-job/${job.id}/run`);
      setRun(queued);
      poll(queued.id);
    } catch (e) {
      setError(e as Error);
    } finally {
      setStarting(false);
    }
  }

  function poll(id: string) {
    timer.current = setTimeout(async () => {
      try {
        const next = await api.get<SyncRun>(`/sync-job-run/${id}`);
        setRun(next);
        if (next.status === "completed" || next.status === "failed") onFinished();
        else poll(id);
      } catch (e) {
        setError(e as Error);
      }
    }, POLL_MS);
  }

  return (
    <div className="sync-now">
      <button type="button" className="primary" onClick={start} disabled={busy}>
        {busy ? "Syncing…" : "Sync now"}
      </button>
      {run && <RunProgress run={run} />}
      {run?.status === "completed" && <RunStats stats={run.stats} caption="This sync" />}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
