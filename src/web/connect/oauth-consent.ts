import { type ConnectedAccount, RosterError, startOAuth } from "./api.ts";
import type { LinkMode } from "./link-location.ts";
import { answerFromMemory, keepInThisWindow, stateOf } from "./oauth-binding.ts";

const CONSENT_WINDOW = "roster-oauth-consent";
const CONSENT_FEATURES = "width=520,height=720";

/** What the callback page posts to the connect page that opened it (iframe mode). */
interface OAuthResult {
  type: "roster:oauth-result";
  ok: boolean;
  code: string;
  message: string;
  integrated_account_id?: string;
  integration?: string;
}

/**
 * Sends the person to the provider's consent screen. Providers refuse to be framed, so in the SDK's iframe
 * the consent opens in a window of its own (opened at once, inside the click, so no popup blocker stops it)
 * and the callback page in it answers this page, which resolves with the account; in a popup or a direct
 * link the page itself goes to the consent screen and the callback page delivers the result (the returned
 * promise then never settles: the page is left). Either way the callback page finishes the sign-in with the
 * binding kept here: in memory for the iframe (answered to the consent window), in `sessionStorage` otherwise.
 * Rejects with RosterError (the start was refused, the window was blocked or closed, the consent failed).
 */
export function consent(token: string, integration: string, mode: LinkMode): Promise<ConnectedAccount> {
  if (mode !== "iframe") {
    return startOAuth(token, integration, mode).then(({ authorize_url, binding }) => {
      keepInThisWindow(stateOf(authorize_url), binding);
      window.location.assign(authorize_url);
      return new Promise<ConnectedAccount>(() => {});
    });
  }
  const consentWindow = window.open("", CONSENT_WINDOW, CONSENT_FEATURES);
  if (!consentWindow)
    return Promise.reject(
      new RosterError(
        "popup_blocked",
        "The browser blocked the sign-in window. Allow pop-ups and try again.",
      ),
    );
  return new Promise<ConnectedAccount>((resolve, reject) => {
    const closedPoll = window.setInterval(() => {
      if (!consentWindow.closed) return;
      // The result is posted just before the window closes itself: let it arrive first.
      window.setTimeout(
        () =>
          finish(() =>
            reject(
              new RosterError(
                "consent_closed",
                "The sign-in window was closed before the account was connected.",
              ),
            ),
          ),
        500,
      );
    }, 300);
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== consentWindow) return;
      const data = event.data as OAuthResult | null;
      if (data?.type !== "roster:oauth-result") return;
      finish(() =>
        data.ok && data.integrated_account_id
          ? resolve({
              integrated_account_id: data.integrated_account_id,
              integration: data.integration ?? integration,
            })
          : reject(new RosterError(data.code, data.message)),
      );
    };
    let settled = false;
    let stopAnswering = () => {};
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      window.clearInterval(closedPoll);
      window.removeEventListener("message", onMessage);
      stopAnswering();
      settle();
    };
    window.addEventListener("message", onMessage);
    startOAuth(token, integration, mode).then(
      ({ authorize_url, binding }) => {
        stopAnswering = answerFromMemory(consentWindow, stateOf(authorize_url), binding);
        consentWindow.location.href = authorize_url;
      },
      (error: unknown) => {
        consentWindow.close();
        finish(() => reject(error));
      },
    );
  });
}
