import { Command } from "commander";
import { openCore } from "../main.ts";
import { WebhookRepository } from "../store/webhooks.ts";
import { rotateMasterKey } from "../vault/index.ts";
import { cliLogger, runWithConfig } from "./run.ts";

export function keysCommand(): Command {
  const keys = new Command("keys").description("Manage the master keys that wrap stored credentials");
  keys
    .command("rotate")
    .description(
      "Re-wrap every data key under a new master key (key-file mode) or under the first key of ROSTER_MASTER_KEY, then retire unused keys. Safe while the server runs.",
    )
    .action(() =>
      runWithConfig(async (config) => {
        const core = await openCore(config, cliLogger(config));
        try {
          const result = await rotateMasterKey(core.vault, [
            core.accounts,
            ...new WebhookRepository(core.store.db).sealedTables(),
          ]);
          process.stdout.write(
            `Active master key: ${result.activeKeyId}\nRe-wrapped secrets: ${result.rewrapped}\nRetired keys: ${result.retired.join(", ") || "none"}\n`,
          );
          if (!core.vault.keyring.managesFile && result.retired.length > 0) {
            process.stdout.write(
              `No secret uses ${result.retired.join(", ")} any more: remove it from ROSTER_MASTER_KEY.\n`,
            );
          }
        } finally {
          await core.store.close();
        }
      }),
    );
  return keys;
}
