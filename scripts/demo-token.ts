/**
 * The demo's API token, kept across restarts: a restart of the demo over the same data directory prints the same
 * token, so a dashboard tab or a shell with it keeps working and tokens do not pile up. Roster stores only token
 * hashes, so the demo keeps the plaintext itself, in `<dataDir>/demo-token` (mode 0600, beside the master key
 * file, and like it a demo convenience: a real deployment hands a token out once).
 */
import fs from "node:fs";
import path from "node:path";
import type { ApiTokenRepository } from "../src/store/api-tokens.ts";

/**
 * The token saved by an earlier demo run when it still authenticates in `environmentId`, else a new token of that
 * environment, saved for the next run. `reused` tells which. Throws when the data directory cannot be written.
 */
export async function findOrCreateDemoToken(
  tokens: ApiTokenRepository,
  environmentId: string,
  dataDir: string,
): Promise<{ token: string; reused: boolean }> {
  const file = path.join(dataDir, "demo-token");
  const saved = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  if (saved !== "" && (await tokens.environmentOf(saved)) === environmentId)
    return { token: saved, reused: true };
  const { token } = await tokens.create(environmentId);
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  // An existing file keeps its mode on write: make sure it is private too.
  fs.chmodSync(file, 0o600);
  return { token, reused: false };
}
