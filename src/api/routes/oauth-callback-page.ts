import crypto from "node:crypto";
import { CALLBACK_SCRIPT } from "./oauth-callback-script.ts";

/** What the callback page shows and hands on to the window that started the consent. */
export interface CallbackOutcome {
  ok: boolean;
  /** HTTP status of the page (200 on success, the refusal's otherwise). */
  status: number;
  title: string;
  message: string;
  /** A stable code for the refusal (e.g. `oauth_denied`, `oauth_state_invalid`) or for success `connected`. */
  code: string;
  integrated_account_id?: string;
  integration?: string;
  /** How the connect page was opened, when the state said so. */
  mode?: string;
  /** The link token's declared origin (postMessage target) and redirect, when known. */
  origin?: string | null;
  redirect_uri?: string | null;
  /**
   * Set when the answer carries a code for a usable state: the page's script finishes the sign-in by posting
   * the code with the browser's binding to `complete_url`; `label` names the provider in its words.
   */
  pending?: { complete_url: string; label: string };
}

/**
 * The page the provider's redirect lands on: plain words for the person, and a small inline script
 * (allowed by a per-response nonce) that, for a pending outcome, finishes the sign-in with the binding this
 * browser holds (see oauth-callback-script.ts), then hands the result on as the connect page would: to the
 * SDK's host (popup mode), to the connect page in the SDK's iframe that opened this window (iframe mode), or
 * by following the link's redirect (redirect mode). The result holds ids only, never a token.
 */
export function renderCallbackPage(outcome: CallbackOutcome): { html: string; csp: string } {
  const nonce = crypto.randomBytes(16).toString("base64");
  const data = JSON.stringify({
    type: "roster:oauth-result",
    ok: outcome.ok,
    code: outcome.code,
    message: outcome.message,
    integrated_account_id: outcome.integrated_account_id,
    integration: outcome.integration,
    mode: outcome.mode,
    origin: outcome.origin ?? null,
    redirect_uri: outcome.redirect_uri ?? null,
    pending: outcome.pending ?? null,
  }).replace(/</g, "\\u003c");
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(outcome.title)} · Roster</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#1c2330;background:#f4f5f7;margin:0;display:flex;justify-content:center}main{background:#fff;max-width:440px;margin:48px 16px;padding:24px 28px;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}.eyebrow{color:#5b6477;font-size:13px;text-transform:uppercase;letter-spacing:.06em;margin:0}</style>
</head>
<body><main data-state="${outcome.pending ? "finishing" : outcome.ok ? "connected" : "refused"}" data-code="${escapeHtml(outcome.code)}">
<p class="eyebrow">Roster</p><h1>${escapeHtml(outcome.title)}</h1><p id="message">${escapeHtml(outcome.message)}</p>
</main>
<script type="application/json" id="roster-oauth-result">${data}</script>
<script nonce="${nonce}">${CALLBACK_SCRIPT}</script>
</body></html>`;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'unsafe-inline'",
    // The script posts the code and binding to Roster itself, and nowhere else.
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
