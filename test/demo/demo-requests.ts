/**
 * The requests the demo prints (scripts/demo.ts), against the demo's simulator seeds, with the parts
 * that differ per run (the account id, signed cursors, the provider's request id and timing) replaced by placeholders: what remains must stay
 * byte-for-byte what users of the demo saw. Run directly to record: `npx tsx test/demo/demo-requests.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import { startPagerdutySimulator } from "../../simulators/pagerduty/index.ts";
import { tempDir } from "../helpers/databases.ts";
import { startTestRoster } from "../helpers/roster.ts";

export const recordedDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "recorded");

export async function demoAnswers(): Promise<Record<string, string>> {
  const us = await startOpsgenieSimulator({ region: "us", seed: 42, users: 250, teams: 20 });
  const pd = await startPagerdutySimulator({ region: "us", seed: 42, users: 250, teams: 20 });
  const roster = await startTestRoster({
    databaseUrl: `sqlite:${path.join(tempDir("roster-demo-"), "roster.db")}`,
    env: { OPSGENIE_US_BASE_URL: us.url, PAGERDUTY_US_BASE_URL: pd.url, LOG_LEVEL: "silent" },
  });
  const link = async (integration: string, apiKey: string) => {
    const linked = await roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: roster.auth,
      payload: { integration, tenant_id: "demo-customer", context: { api_key: apiKey, region: "us" } },
    });
    return linked.json().id as string;
  };
  try {
    const account = await link("opsgenie", us.apiKeys.full);
    const pagerduty = await link("pagerduty", pd.apiKeys.full);
    const urls = {
      users: `/unified/user-directory/users?integrated_account_id=${account}&limit=5&ignore_remote_data=true`,
      groups: `/unified/user-directory/groups?integrated_account_id=${account}&include=members&limit=3&ignore_remote_data=true`,
      account: `/proxy/account?integrated_account_id=${account}`,
      "pagerduty-users": `/unified/user-directory/users?integrated_account_id=${pagerduty}&limit=3&ignore_remote_data=true`,
    };
    const answers: Record<string, string> = {};
    for (const [name, url] of Object.entries(urls)) {
      const res = await roster.app.inject({ url, headers: roster.auth });
      answers[name] = `${res.statusCode} ${res.headers["content-type"]}\n${res.body
        .replaceAll(account, "<account>")
        .replaceAll(pagerduty, "<account>")
        .replace(/"next_cursor":"[^"]+"/g, '"next_cursor":"<cursor>"')
        // The simulator gives each answer a fresh request id, as Opsgenie does.
        .replace(/"requestId":"[^"]+"/g, '"requestId":"<request-id>"')
        .replace(/"took":[0-9.]+/g, '"took":0')}`;
    }
    return answers;
  } finally {
    await roster.close();
    await Promise.all([us.close(), pd.close()]);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const answers = await demoAnswers();
  fs.mkdirSync(recordedDir, { recursive: true });
  for (const [name, body] of Object.entries(answers))
    fs.writeFileSync(path.join(recordedDir, `${name}.txt`), body);
  console.log(`recorded ${Object.keys(answers).join(", ")} in ${recordedDir}`);
}
