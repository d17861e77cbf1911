/**
 * `roster simulate pagerduty`: runs the simulator in the foreground, prints its base URL, keys and control
 * endpoints, and stops cleanly on SIGINT/SIGTERM. Option values are parsed strictly (kit/cli-options.ts).
 */
import { Command, Option } from "commander";
import { integerOption, parsedOption } from "../kit/cli-options.ts";
import { type FaultConfig, parseFaults } from "../kit/faults.ts";
import type { Region } from "./auth.ts";
import { startPagerdutySimulator } from "./index.ts";
import { parsePerMinute } from "./rate-limits.ts";

interface CliOptions {
  port: number;
  host: string;
  region: Region;
  seed: number;
  users: number;
  teams: number;
  subdomain?: string;
  fullUserSeats?: number;
  stakeholderSeats?: number;
  abilities?: string;
  apiKey?: string;
  rateLimit?: number;
  faults?: Partial<FaultConfig>;
}

export function simulatePagerdutyCommand(): Command {
  return new Command("pagerduty")
    .description("Run a faithful local simulator of the PagerDuty REST API v2")
    .requiredOption("--port <port>", "port to listen on (0 = random)", integerOption("port", 0))
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .addOption(
      new Option("--region <region>", "us or eu (keys differ per region)")
        .choices(["us", "eu"])
        .default("us"),
    )
    .option("--seed <n>", "seed of the generated account, keys and faults", integerOption("seed", 0), 1)
    .option("--users <n>", "number of users (at least 3)", integerOption("users", 3), 250)
    .option("--teams <n>", "number of teams", integerOption("teams", 0), 25)
    .option("--subdomain <name>", "account subdomain in html_url links (default acme-<seed>)")
    .option(
      "--full-user-seats <n>",
      "Full User seats bought (default: in use + 10%)",
      integerOption("full-user-seats", 0),
    )
    .option(
      "--stakeholder-seats <n>",
      "Stakeholder seats bought (default: in use + 10%)",
      integerOption("stakeholder-seats", 0),
    )
    .option(
      "--abilities <list>",
      "comma-separated account abilities (default: all, e.g. teams,audit_records)",
    )
    .option("--api-key <key>", "fix the full-access API key")
    .option("--rate-limit <spec>", "requests per minute per key, e.g. 960/min", parsedOption(parsePerMinute))
    .option(
      "--faults <spec>",
      "fault probabilities, e.g. 5xx=0.1,reset=0.02,slow=0.01,truncate=0.01",
      parsedOption(parseFaults),
    )
    .action(async (opts: CliOptions) => {
      const sim = await startPagerdutySimulator({
        port: opts.port,
        host: opts.host,
        region: opts.region,
        seed: opts.seed,
        users: opts.users,
        teams: opts.teams,
        subdomain: opts.subdomain,
        seats: { fullUser: opts.fullUserSeats, stakeholder: opts.stakeholderSeats },
        abilities: opts.abilities
          ?.split(",")
          .map((a) => a.trim())
          .filter(Boolean),
        apiKey: opts.apiKey,
        rateLimit: opts.rateLimit,
        faults: opts.faults,
      });
      const lines = [
        `PagerDuty simulator (${sim.region}) listening on ${sim.url}`,
        `  users ${sim.directory.users.size}, teams ${sim.directory.teams.size}, seed ${opts.seed}`,
        "  API keys (Authorization: Token token=<key>):",
        ...Object.entries(sim.apiKeys).map(([kind, key]) => `    ${kind.padEnd(14)} ${key}`),
        `  the user key acts as ${sim.keyUsers.user.email}; use it (or any user's e-mail) as From with account keys`,
        `  control: ${sim.url}/__sim/stats, /__sim/keys, /__sim/rate-limits, /__sim/faults, /__sim/users, /__sim/teams, /__sim/reset`,
        `  OAuth (consent page with Approve/Deny at ${sim.url}/oauth/authorize): PAGERDUTY_OAUTH_BASE_URL=${sim.url} PAGERDUTY_OAUTH_CLIENT_ID=${sim.oauthClient.clientId} PAGERDUTY_OAUTH_CLIENT_SECRET=${sim.oauthClient.clientSecret}`,
        `  OAuth hooks: POST ${sim.url}/__sim/oauth/advance (seconds=N), /__sim/oauth/revoke, /__sim/oauth/expire-access-tokens; GET /__sim/oauth/stats`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await sim.close();
      process.stdout.write("PagerDuty simulator stopped\n");
    });
}
