/**
 * `npx tsx examples/team-workspace-mapper/main.ts`: runs the mapper until Ctrl-C.
 * ROSTER_URL, ROSTER_TOKEN (required); WORKSPACES_FILE (./data/workspaces.json), HOST, PORT, PUBLIC_URL.
 */
import { startMapper } from "./mapper.ts";

const { ROSTER_URL, ROSTER_TOKEN } = process.env;
if (!ROSTER_URL || !ROSTER_TOKEN) {
  console.error("Set ROSTER_URL and ROSTER_TOKEN (an API token of the environment to map).");
  process.exit(78);
}
const mapper = await startMapper({
  rosterUrl: ROSTER_URL,
  token: ROSTER_TOKEN,
  dataFile: process.env.WORKSPACES_FILE ?? "./data/workspaces.json",
  host: process.env.HOST,
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  publicUrl: process.env.PUBLIC_URL,
});
for (const account of mapper.reconciled)
  console.log(
    `reconciled ${account.integrated_account_id}: ${account.error ? `skipped (${account.error})` : `${account.changed} workspaces changed`}`,
  );
console.log(`${mapper.workspaces.list().length} workspaces; receiving group.* webhooks at ${mapper.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void mapper.close().then(() => process.exit(0)));
