/**
 * `npm run demo`: Roster on an embedded database, linked to a simulated Opsgenie and a simulated PagerDuty
 * (US and EU each), with a token and one demo account of each ready, printing commands that work as printed.
 * Nothing leaves this machine.
 */
import path from "node:path";
import { startOpsgenieSimulator } from "../simulators/opsgenie/index.ts";
import { startPagerdutySimulator } from "../simulators/pagerduty/index.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { createRoster } from "../src/main.ts";
import { demoTenant, findOrLinkDemoAccount } from "./demo-accounts.ts";
import { findOrCreateDemoToken } from "./demo-token.ts";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const dataDir = path.resolve(process.env.ROSTER_DATA_DIR ?? "./data/demo");

// A fixed seed keeps the simulated keys stable, so accounts linked in an earlier demo run keep working.
const us = await startOpsgenieSimulator({ region: "us", seed: 42, users: 250, teams: 20 });
const eu = await startOpsgenieSimulator({ region: "eu", seed: 43, users: 60, teams: 6 });
const pdUs = await startPagerdutySimulator({ region: "us", seed: 42, users: 250, teams: 20 });
const pdEu = await startPagerdutySimulator({ region: "eu", seed: 43, users: 60, teams: 6 });

const config = loadConfig({
  ...process.env,
  PORT: String(port),
  HOST: host,
  ROSTER_DATA_DIR: dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  OPSGENIE_US_BASE_URL: us.url,
  OPSGENIE_EU_BASE_URL: eu.url,
  PAGERDUTY_US_BASE_URL: pdUs.url,
  PAGERDUTY_EU_BASE_URL: pdEu.url,
  // An OAuth app registered with the simulated PagerDuty: the connect page offers "Sign in with PagerDuty".
  PAGERDUTY_OAUTH_BASE_URL: pdUs.url,
  PAGERDUTY_OAUTH_CLIENT_ID: pdUs.oauthClient.clientId,
  PAGERDUTY_OAUTH_CLIENT_SECRET: pdUs.oauthClient.clientSecret,
  // The demo's webhook receivers run on this machine.
  ROSTER_ALLOW_PRIVATE_WEBHOOKS: "1",
});
const roster = await createRoster(config, createLogger(config.logLevel));
await roster.app.listen({ port, host });
const base = `http://${host}:${port}`;

const environmentId = roster.context.defaultEnvironmentId;
// A restart prints the same token (kept in the data directory), so open dashboards and shells keep working.
const { token } = await findOrCreateDemoToken(roster.context.tokens, environmentId, dataDir);
const authorization = `Bearer ${token}`;
// A restart reuses the accounts an earlier run linked (same data directory), so they do not pile up.
const opsgenie = await findOrLinkDemoAccount(roster.app, authorization, {
  integration: "opsgenie",
  apiKey: us.apiKeys.full,
  region: "us",
});
const pagerduty = await findOrLinkDemoAccount(roster.app, authorization, {
  integration: "pagerduty",
  apiKey: pdUs.apiKeys.full,
  region: "us",
});
const account = opsgenie.id;
const pagerdutyAccount = pagerduty.id;
const fromEarlierRun = (a: { reused: boolean }) => (a.reused ? ", linked by an earlier run" : "");

const oauthLink = await roster.app.inject({
  method: "POST",
  url: "/link-token",
  headers: { authorization, host: `${host}:${port}` },
  payload: { tenant_id: demoTenant, integration: "pagerduty" },
});
const oauthLinkUrl = (oauthLink.json() as { link_url: string }).link_url;

// The CLI opens the same data directory; the base URLs keep its provider calls on these simulators.
const cliEnvironment = {
  ROSTER_DATA_DIR: dataDir,
  OPSGENIE_US_BASE_URL: us.url,
  OPSGENIE_EU_BASE_URL: eu.url,
  PAGERDUTY_US_BASE_URL: pdUs.url,
  PAGERDUTY_EU_BASE_URL: pdEu.url,
};
const cliExport = `export ${Object.entries(cliEnvironment)
  .map(([name, value]) => `${name}=${shellQuote(value)}`)
  .join(" ")}`;

const auth = `-H "Authorization: Bearer ${token}"`;
process.stdout.write(`
Roster demo is running (embedded database in ${dataDir}).

  API docs:         ${base}/docs
  Dashboard:        ${base}/dashboard (sign in with the API token below)
  API token:        ${token}
  Demo account:     ${account} (simulated Opsgenie US: ${us.url}, EU: ${eu.url}${fromEarlierRun(opsgenie)})
  Simulated keys:   US ${us.apiKeys.full}   EU ${eu.apiKeys.full}
  PagerDuty:        ${pagerdutyAccount} (simulated PagerDuty US: ${pdUs.url}, EU: ${pdEu.url}${fromEarlierRun(pagerduty)})
  Simulated keys:   US ${pdUs.apiKeys.full}   EU ${pdEu.apiKeys.full}

Try:
  curl -s ${auth} "${base}/unified/user-directory/users?integrated_account_id=${account}&limit=5&ignore_remote_data=true"
  curl -s ${auth} "${base}/unified/user-directory/groups?integrated_account_id=${account}&include=members&limit=3&ignore_remote_data=true"
  curl -s ${auth} "${base}/proxy/account?integrated_account_id=${account}"
  curl -s ${auth} "${base}/unified/user-directory/users?integrated_account_id=${pagerdutyAccount}&limit=3&ignore_remote_data=true"

CLI on the demo's data and simulators (another terminal, this folder, while the demo runs): paste
  ${cliExport}
then \`npx roster accounts\` or \`npx roster sync --account ${account}\`.

OAuth: open ${oauthLinkUrl}, choose "Sign in with PagerDuty"
and approve on the simulated consent screen; Roster refreshes the tokens from then on. The simulated
authorization server forgets its grants when the demo stops: after a restart such an account is needs_reauth.

Press Ctrl-C to stop.
`);

/** `value` as one shell word (POSIX sh, bash, zsh): single-quoted unless it is plainly safe. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

const stop = async () => {
  await roster.close();
  await Promise.all([us.close(), eu.close(), pdUs.close(), pdEu.close()]);
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
