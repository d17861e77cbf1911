import { Command } from "commander";
import { openCore } from "../main.ts";
import { runWithConfig } from "./run.ts";

export function migrateCommand(): Command {
  return new Command("migrate").description("Apply database migrations and exit").action(() =>
    runWithConfig(async (config) => {
      const core = await openCore(config);
      await core.store.close();
      process.stdout.write(`Database is up to date (${config.database.dialect}).\n`);
    }),
  );
}
