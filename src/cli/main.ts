import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { projectRoot } from "../api/project-root.ts";
import { accountsCommand } from "./accounts.ts";
import { keysCommand } from "./keys.ts";
import { migrateCommand } from "./migrate.ts";
import { serveCommand } from "./serve.ts";
import { simulateCommand } from "./simulate.ts";
import { syncCommand } from "./sync.ts";
import { tokenCommand } from "./token.ts";

// The installed package's own version: package.json sits at the root of the sources and of the install alike.
const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as {
  version: string;
};

const program = new Command("roster")
  .description("Roster: a self-hostable unified API for incident-management user directories")
  .version(version)
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(tokenCommand())
  .addCommand(keysCommand())
  .addCommand(syncCommand())
  .addCommand(accountsCommand())
  .addCommand(await simulateCommand(process.argv));

await program.parseAsync(process.argv);
