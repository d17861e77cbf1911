/**
 * `roster simulate opsgenie`: runs the simulator in the foreground, prints its base URL and keys, and
 * stops cleanly on SIGINT/SIGTERM. Option values are parsed strictly (kit/cli-options.ts).
 */
import { Command, Option } from "commander";
import { integerOption, parsedOption } from "../kit/cli-options.ts";
import { parseFaults } from "../kit/faults.ts";
import { startOpsgenieSimulator } from "./index.ts";
import { parseRateLimits } from "./rate-limits.ts";

interface CliOptions {
  port: number;
  host: string;
  region: "us" | "eu";
  seed: number;
  users: number;
  teams: number;
  customRoles: number;
  plan: string;
  maxUsers?: number;
  apiKey?: string;
  rateLimit?: ReturnType<typeof parseRateLimits>;
  hideRateLimits?: boolean;
  faults?: ReturnType<typeof parseFaults>;
}

export function simulateOpsgenieCommand(): Command {
  return new Command("opsgenie")
    .description("Run a faithful local simulator of the Opsgenie REST API")
    .requiredOption("--port <port>", "port to listen on (0 = random)", integerOption("port", 0))
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .addOption(
      new Option("--region <region>", "us or eu (keys differ per region)")
        .choices(["us", "eu"])
        .default("us"),
    )
    .option("--seed <n>", "seed of the generated directory, keys and faults", integerOption("seed", 0), 1)
    .option("--users <n>", "number of users", integerOption("users", 1), 250)
    .option("--teams <n>", "number of teams", integerOption("teams", 0), 25)
    .option("--custom-roles <n>", "number of custom user roles", integerOption("custom-roles", 0), 3)
    .option("--plan <name>", "plan name shown by /v2/account", "Enterprise")
    .option("--max-users <n>", "plan.maxUserCount", integerOption("max-users", 1))
    .option("--api-key <key>", "fix the full-access API key (UUID)")
    .option(
      "--rate-limit <spec>",
      "limits, e.g. search=5/s,search=100/min,configuration=10/s",
      parsedOption(parseRateLimits),
    )
    .option("--hide-rate-limits", "enforce the limits but refuse /v2/request-limits/ to every key (403)")
    .option(
      "--faults <spec>",
      "fault probabilities, e.g. 5xx=0.1,reset=0.02,slow=0.01,truncate=0.01",
      parsedOption(parseFaults),
    )
    .action(async (opts: CliOptions) => {
      const sim = await startOpsgenieSimulator({
        port: opts.port,
        host: opts.host,
        region: opts.region,
        seed: opts.seed,
        users: opts.users,
        teams: opts.teams,
        customRoles: opts.customRoles,
        plan: opts.plan,
        maxUsers: opts.maxUsers,
        apiKey: opts.apiKey,
        rateLimits: opts.rateLimit,
        hideRateLimits: opts.hideRateLimits,
        faults: opts.faults,
      });
      const lines = [
        `Opsgenie simulator (${sim.region}) listening on ${sim.url}`,
        `  users ${sim.directory.userCount}, teams ${sim.directory.teams.size}, seed ${opts.seed}`,
        "  API keys (Authorization: GenieKey <key>):",
        ...Object.entries(sim.apiKeys).map(([kind, key]) => `    ${kind.padEnd(14)} ${key}`),
        `  control: ${sim.url}/__sim/stats, /__sim/faults, /__sim/anomalies, /__sim/rate-limits, /__sim/keys`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await sim.close();
      process.stdout.write("Opsgenie simulator stopped\n");
    });
}
