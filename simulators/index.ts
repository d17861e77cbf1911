import type { Command } from "commander";
import { simulateOpsgenieCommand } from "./opsgenie/cli.ts";

/** The simulators `roster simulate <name>` can run. */
export function simulatorCommands(): Command[] {
  return [simulateOpsgenieCommand()];
}
