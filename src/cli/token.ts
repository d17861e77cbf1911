import { Command } from "commander";
import { openCore } from "../main.ts";
import { DEFAULT_ENVIRONMENT } from "../store/environments.ts";
import { cliLogger, runWithConfig } from "./run.ts";

const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function tokenCommand(): Command {
  const token = new Command("token").description("Manage API tokens");
  token
    .command("create")
    .description("Create an API token and print it once (it is stored hashed)")
    .option("--environment <name>", "environment of the token, created when new", DEFAULT_ENVIRONMENT)
    .option("--quiet", "print only the token")
    .action((options: { environment: string; quiet?: boolean }) =>
      runWithConfig(async (config) => {
        if (!ENVIRONMENT_NAME.test(options.environment)) {
          throw new Error("--environment must be 1-63 characters of a-z, 0-9, _ and -");
        }
        const core = await openCore(config, cliLogger(config));
        try {
          const environment = await core.environments.ensure(options.environment);
          const created = await core.tokens.create(environment.id);
          if (options.quiet) {
            process.stdout.write(`${created.token}\n`);
          } else {
            process.stdout.write(
              `Token for environment "${environment.name}" (shown once, store it now):\n${created.token}\n`,
            );
          }
        } finally {
          await core.store.close();
        }
      }),
    );
  return token;
}
