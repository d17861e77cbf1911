import { useState } from "react";
import type { RosterApi } from "../api.ts";
import { AccountsPanel } from "./AccountsPanel.tsx";
import { ChangesPanel } from "./ChangesPanel.tsx";
import { PanelBoundary } from "./PanelBoundary.tsx";
import { PeoplePanel } from "./PeoplePanel.tsx";
import { SeatsPanel } from "./SeatsPanel.tsx";
import { WebhooksPanel } from "./WebhooksPanel.tsx";

const panels = [
  { id: "accounts", label: "Accounts" },
  { id: "seats", label: "Seats" },
  { id: "people", label: "People" },
  { id: "changes", label: "Changes" },
  { id: "webhooks", label: "Webhooks" },
] as const;

type PanelId = (typeof panels)[number]["id"];

/** The signed-in dashboard: a header, the panel switch (buttons, in tab order) and the chosen panel. */
export function Shell({ api, onSignOut }: { api: RosterApi; onSignOut: () => void }) {
  const [panel, setPanel] = useState<PanelId>("accounts");
  const current = panels.find((p) => p.id === panel) ?? panels[0];
  return (
    <div className="shell">
      <header className="top">
        <p className="brand">Roster</p>
        <nav aria-label="Panels">
          <ul>
            {panels.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={p.id === panel ? "page" : undefined}
                  onClick={() => setPanel(p.id)}
                >
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main className="panel" aria-labelledby="panel-title">
        <h1 id="panel-title">{current.label}</h1>
        {/* keyed by panel: switching panels gives a failed one a fresh start */}
        <PanelBoundary key={panel}>
          {panel === "accounts" && <AccountsPanel api={api} />}
          {panel === "seats" && <SeatsPanel api={api} />}
          {panel === "people" && <PeoplePanel api={api} />}
          {panel === "changes" && <ChangesPanel api={api} />}
          {panel === "webhooks" && <WebhooksPanel api={api} />}
        </PanelBoundary>
      </main>
    </div>
  );
}
