import { useState } from "react";
import type { RosterApi } from "../api.ts";
import type { Account } from "../types.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

/**
 * For an account whose credentials were revoked: creates a reconnect link (POST /link-token with the account's
 * id, which keeps the id) and shows it to copy and send to the customer.
 */
export function ReconnectLink({ api, account }: { api: RosterApi; account: Account }) {
  const [url, setUrl] = useState<string | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [copied, setCopied] = useState(false);

  async function create() {
    setError(undefined);
    try {
      const link = await api.post<{ link_url: string }>("/link-token", {
        tenant_id: account.tenant_id,
        integrated_account_id: account.id,
      });
      setUrl(link.link_url);
    } catch (e) {
      setError(e as Error);
    }
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard permission: the field is selected so Ctrl+C copies it.
      (document.getElementById(`reconnect-${account.id}`) as HTMLInputElement | null)?.select();
    }
  }

  return (
    <div className="reconnect">
      <button type="button" className="warning" onClick={create}>
        Create reconnect link
      </button>
      {url && (
        <div className="copy-row">
          <label htmlFor={`reconnect-${account.id}`}>Reconnect link</label>
          <input id={`reconnect-${account.id}`} readOnly value={url} onFocus={(e) => e.target.select()} />
          <button type="button" onClick={copy}>
            {copied ? "Copied" : "Copy"}
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
