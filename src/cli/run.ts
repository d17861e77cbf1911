import pino, { type Logger } from "pino";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { DatabaseUnreachableError } from "../store/database.ts";
import { KeyringError, VaultKeyMissingError } from "../vault/index.ts";

/** Exit codes a supervisor can act on. */
const exitCodes = { config: 78, database: 69, vault: 77, failure: 1 } as const;

/** Runs a command with the configuration and turns known start-up failures into one clear line and an exit code. */
export async function runWithConfig(action: (config: Config) => Promise<void>): Promise<void> {
  try {
    await action(loadConfig());
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof ConfigError) fail(`roster: ${message}`, exitCodes.config);
    if (error instanceof DatabaseUnreachableError) fail(`roster: ${message}`, exitCodes.database);
    if (error instanceof VaultKeyMissingError || error instanceof KeyringError) {
      fail(`roster: refusing to start: ${message}`, exitCodes.vault);
    }
    fail(`roster: ${message}`, exitCodes.failure);
  }
}

function fail(line: string, code: number): never {
  process.stderr.write(`${line}\n`);
  process.exit(code);
}

/**
 * The logger of a CLI command other than `serve`: the same JSON lines, on stderr, so stdout carries only the
 * command's output (a token, a table) and stays safe to pipe. Synchronous, so nothing is lost on exit.
 */
export function cliLogger(config: Config): Logger {
  return createLogger(config.logLevel, pino.destination({ dest: 2, sync: true }));
}
