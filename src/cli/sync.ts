import cliProgress from "cli-progress";
import { Command } from "commander";
import { createRoster } from "../main.ts";
import { cliLogger, runWithConfig } from "./run.ts";

/** `roster sync --account ID`: one sync run in the foreground, with a progress bar, then its stats and warnings. */
export function syncCommand(): Command {
  return new Command("sync")
    .description("Sync an integrated account's directory now, in the foreground")
    .requiredOption("--account <id>", "integrated account id")
    .option("--no-progress", "no progress bar (e.g. in logs)")
    .action((options: { account: string; progress: boolean }) =>
      runWithConfig(async (config) => {
        // This process runs the sync itself; background jobs stay with the server.
        const roster = await createRoster(
          { ...config, jobs: { ...config.jobs, enabled: false } },
          cliLogger(config),
        );
        try {
          const row = await roster.context.store.db
            .selectFrom("integrated_accounts")
            .select(["id", "environment_id"])
            .where("id", "=", options.account)
            .executeTakeFirst();
          if (!row) throw new Error(`no integrated account ${options.account}`);
          const { sync } = roster.context;
          const [existing] = await sync.jobs.list(row.environment_id, { accountId: row.id }, { limit: 1 });
          const job =
            existing ?? (await sync.createJob(row.environment_id, { integrated_account_id: row.id }));
          const bar = options.progress
            ? new cliProgress.SingleBar(
                {
                  format:
                    "{resource} | pages {pages} | records {records} | requests {requests} | rate-limit waits {waits} ({wait_s}s)",
                  hideCursor: true,
                },
                cliProgress.Presets.shades_classic,
              )
            : undefined;
          bar?.start(1, 0, { resource: "starting", pages: 0, records: 0, requests: 0, waits: 0, wait_s: 0 });
          const run = await sync.runNow(job, {
            onProgress: (p) =>
              bar?.update(0, {
                resource: p.resource ?? p.done.at(-1) ?? "",
                pages: p.pages,
                records: p.records,
                requests: p.requests,
                waits: p.waits,
                wait_s: (p.wait_ms / 1000).toFixed(1),
              }),
          });
          bar?.update(1, { resource: run?.status ?? "unknown" });
          bar?.stop();
          if (!run) throw new Error("the run vanished");
          const { stats } = run;
          process.stdout.write(
            `run ${run.id}: ${run.status}\n` +
              `created ${stats.created}, updated ${stats.updated}, deleted ${stats.deleted}, ` +
              `unchanged ${stats.unchanged}, requests ${run.progress.requests}\n`,
          );
          if (run.warnings.length > 0) {
            process.stdout.write(`${run.warnings.length} warning(s), what the run left out:\n`);
            for (const w of run.warnings)
              process.stdout.write(
                `  ${w.resource ?? "-"}${w.id ? ` ${w.id}` : ""}: ${w.code}: ${w.message}\n`,
              );
          }
          if (run.status !== "completed") throw new Error(run.error ?? "the run failed");
        } finally {
          await roster.close();
        }
      }),
    );
}
