import { Command } from "commander";
import { createRoster } from "../main.ts";
import { runWithConfig } from "./run.ts";

export function serveCommand(): Command {
  return new Command("serve").description("Run the Roster server (migrates the database first)").action(() =>
    runWithConfig(async (config) => {
      const roster = await createRoster(config);
      await roster.app.listen({ port: config.port, host: config.host });
      // Finish in-flight requests, then close the database; a second signal forces the exit.
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) process.exit(1);
        closing = true;
        roster.logger.info({ signal }, "shutting down");
        await roster.close();
        process.exit(0);
      };
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
      process.once("SIGINT", () => void shutdown("SIGINT"));
    }),
  );
}
