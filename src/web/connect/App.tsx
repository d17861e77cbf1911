import { useEffect, useState } from "react";
import { type ConnectedAccount, type LinkSession, loadSession, RosterError } from "./api.ts";
import { ConnectForm } from "./components/ConnectForm.tsx";
import { ErrorNotice } from "./components/ErrorNotice.tsx";
import { SuccessNotice } from "./components/SuccessNotice.tsx";
import { tokenErrorType } from "./error-copy.ts";
import type { LinkLocation } from "./link-location.ts";
import { type Delivery, deliverConnected, deliverTokenError, requestClose } from "./notify-host.ts";

type View =
  | { kind: "loading" }
  | { kind: "unusable"; error: RosterError }
  | { kind: "form"; session: LinkSession }
  | { kind: "connected"; session: LinkSession; account: ConnectedAccount; delivery: Delivery };

export function App({ link }: { link: LinkLocation }) {
  const [view, setView] = useState<View>({ kind: "loading" });

  const linkUnusable = (error: RosterError) => {
    setView({ kind: "unusable", error });
    const errorType = tokenErrorType(error);
    if (errorType) deliverTokenError(errorType, error.message, link.mode);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the session is loaded once per page load.
  useEffect(() => {
    loadSession(link.token).then(
      (session) => setView({ kind: "form", session }),
      (error: unknown) =>
        linkUnusable(
          error instanceof RosterError ? error : new RosterError("unexpected_error", String(error)),
        ),
    );
  }, []);

  const origin = view.kind === "form" || view.kind === "connected" ? view.session.origin : null;
  useEffect(() => {
    if (link.mode !== "iframe") return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") requestClose(origin, link.mode);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [origin, link.mode]);

  const session = view.kind === "form" || view.kind === "connected" ? view.session : null;
  const preset = session ? presetIntegration(session, link.integration) : null;
  const title = preset
    ? `${session?.reconnect ? "Reconnect" : "Connect"} ${preset.label}`
    : "Connect an account";

  return (
    <main className="card" aria-busy={view.kind === "loading"}>
      <header>
        <p className="eyebrow">Roster</p>
        <h1>{view.kind === "unusable" ? "This link cannot be used" : title}</h1>
        {session?.reconnect && view.kind === "form" ? (
          <p className="lead">
            Connect it again below. The connection keeps its identity; nothing else changes.
          </p>
        ) : null}
        {view.kind === "form" && !session?.reconnect ? (
          <p className="lead">
            What you give is checked, then stored encrypted. It is never shown to anyone again.
          </p>
        ) : null}
      </header>
      {view.kind === "loading" ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : null}
      {view.kind === "unusable" ? <ErrorNotice error={view.error} /> : null}
      {view.kind === "form" ? (
        <ConnectForm
          token={link.token}
          integrations={view.session.integrations}
          preset={preset}
          onConnected={(account) =>
            setView({
              kind: "connected",
              session: view.session,
              account,
              delivery: deliverConnected(account, view.session, link.mode),
            })
          }
          onLinkUnusable={linkUnusable}
          mode={link.mode}
        />
      ) : null}
      {view.kind === "connected" ? (
        <SuccessNotice
          integrationLabel={
            view.session.integrations.find((option) => option.name === view.account.integration)?.label ??
            view.account.integration
          }
          delivery={view.delivery}
        />
      ) : null}
    </main>
  );
}

/**
 * The token's own integration wins over the one the embedding app asked for in the URL; with a single
 * integration on offer there is nothing to choose either.
 */
function presetIntegration(session: LinkSession, requested: string | null) {
  const name = session.integration ?? requested;
  const named = session.integrations.find((option) => option.name === name);
  return named ?? (session.integrations.length === 1 ? (session.integrations[0] ?? null) : null);
}
