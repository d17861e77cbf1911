import type { ConnectedAccount } from "./api.ts";
import type { TokenErrorType } from "./error-copy.ts";
import type { LinkMode } from "./link-location.ts";

/** What happened to the result after a successful connection; the page shows a matching state. */
export type Delivery = "posted" | "redirected" | "shown";

/**
 * The window that opened or embeds this page, if any: the SDK's popup answers its opener, the iframe its
 * parent. In redirect mode there is nobody to talk to.
 */
function hostWindow(mode: LinkMode): Window | null {
  if (mode === "popup") return window.opener as Window | null;
  if (mode === "iframe" && window.parent !== window) return window.parent;
  return null;
}

/**
 * The message goes to the origin declared when the link token was created, so no other page can read it.
 * When no origin was declared, "*" is used: the message holds only the new account's id and the
 * integration name, neither of which grants access (reading the account needs the product's API token),
 * and the token's creator chose not to pin an origin.
 */
function targetOrigin(declaredOrigin: string | null): string {
  return declaredOrigin ?? "*";
}

export function deliverConnected(
  account: ConnectedAccount,
  session: { origin: string | null; redirect_uri: string | null },
  mode: LinkMode,
): Delivery {
  const host = hostWindow(mode);
  const message = {
    type: "roster:connected",
    integrated_account_id: account.integrated_account_id,
    integration: account.integration,
  };
  if (host) {
    host.postMessage(message, targetOrigin(session.origin));
    // A popup's job is done; the SDK closes it too, this covers hosts that opened the page themselves.
    if (mode === "popup") window.setTimeout(() => window.close(), 50);
    return "posted";
  }
  if (session.redirect_uri) {
    window.location.assign(withAccountId(session.redirect_uri, account.integrated_account_id));
    return "redirected";
  }
  return "shown";
}

/** `redirect_uri?integrated_account_id=...`, keeping the redirect's own query and fragment intact. */
export function withAccountId(redirectUri: string, accountId: string): string {
  const url = new URL(redirectUri, window.location.href);
  url.searchParams.set("integrated_account_id", accountId);
  return url.toString();
}

/** The link is unusable: let the SDK reject at once instead of waiting for the person to close the window. */
export function deliverTokenError(errorType: TokenErrorType, message: string, mode: LinkMode): void {
  // The session could not be loaded, so no origin is known; the message says nothing secret.
  hostWindow(mode)?.postMessage({ type: "roster:error", error_type: errorType, message }, "*");
}

/** Escape inside the iframe never reaches the host page (another origin), so the page relays it. */
export function requestClose(declaredOrigin: string | null, mode: LinkMode): void {
  if (mode === "iframe")
    hostWindow(mode)?.postMessage({ type: "roster:close" }, targetOrigin(declaredOrigin));
}
