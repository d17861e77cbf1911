/**
 * `npx tsx examples/membership-alerts/main.ts`: posts membership changes until Ctrl-C.
 * ROSTER_URL, ROSTER_TOKEN (required); ALERT_URL (a Slack/Mattermost incoming webhook or any JSON receiver) or
 * ALERT_FILE (JSON lines; default ./data/alerts.jsonl); HOST, PORT, PUBLIC_URL.
 */
import { startAlerts } from "./alerts.ts";
import { fileSink, httpSink } from "./sinks.ts";

const { ROSTER_URL, ROSTER_TOKEN, ALERT_URL, ALERT_FILE } = process.env;
if (!ROSTER_URL || !ROSTER_TOKEN) {
  console.error("Set ROSTER_URL and ROSTER_TOKEN (an API token of the environment to watch).");
  process.exit(78);
}
const target = ALERT_URL ?? ALERT_FILE ?? "./data/alerts.jsonl";
const alerts = await startAlerts({
  rosterUrl: ROSTER_URL,
  token: ROSTER_TOKEN,
  sink: ALERT_URL ? httpSink(ALERT_URL) : fileSink(target),
  host: process.env.HOST,
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  publicUrl: process.env.PUBLIC_URL,
});
console.log(`posting membership changes to ${target}; receiving webhooks at ${alerts.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void alerts.close().then(() => process.exit(0)));
