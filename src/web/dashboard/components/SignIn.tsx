import { type FormEvent, useState } from "react";
import { createApi, RosterError } from "../api.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

/**
 * Asks for an API token and checks it with one authenticated read before keeping it. A token Roster refuses
 * (401) is said so in words; the token itself is never shown back, put in the URL or logged.
 */
export function SignIn({ onSignedIn, expired }: { onSignedIn: (token: string) => void; expired?: boolean }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<Error | undefined>(
    expired
      ? new RosterError(
          "unauthorized",
          "Roster no longer accepts the token you signed in with. Sign in again.",
          401,
        )
      : undefined,
  );
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) {
      setError(new RosterError("missing_token", "Enter an API token."));
      return;
    }
    setChecking(true);
    setError(undefined);
    try {
      await createApi(candidate).get("/integrated-account", { limit: 1 });
      onSignedIn(candidate);
    } catch (e) {
      setError(
        e instanceof RosterError && e.status === 401
          ? new RosterError(
              "unauthorized",
              "Roster did not accept this token. Check that it is complete and has not been revoked; `roster token create` prints a new one.",
              401,
            )
          : (e as Error),
      );
      setChecking(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card" onSubmit={submit} noValidate>
        <p className="eyebrow">Roster</p>
        <h1>Sign in to the dashboard</h1>
        <p className="muted">
          Use an API token: the dashboard shows what its environment sees. The token is kept in this tab only
          and forgotten when the tab closes.
        </p>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby={error ? "sign-in-error" : undefined}
          aria-invalid={error ? true : undefined}
        />
        {error && <ErrorNotice id="sign-in-error" error={error} />}
        <button type="submit" className="primary" disabled={checking}>
          {checking ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
