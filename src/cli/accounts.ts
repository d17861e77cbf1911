import { Command } from "commander";
import { openCore } from "../main.ts";
import { SyncRunRepository } from "../store/sync-runs.ts";
import { cliLogger, runWithConfig } from "./run.ts";

/** `roster accounts`: every integrated account (all environments) with its last sync run. */
export function accountsCommand(): Command {
  return new Command("accounts")
    .description("List integrated accounts and their last sync run")
    .option("--json", "one JSON object per line")
    .action((options: { json?: boolean }) =>
      runWithConfig(async (config) => {
        const core = await openCore(config, cliLogger(config));
        try {
          const runs = new SyncRunRepository(core.store.db);
          const accounts = await core.store.db
            .selectFrom("integrated_accounts")
            .select(["id", "environment_id", "integration", "tenant_id", "status"])
            .orderBy("created_at")
            .execute();
          const lines: string[] = [];
          for (const account of accounts) {
            const run = await runs.latestForAccount(account.id);
            const last = run
              ? { id: run.id, status: run.status, finished_at: run.finished_at, stats: run.stats }
              : null;
            lines.push(
              options.json
                ? JSON.stringify({ ...account, last_run: last })
                : [
                    account.id,
                    account.integration,
                    account.tenant_id,
                    account.status,
                    last ? `${last.status} ${last.finished_at ?? ""}`.trim() : "never synced",
                  ].join("\t"),
            );
          }
          if (!options.json) lines.unshift(["ID", "INTEGRATION", "TENANT", "STATUS", "LAST RUN"].join("\t"));
          process.stdout.write(`${lines.join("\n")}\n`);
        } finally {
          await core.store.close();
        }
      }),
    );
}
