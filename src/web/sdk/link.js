// Roster connect SDK: opens Roster's hosted connect page in a popup or an iframe overlay and resolves with the
// account the person connected. Plain, dependency-free ES module, served as is at <roster>/sdk/link.js.
//
//   import { connect } from "https://roster.example.com/sdk/link.js";
//   const { integrated_account_id } = await connect(linkToken, { baseUrl: "https://roster.example.com" });

/**
 * @typedef {{ integrated_account_id: string, integration: string }} ConnectResult
 * @typedef {"closed" | "invalid_token" | "expired_token" | "used_token" | "blocked" | "invalid_arguments"} ConnectErrorType
 * @typedef {{ error_type: ConnectErrorType, message: string }} ConnectError
 * @typedef {{ baseUrl: string, integration?: string, mode?: "popup" | "iframe" }} ConnectOptions
 */

const POPUP_NAME = "roster-connect";
const POPUP_FEATURES = "width=480,height=720";
const CLOSED_POLL_MS = 300;
// The page posts its result and then closes itself; both events race in the opener, so a closed popup is
// only reported once a message that was already on its way has had time to arrive.
const CLOSED_GRACE_MS = 400;

const messages = {
  closed: "The connect window was closed before an account was connected.",
  invalid_token: "The link token is not valid.",
  expired_token: "The link token has expired.",
  used_token: "The link token was already used.",
  blocked: "The browser blocked the connect popup. Call connect() from a click handler.",
  invalid_arguments: "connect() was called with invalid arguments.",
};
/** What the page reports when the link itself cannot be used. */
const TOKEN_ERRORS = ["invalid_token", "expired_token", "used_token"];

/**
 * Opens the connect page for `linkToken` and waits for the person to connect an account.
 * Call it from a user gesture (a click handler) in popup mode, or the browser may block the popup.
 *
 * @param {string} linkToken the `link_token` your backend got from `POST /link-token`
 * @param {ConnectOptions} options `baseUrl` of Roster; `integration` to preselect; `mode` "popup" (default) or "iframe"
 * @returns {Promise<ConnectResult>} rejects with a {@link ConnectError}
 */
export function connect(linkToken, options) {
  const { baseUrl, integration, mode = "popup" } = options ?? /** @type {ConnectOptions} */ ({});
  /** @type {URL} */
  let pageUrl;
  try {
    if (typeof linkToken !== "string" || linkToken === "")
      throw new Error("linkToken must be a non-empty string");
    if (mode !== "popup" && mode !== "iframe") throw new Error('mode must be "popup" or "iframe"');
    if (integration !== undefined && typeof integration !== "string")
      throw new Error("integration must be a string");
    pageUrl = connectPageUrl(baseUrl, linkToken, mode, integration);
  } catch (error) {
    return Promise.reject(
      failure("invalid_arguments", error instanceof Error ? error.message : String(error)),
    );
  }
  return mode === "popup" ? connectInPopup(pageUrl) : connectInIframe(pageUrl);
}

/**
 * @param {string} baseUrl
 * @param {string} linkToken
 * @param {string} mode
 * @param {string | undefined} integration
 */
function connectPageUrl(baseUrl, linkToken, mode, integration) {
  if (typeof baseUrl !== "string")
    throw new Error("baseUrl must be Roster's URL, e.g. https://roster.example.com");
  // A trailing slash keeps a path prefix (https://host/roster) when the relative page path is resolved.
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  if (base.protocol !== "https:" && base.protocol !== "http:")
    throw new Error("baseUrl must be an http(s) URL");
  const url = new URL(`link/${encodeURIComponent(linkToken)}`, base);
  url.searchParams.set("mode", mode);
  if (integration) url.searchParams.set("integration", integration);
  return url;
}

/** @param {URL} pageUrl */
function connectInPopup(pageUrl) {
  return new Promise((resolve, reject) => {
    const popup = window.open(pageUrl.href, POPUP_NAME, POPUP_FEATURES);
    if (!popup) {
      reject(failure("blocked"));
      return;
    }
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let graceTimer;
    const pollTimer = setInterval(() => {
      if (popup.closed && graceTimer === undefined)
        graceTimer = setTimeout(() => finish.reject("closed"), CLOSED_GRACE_MS);
    }, CLOSED_POLL_MS);
    const finish = listen(pageUrl.origin, popup, resolve, reject, () => {
      clearInterval(pollTimer);
      clearTimeout(graceTimer);
      if (!popup.closed) popup.close();
    });
    popup.focus();
  });
}

/** @param {URL} pageUrl */
function connectInIframe(pageUrl) {
  return new Promise((resolve, reject) => {
    const previousFocus = document.activeElement;
    const previousOverflow = document.body.style.overflow;
    const { overlay, iframe, closeButton } = buildOverlay(pageUrl);
    /** @param {KeyboardEvent} event */
    const onKeyDown = (event) => {
      if (event.key === "Escape") finish.reject("closed");
    };
    document.body.append(overlay);
    document.body.style.overflow = "hidden";
    const restoreInteractivity = makeRestInert(overlay);
    const contentWindow = iframe.contentWindow;
    if (!contentWindow) {
      overlay.remove();
      restoreInteractivity();
      document.body.style.overflow = previousOverflow;
      reject(failure("blocked", "The connect frame could not be created."));
      return;
    }
    const finish = listen(pageUrl.origin, contentWindow, resolve, reject, () => {
      document.removeEventListener("keydown", onKeyDown, true);
      overlay.remove();
      restoreInteractivity();
      document.body.style.overflow = previousOverflow;
      if (previousFocus instanceof HTMLElement) previousFocus.focus();
    });
    closeButton.addEventListener("click", () => finish.reject("closed"));
    document.addEventListener("keydown", onKeyDown, true);
    iframe.addEventListener("load", () => iframe.focus(), { once: true });
    closeButton.focus();
  });
}

/**
 * Listens for the page's messages, trusting only Roster's origin and the window the SDK opened; everything
 * else (other frames, other origins, the host page itself) is ignored. Settles once, then cleans up.
 *
 * @param {string} rosterOrigin
 * @param {Window} source
 * @param {(result: ConnectResult) => void} resolve
 * @param {(error: ConnectError) => void} reject
 * @param {() => void} cleanUp
 */
function listen(rosterOrigin, source, resolve, reject, cleanUp) {
  let settled = false;
  /** @param {() => void} settle */
  const once = (settle) => {
    if (settled) return;
    settled = true;
    window.removeEventListener("message", onMessage);
    cleanUp();
    settle();
  };
  /** @param {MessageEvent} event */
  function onMessage(event) {
    if (event.origin !== rosterOrigin || event.source !== source) return;
    const data = event.data;
    if (typeof data !== "object" || data === null) return;
    if (data.type === "roster:connected" && typeof data.integrated_account_id === "string") {
      const result = {
        integrated_account_id: data.integrated_account_id,
        integration: String(data.integration),
      };
      once(() => resolve(result));
    } else if (data.type === "roster:error" && TOKEN_ERRORS.includes(data.error_type)) {
      const message = typeof data.message === "string" ? data.message : undefined;
      once(() => reject(failure(data.error_type, message)));
    } else if (data.type === "roster:close") {
      once(() => reject(failure("closed")));
    }
  }
  window.addEventListener("message", onMessage);
  return {
    /** @param {ConnectErrorType} errorType */
    reject: (errorType) => once(() => reject(failure(errorType))),
  };
}

/**
 * A modal overlay keeps the keyboard inside it: the rest of the page becomes `inert` until it closes.
 * Elements the host had made inert itself stay inert afterwards.
 *
 * @param {HTMLElement} overlay
 * @returns {() => void} restores what it changed
 */
function makeRestInert(overlay) {
  const changed = [...document.body.children].filter(
    (element) => element !== overlay && element instanceof HTMLElement && !element.inert,
  );
  for (const element of changed) /** @type {HTMLElement} */ (element).inert = true;
  return () => {
    for (const element of changed) /** @type {HTMLElement} */ (element).inert = false;
  };
}

/** @param {URL} pageUrl */
function buildOverlay(pageUrl) {
  const overlay = document.createElement("div");
  overlay.setAttribute("data-roster-connect", "");
  overlay.setAttribute("role", "dialog");
  overlay.setAttribute("aria-modal", "true");
  overlay.setAttribute("aria-label", "Connect an account");
  // Styles through the CSSOM, not a style attribute or sheet, so host pages with a strict CSP still work.
  Object.assign(overlay.style, {
    position: "fixed",
    inset: "0",
    zIndex: "2147483647",
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    background: "rgba(15, 20, 30, 0.55)",
  });
  const frame = document.createElement("div");
  Object.assign(frame.style, {
    position: "relative",
    width: "min(480px, 100vw)",
    height: "min(720px, 100vh)",
  });
  const iframe = document.createElement("iframe");
  iframe.title = "Connect an account";
  iframe.src = pageUrl.href;
  iframe.referrerPolicy = "no-referrer";
  Object.assign(iframe.style, {
    width: "100%",
    height: "100%",
    border: "0",
    borderRadius: "12px",
    background: "#fff",
    boxShadow: "0 12px 40px rgba(0, 0, 0, 0.35)",
  });
  const closeButton = document.createElement("button");
  closeButton.type = "button";
  closeButton.textContent = "×";
  closeButton.setAttribute("aria-label", "Close");
  Object.assign(closeButton.style, {
    position: "absolute",
    top: "8px",
    right: "8px",
    width: "36px",
    height: "36px",
    border: "0",
    borderRadius: "18px",
    font: "24px/36px system-ui, sans-serif",
    color: "#1c2330",
    background: "rgba(255, 255, 255, 0.9)",
    cursor: "pointer",
  });
  frame.append(iframe, closeButton);
  overlay.append(frame);
  return { overlay, iframe, closeButton };
}

/**
 * @param {ConnectErrorType} errorType
 * @param {string} [message]
 * @returns {ConnectError}
 */
function failure(errorType, message) {
  return { error_type: errorType, message: message ?? messages[errorType] ?? errorType };
}
