/**
 * The one-time binding of an OAuth sign-in to this browser (RFC 6749 §10.12): Roster answers it with the
 * consent URL, and the callback page must present it to finish the sign-in, so a consent URL sent to someone
 * else's browser links nothing. It never goes in a URL.
 */

/** Must match BINDING_STORAGE_PREFIX of the callback page's script (src/api/routes/oauth-callback-script.ts). */
const STORAGE_PREFIX = "roster:oauth-binding:";

/** The `state` the consent URL carries (RFC 6749 §4.1.1); the callback comes back with it. */
export function stateOf(authorizeUrl: string): string {
  return new URL(authorizeUrl).searchParams.get("state") ?? "";
}

/**
 * Redirect and popup modes: this window itself goes to the consent screen and comes back to the callback
 * page, which reads the binding from `sessionStorage` (this tab and Roster's origin only) and removes it.
 * Bindings of sign-ins started earlier in this tab are dropped: only the newest can still be finished here.
 */
export function keepInThisWindow(state: string, binding: string): void {
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(STORAGE_PREFIX)) sessionStorage.removeItem(key);
  }
  sessionStorage.setItem(`${STORAGE_PREFIX}${state}`, binding);
}

/**
 * Iframe mode: the consent runs in a window of its own, whose callback page asks this page (its opener) for
 * the binding. It is kept in memory and answered once, only to that window, only on Roster's own origin and
 * only for the state this page started. Returns a function that stops answering.
 */
export function answerFromMemory(consentWindow: Window, state: string, binding: string): () => void {
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== window.location.origin || event.source !== consentWindow) return;
    const request = event.data as { type?: unknown; state?: unknown } | null;
    if (request?.type !== "roster:oauth-binding-request" || request.state !== state) return;
    stop();
    consentWindow.postMessage({ type: "roster:oauth-binding", state, binding }, window.location.origin);
  };
  const stop = () => window.removeEventListener("message", onMessage);
  window.addEventListener("message", onMessage);
  return stop;
}
