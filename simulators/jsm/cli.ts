/**
 * `roster simulate jsm`: runs the JSM simulator in the foreground, prints its URL, site ids, the seeded
 * callers' credentials and the control endpoints, and stops cleanly on SIGINT/SIGTERM.
 */
import { Command } from "commander";
import { integerOption, parsedOption } from "../kit/cli-options.ts";
import { type FaultConfig, parseFaults } from "../kit/faults.ts";
import { parseRateLimits, type RateLimitsInput } from "../kit/rate-limiter.ts";
import { DOMAINS, type Domain } from "./apis.ts";
import { startJsmSimulator } from "./index.ts";
import { checkSite } from "./site.ts";

interface CliOptions {
  port: number;
  host: string;
  seed: number;
  users: number;
  teams: number;
  site?: string;
  seats?: number;
  rateLimits?: RateLimitsInput<Domain>;
  faults?: Partial<FaultConfig>;
}

export function simulateJsmCommand(): Command {
  return new Command("jsm")
    .description(
      "Run a local simulator of Jira Service Management Operations (site, Jira users, Teams, JSM Ops, org admin APIs)",
    )
    .requiredOption("--port <port>", "port to listen on (0 = random)", integerOption("port", 0))
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--seed <n>", "seed of the generated site, tokens and faults", integerOption("seed", 0), 1)
    .option("--users <n>", "number of people", integerOption("users", 0), 120)
    .option("--teams <n>", "number of teams", integerOption("teams", 0), 12)
    .option(
      "--site <host>",
      "the site, <name>.atlassian.net (default acme-<seed>.atlassian.net)",
      parsedOption(checkSite),
    )
    .option("--seats <n>", "JSM agent seats bought (default: agents + 10%)", integerOption("seats", 0))
    .option(
      "--rate-limits <spec>",
      `per-API limits, e.g. jira=10/s,ops=100/min (APIs: ${DOMAINS.join(", ")})`,
      parsedOption((spec) => parseRateLimits(spec, DOMAINS)),
    )
    .option(
      "--faults <spec>",
      "fault probabilities, e.g. 5xx=0.1,reset=0.02,slow=0.01,truncate=0.01",
      parsedOption(parseFaults),
    )
    .action(async (opts: CliOptions) => {
      const sim = await startJsmSimulator({
        port: opts.port,
        host: opts.host,
        seed: opts.seed,
        users: opts.users,
        teams: opts.teams,
        site: opts.site,
        seats: opts.seats,
        rateLimits: opts.rateLimits,
        faults: opts.faults,
      });
      const lines = [
        `JSM simulator listening on ${sim.url} (site ${sim.site}, cloudId ${sim.cloudId}, orgId ${sim.orgId})`,
        `  accounts ${sim.directory.accounts.size}, teams ${sim.directory.teams.size}, seed ${opts.seed}`,
        `  point Roster at it: JSM_SITE_BASE_URL=${sim.url} JSM_API_BASE_URL=${sim.url}`,
        "  Basic credentials (email : api_token):",
        ...Object.entries(sim.credentials).map(
          ([kind, c]) => `    ${kind.padEnd(9)} ${c.email} : ${c.apiToken}`,
        ),
        `  org admin API key (Bearer): ${sim.adminApiKey}`,
        `  control: ${sim.url}/__sim/stats, /__sim/keys, /__sim/rate-limits, /__sim/faults, /__sim/users, /__sim/teams, /__sim/site, /__sim/reset`,
        `  OAuth 3LO (consent page with Approve/Deny at ${sim.url}/authorize): JSM_OAUTH_BASE_URL=${sim.url} JSM_OAUTH_CLIENT_ID=${sim.oauthClient.clientId} JSM_OAUTH_CLIENT_SECRET=${sim.oauthClient.clientSecret}`,
        `  OAuth hooks: POST ${sim.url}/__sim/oauth/advance (seconds=N), /__sim/oauth/revoke, /__sim/oauth/expire-access-tokens; GET /__sim/oauth/stats`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      await sim.close();
      process.stdout.write("JSM simulator stopped\n");
    });
}
