import type { Command } from "commander";
import { simulateJsmCommand } from "./jsm/cli.ts";
import { simulateOpsgenieCommand } from "./opsgenie/cli.ts";
import { simulatePagerdutyCommand } from "./pagerduty/cli.ts";

/** The simulators `roster simulate <name>` can run. */
export function simulatorCommands(): Command[] {
  return [simulateOpsgenieCommand(), simulatePagerdutyCommand(), simulateJsmCommand()];
}
