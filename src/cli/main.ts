import { Command } from "commander";
import { rosterVersion } from "../api/project-root.ts";
import { accountsCommand } from "./accounts.ts";
import { keysCommand } from "./keys.ts";
import { migrateCommand } from "./migrate.ts";
import { serveCommand } from "./serve.ts";
import { simulateCommand } from "./simulate.ts";
import { syncCommand } from "./sync.ts";
import { tokenCommand } from "./token.ts";

const program = new Command("roster")
  .description("Roster: a self-hostable unified API for incident-management user directories")
  .version(rosterVersion())
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(tokenCommand())
  .addCommand(keysCommand())
  .addCommand(syncCommand())
  .addCommand(accountsCommand())
  .addCommand(await simulateCommand(process.argv));

await program.parseAsync(process.argv);
