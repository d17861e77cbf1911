/** Where the connect page keeps a consent's binding in `sessionStorage` (redirect and popup modes), by state. */
export const BINDING_STORAGE_PREFIX = "roster:oauth-binding:";

/** How long the callback page waits for the connect page that opened it to hand over the binding (ms). */
const OPENER_WAIT_MS = 3000;

/**
 * Runs in the callback page (see renderCallbackPage), reading the outcome from its data block. A final
 * outcome (a refusal) is handed on at once. A pending one is finished here: the code and state are taken off
 * the address bar, the binding is found — in `sessionStorage` when this window started the consent (redirect,
 * popup), else by asking the opener, the connect page in the SDK's iframe, which answers only its own origin
 * and only for the state it started — and posted with the code to the completion route. Without a binding
 * (another browser) the post still goes, without one, so the state is used up and the code is worth nothing.
 * The binding is removed from storage as soon as it is read. The result is then shown and handed on.
 */
export const CALLBACK_SCRIPT = `(() => {
  const data = JSON.parse(document.getElementById("roster-oauth-result").textContent);
  const opener = window.opener;
  const closeSoon = () => setTimeout(() => window.close(), 50);
  const handOff = (result) => {
    if (data.mode === "iframe" && opener) {
      opener.postMessage(result, location.origin);
      closeSoon();
    } else if (data.mode === "popup" && opener && result.ok) {
      opener.postMessage({ type: "roster:connected", integrated_account_id: result.integrated_account_id, integration: result.integration }, data.origin || "*");
      closeSoon();
    } else if (result.ok && data.redirect_uri) {
      const url = new URL(data.redirect_uri);
      url.searchParams.set("integrated_account_id", result.integrated_account_id);
      location.assign(url.toString());
    }
  };
  if (!data.pending) return handOff(data);

  const label = data.pending.label;
  const query = new URLSearchParams(location.search);
  const state = query.get("state") || "";
  const code = query.get("code") || "";
  history.replaceState(null, "", location.pathname);
  const show = (result, title) => {
    const main = document.querySelector("main");
    main.dataset.state = result.ok ? "connected" : "refused";
    main.dataset.code = result.code;
    main.querySelector("h1").textContent = title;
    document.getElementById("message").textContent = result.message;
    document.title = title + " · Roster";
  };
  const fromStorage = () => {
    try {
      const key = ${JSON.stringify(BINDING_STORAGE_PREFIX)} + state;
      const binding = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
      return binding;
    } catch {
      return null;
    }
  };
  const fromOpener = () => new Promise((resolve) => {
    if (data.mode !== "iframe" || !opener) return resolve(null);
    const done = (binding) => {
      clearTimeout(timer);
      window.removeEventListener("message", onMessage);
      resolve(binding);
    };
    const onMessage = (event) => {
      const answer = event.data;
      if (event.origin !== location.origin || event.source !== opener) return;
      if (!answer || answer.type !== "roster:oauth-binding" || answer.state !== state) return;
      done(typeof answer.binding === "string" ? answer.binding : null);
    };
    const timer = setTimeout(() => done(null), ${OPENER_WAIT_MS});
    window.addEventListener("message", onMessage);
    try {
      opener.postMessage({ type: "roster:oauth-binding-request", state }, location.origin);
    } catch {
      done(null);
    }
  });
  const complete = async (binding) => {
    try {
      const response = await fetch(data.pending.complete_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(binding ? { state, code, binding } : { state, code }),
        credentials: "same-origin",
        cache: "no-store",
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok)
        return { ok: true, code: "connected", integrated_account_id: body.integrated_account_id, integration: body.integration };
      return { ok: false, code: String(body.code || "unexpected_error"), message: String(body.message || "Something went wrong.") };
    } catch {
      return { ok: false, code: "network_error", message: "Roster could not be reached. Check the connection, then start again." };
    }
  };
  (async () => {
    const binding = fromStorage() || (await fromOpener());
    const result = await complete(binding);
    if (result.ok)
      result.message = data.mode === "redirect" && data.redirect_uri ? "Taking you back…" : "You can close this window.";
    show(result, result.ok ? label + " is connected" : label + " was not connected");
    handOff({ type: "roster:oauth-result", ...result });
  })();
})();`;
