/**
 * `npx tsx examples/role-sync/main.ts`: runs role sync until Ctrl-C.
 * ROSTER_URL, ROSTER_TOKEN (required); GRANTS_FILE (./data/grants.json), ROLE_MAP_FILE (a JSON RoleMap; default
 * the built-in one), HOST, PORT, PUBLIC_URL.
 */
import fs from "node:fs";
import type { RoleMap } from "./grants.ts";
import { startRoleSync } from "./role-sync.ts";

const { ROSTER_URL, ROSTER_TOKEN, ROLE_MAP_FILE } = process.env;
if (!ROSTER_URL || !ROSTER_TOKEN) {
  console.error("Set ROSTER_URL and ROSTER_TOKEN (an API token of the environment to sync).");
  process.exit(78);
}
const sync = await startRoleSync({
  rosterUrl: ROSTER_URL,
  token: ROSTER_TOKEN,
  dataFile: process.env.GRANTS_FILE ?? "./data/grants.json",
  roleMap: ROLE_MAP_FILE ? (JSON.parse(fs.readFileSync(ROLE_MAP_FILE, "utf8")) as RoleMap) : undefined,
  host: process.env.HOST,
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  publicUrl: process.env.PUBLIC_URL,
});
for (const account of sync.reconciled)
  console.log(
    `reconciled ${account.integrated_account_id}: ${account.error ? `skipped (${account.error})` : `${account.changed} grants changed`}`,
  );
const unmapped = new Set(sync.grants.list().flatMap((g) => g.unmapped_roles));
if (unmapped.size > 0) console.warn(`roles that grant nothing until mapped: ${[...unmapped].join(", ")}`);
console.log(`${sync.grants.list().length} grants; receiving user.* webhooks at ${sync.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void sync.close().then(() => process.exit(0)));
