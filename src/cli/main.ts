import { Command } from "commander";
import { keysCommand } from "./keys.ts";
import { migrateCommand } from "./migrate.ts";
import { serveCommand } from "./serve.ts";
import { simulateCommand } from "./simulate.ts";
import { tokenCommand } from "./token.ts";

const program = new Command("roster")
  .description("Roster: a self-hostable unified API for incident-management user directories")
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(tokenCommand())
  .addCommand(keysCommand())
  .addCommand(await simulateCommand(process.argv));

await program.parseAsync(process.argv);
