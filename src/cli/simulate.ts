import { Command } from "commander";

/**
 * `roster simulate <provider>` runs a provider simulator from `simulators/`. Simulators are development tools
 * kept beside the server, not part of it: they are imported only when this command is the one being run.
 */
const SIMULATORS_MODULE = "../../simulators/index.ts";

export async function simulateCommand(argv: string[]): Promise<Command> {
  const simulate = new Command("simulate").description("Run a provider simulator (tests, demo, benchmarks)");
  if (argv[2] !== "simulate") return simulate;
  const { simulatorCommands } = (await import(SIMULATORS_MODULE)) as { simulatorCommands: () => Command[] };
  for (const command of simulatorCommands()) simulate.addCommand(command);
  return simulate;
}
