import crypto from "node:crypto";
import { type PagerdutySimulator, startPagerdutySimulator } from "../../simulators/pagerduty/index.ts";
import { startTestRoster, type TestRoster } from "../helpers/roster.ts";

/**
 * The outcome of the browser landing on the callback: the page's own (a refusal), or, when the page finishes
 * the sign-in, the answer of POST /link/oauth/complete its script would get.
 */
export interface CallbackPage {
  status: number;
  html: string;
  ok: boolean;
  code: string;
  message?: string;
  integrated_account_id?: string;
}

/**
 * Roster instances (sharing one database and master key) pointed at a PagerDuty simulator whose OAuth client
 * the operator configured (of the US service region unless told), a second simulator standing for the other
 * region's API host (its own account: tokens of `pd` do not work there), and one clock for Roster and the
 * simulator's authorization server, so a test can move both past an access token's expiry.
 */
export interface OAuthWorld {
  roster: TestRoster;
  pd: PagerdutySimulator;
  /** The other region's API host (PAGERDUTY_EU_BASE_URL in a US world, PAGERDUTY_US_BASE_URL in an EU one). */
  otherRegion: PagerdutySimulator;
  databaseUrl: string;
  /** Another instance on the same database (scale-out); closed with the world. */
  startInstance(): Promise<TestRoster>;
  /** Moves Roster's and the authorization server's clocks forward. */
  advance(seconds: number): void;
  /**
   * The consent URL of a new link token (POST /link-token, then the connect page's OAuth start) and the
   * binding answered with it (also remembered by state for `callback`).
   */
  startConsent(
    linkBody?: Record<string, unknown>,
  ): Promise<{ authorizeUrl: string; linkToken: string; binding: string }>;
  /** The connect page's OAuth start for an existing link token; its binding is remembered as above. */
  startOAuth(linkToken: string): Promise<{ authorizeUrl: string; binding: string }>;
  /** Clicks Approve or Deny on the simulated consent page; the callback URL the browser would follow. */
  decide(authorizeUrl: string, decision: "approve" | "deny"): Promise<string>;
  /**
   * The browser that started the consent landing on Roster's callback (a path and query): the binding
   * remembered for the URL's state is posted as the page's script would.
   */
  callback(url: string, roster?: TestRoster): Promise<CallbackPage>;
  /** startConsent + approve + callback: the new account's id. */
  connect(linkBody?: Record<string, unknown>): Promise<string>;
  get(url: string, roster?: TestRoster): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startOAuthWorld(
  databaseUrl: string,
  options: { region?: "us" | "eu"; env?: Record<string, string> } = {},
): Promise<OAuthWorld> {
  const region = options.region ?? "us";
  const pd = await startPagerdutySimulator({ region, users: 30, teams: 4 });
  const otherRegion = await startPagerdutySimulator({
    region: region === "us" ? "eu" : "us",
    users: 3,
    teams: 1,
    seed: 7,
  });
  let offsetMs = 0;
  const clock = () => Date.now() + offsetMs;
  const env = {
    PAGERDUTY_US_BASE_URL: region === "us" ? pd.url : otherRegion.url,
    PAGERDUTY_EU_BASE_URL: region === "eu" ? pd.url : otherRegion.url,
    PAGERDUTY_OAUTH_CLIENT_ID: pd.oauthClient.clientId,
    PAGERDUTY_OAUTH_CLIENT_SECRET: pd.oauthClient.clientSecret,
    PAGERDUTY_OAUTH_BASE_URL: pd.url,
    ROSTER_MASTER_KEY: `k1:${crypto.randomBytes(32).toString("base64")}`,
    ROSTER_JOBS: "off",
    ...options.env,
  };
  const start = () => startTestRoster({ databaseUrl, env, overrides: { clock } });
  const roster = await start();
  const instances: TestRoster[] = [];
  /** The binding of each state started, as the connect page keeps it. */
  const bindings = new Map<string, string>();

  const world: OAuthWorld = {
    roster,
    pd,
    otherRegion,
    databaseUrl,
    async startInstance() {
      const instance = await start();
      instances.push(instance);
      return instance;
    },
    advance(seconds) {
      offsetMs += seconds * 1000;
      pd.oauth.advance(seconds);
    },
    async startConsent(linkBody = {}) {
      const link = await roster.app.inject({
        method: "POST",
        url: "/link-token",
        headers: roster.auth,
        payload: { tenant_id: "customer-1", integration: "pagerduty", ...linkBody },
      });
      if (link.statusCode !== 201) throw new Error(`POST /link-token: ${link.statusCode} ${link.body}`);
      const linkToken = link.json().link_token as string;
      return { ...(await world.startOAuth(linkToken)), linkToken };
    },
    async startOAuth(linkToken) {
      const started = await roster.app.inject({
        method: "POST",
        url: `/link-token/${linkToken}/oauth`,
        payload: { integration: "pagerduty", mode: "redirect" },
      });
      if (started.statusCode !== 201) throw new Error(`OAuth start: ${started.statusCode} ${started.body}`);
      const { authorize_url: authorizeUrl, binding } = started.json() as {
        authorize_url: string;
        binding: string;
      };
      bindings.set(new URL(authorizeUrl).searchParams.get("state") ?? "", binding);
      return { authorizeUrl, binding };
    },
    async decide(authorizeUrl, decision) {
      const page = await fetch(authorizeUrl);
      if (page.status !== 200) throw new Error(`consent page: ${page.status} ${await page.text()}`);
      const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
      form.set("decision", decision);
      const answer = await fetch(`${new URL(authorizeUrl).origin}/oauth/authorize`, {
        method: "POST",
        body: form,
        redirect: "manual",
      });
      const location = answer.headers.get("location");
      if (answer.status !== 302 || !location) throw new Error(`consent decision: ${answer.status}`);
      return location;
    },
    async callback(url, instance = roster) {
      const state = new URL(url, "http://localhost").searchParams.get("state") ?? "";
      return landOnCallback(instance, url, bindings.get(state));
    },
    async connect(linkBody) {
      const { authorizeUrl } = await world.startConsent(linkBody);
      const page = await world.callback(await world.decide(authorizeUrl, "approve"));
      if (!page.ok || !page.integrated_account_id) throw new Error(`callback: ${page.status} ${page.code}`);
      return page.integrated_account_id;
    },
    async get(url, instance = roster) {
      const res = await instance.app.inject({ url, headers: instance.auth });
      return { status: res.statusCode, body: res.json() };
    },
    async close() {
      for (const instance of instances) await instance.close();
      await roster.close();
      await Promise.all([pd.close(), otherRegion.close()]);
    },
  };
  return world;
}

/**
 * Clicks Approve or Deny on a simulated consent page (the form posts back to the page's own path); the
 * callback URL the browser would be redirected to.
 */
export async function decide(authorizeUrl: string, decision: "approve" | "deny"): Promise<string> {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${await page.text()}`);
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("decision", decision);
  const answer = await fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location) throw new Error(`consent decision: ${answer.status}`);
  return location;
}

/**
 * The browser landing on Roster's callback: the page's refusal, or, when the page finishes the sign-in, what
 * POST /link/oauth/complete answers to the `binding` its script found (none: another browser).
 */
export async function landOnCallback(
  roster: TestRoster,
  url: string,
  binding?: string,
): Promise<CallbackPage> {
  const target = new URL(url, "http://localhost");
  const res = await roster.app.inject({ method: "GET", url: `${target.pathname}${target.search}` });
  const data = /<script type="application\/json" id="roster-oauth-result">(.*?)<\/script>/s.exec(res.body);
  const parsed = data?.[1] ? (JSON.parse(data[1]) as Record<string, any>) : {};
  if (res.statusCode !== 200 || !parsed.pending)
    return {
      status: res.statusCode,
      html: res.body,
      ok: parsed.ok === true,
      code: String(parsed.code ?? ""),
      message: parsed.message as string | undefined,
      integrated_account_id: parsed.integrated_account_id as string | undefined,
    };
  const completed = await roster.app.inject({
    method: "POST",
    url: String(parsed.pending.complete_url),
    payload: {
      state: target.searchParams.get("state"),
      code: target.searchParams.get("code"),
      ...(binding ? { binding } : {}),
    },
  });
  const body = completed.json() as Record<string, string>;
  return {
    status: completed.statusCode,
    html: res.body,
    ok: completed.statusCode === 201,
    code: completed.statusCode === 201 ? "connected" : String(body.code),
    message: body.message,
    integrated_account_id: body.integrated_account_id,
  };
}
