import type { RosterApi } from "../api.ts";
import type { Webhook } from "../types.ts";
import { useLoad } from "../use-load.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { WebhookCard } from "./WebhookCard.tsx";

/** The environment's webhook endpoints, each with its delivery log. */
export function WebhooksPanel({ api }: { api: RosterApi }) {
  const webhooks = useLoad(() => api.all<Webhook>("/webhook", { limit: 100 }), "webhooks");
  if (webhooks.error) return <ErrorNotice error={webhooks.error} />;
  if (!webhooks.data) return <p className="muted">Loading webhooks…</p>;
  if (webhooks.data.length === 0)
    return <p className="muted">No webhook endpoints. Add one with POST /webhook.</p>;
  return (
    <ul className="cards">
      {webhooks.data.map((webhook) => (
        <li key={webhook.id}>
          <WebhookCard api={api} webhook={webhook} />
        </li>
      ))}
    </ul>
  );
}
