import { useState } from "react";
import type { RosterApi } from "../api.ts";
import type { Webhook } from "../types.ts";
import { DeliveryLog } from "./DeliveryLog.tsx";

/** One endpoint: where it posts, what it subscribes to, whether it is active, and its delivery log. */
export function WebhookCard({ api, webhook }: { api: RosterApi; webhook: Webhook }) {
  const [open, setOpen] = useState(false);
  const active = webhook.status === "active";
  const titleId = `webhook-${webhook.id}`;
  return (
    <article
      className={`card ${active ? "" : "attention"}`}
      aria-labelledby={titleId}
      data-webhook-id={webhook.id}
    >
      <header className="card-head">
        <h2 id={titleId} className="url">
          {webhook.target_url}
        </h2>
        <span className={`badge ${active ? "ok" : "alert"}`} data-status={webhook.status}>
          <span aria-hidden="true">{active ? "●" : "▲"}</span> {active ? "Active" : "Disabled"}
        </span>
      </header>
      {!active && webhook.disabled_reason && <p className="small">Disabled: {webhook.disabled_reason}</p>}
      <p className="small muted">Events: {webhook.event_types.join(", ")}</p>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`deliveries-${webhook.id}`}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? "Hide delivery log" : "Show delivery log"}
      </button>
      {open && (
        <div id={`deliveries-${webhook.id}`}>
          <DeliveryLog api={api} webhookId={webhook.id} />
        </div>
      )}
    </article>
  );
}
