import { countOf, noun } from "../format.ts";
import type { SyncRun } from "../types.ts";

/** A run's live progress: status, the resource being read, pages, records, requests and rate-limit waits. */
export function RunProgress({ run }: { run: SyncRun }) {
  const { progress } = run;
  const waitSeconds = (progress.wait_ms / 1000).toFixed(1);
  return (
    <output className="progress" aria-live="polite" data-run-status={run.status}>
      <span className="run-status">Run {run.status}</span>
      {run.status === "running" && progress.resource && <span> · reading {progress.resource}</span>}
      <span>
        {" "}
        · <span data-progress="pages">{progress.pages}</span> {noun(progress.pages, "page", "pages")} ·{" "}
        <span data-progress="records">{progress.records}</span> {noun(progress.records, "record", "records")}{" "}
        · {countOf(progress.requests, "request", "requests")} ·{" "}
        <span data-progress="waits">{progress.waits}</span>{" "}
        {noun(progress.waits, "rate-limit wait", "rate-limit waits")} ({waitSeconds} s)
      </span>
      {run.status === "failed" && run.error && <span className="error-text"> · {run.error}</span>}
      {run.warnings.length > 0 && <span> · {countOf(run.warnings.length, "warning", "warnings")}</span>}
    </output>
  );
}
