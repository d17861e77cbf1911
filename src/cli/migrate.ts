import { Command } from "commander";
import { openCore } from "../main.ts";
import { cliLogger, runWithConfig } from "./run.ts";

export function migrateCommand(): Command {
  return new Command("migrate").description("Apply database migrations and exit").action(() =>
    runWithConfig(async (config) => {
      const core = await openCore(config, cliLogger(config));
      await core.store.close();
      process.stdout.write(`Database is up to date (${config.database.dialect}).\n`);
    }),
  );
}
