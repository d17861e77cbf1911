import { useState } from "react";
import type { Page, RosterApi } from "../api.ts";
import { countOf, formatTime } from "../format.ts";
import type { Delivery } from "../types.ts";
import { useLoad } from "../use-load.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

/** An endpoint's deliveries, newest first, with every attempt; a failed or dead delivery can be retried now. */
export function DeliveryLog({ api, webhookId }: { api: RosterApi; webhookId: string }) {
  const log = useLoad(
    () => api.get<Page<Delivery>>(`/webhook/${webhookId}/deliveries`, { limit: 50 }),
    `deliveries:${webhookId}`,
  );
  const [retryError, setRetryError] = useState<Error | undefined>();
  const [retried, setRetried] = useState<string | undefined>();

  async function retry(id: string) {
    setRetryError(undefined);
    try {
      await api.post(`/webhook-delivery/${id}/retry`);
      setRetried(id);
      log.reload();
    } catch (e) {
      setRetryError(e as Error);
    }
  }

  if (log.error) return <ErrorNotice error={log.error} />;
  if (!log.data) return <p className="muted">Loading deliveries…</p>;
  if (log.data.result.length === 0) return <p className="muted">No deliveries yet.</p>;
  return (
    <>
      {retryError && <ErrorNotice error={retryError} />}
      {retried && (
        <p className="small" role="status">
          Delivery queued again.
        </p>
      )}
      <ol className="deliveries" aria-label="Deliveries, newest first">
        {log.data.result.map((d) => (
          <li key={d.id} data-delivery-id={d.id} data-delivery-status={d.status}>
            <div className="delivery-head">
              <span className="feed-title">{d.type}</span>
              <span
                className={`badge ${d.status === "succeeded" ? "ok" : d.status === "pending" ? "" : "alert"}`}
              >
                {d.status}
              </span>
              {(d.status === "failed" || d.status === "dead") && (
                <button type="button" onClick={() => retry(d.id)}>
                  Retry
                </button>
              )}
            </div>
            <p className="small muted">
              {countOf(d.attempt_count, "attempt", "attempts")} · created {formatTime(d.created_at)}
              {d.next_attempt_at ? ` · next attempt ${formatTime(d.next_attempt_at)}` : ""}
            </p>
            {d.attempts && d.attempts.length > 0 && (
              <ul className="attempts" aria-label="Attempts">
                {d.attempts.map((a) => (
                  <li key={a.attempted_at} className="small">
                    {formatTime(a.attempted_at)} · {a.status_code ?? "no answer"} · {a.duration_ms} ms
                    {a.error ? ` · ${a.error}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
