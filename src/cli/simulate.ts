import path from "node:path";
import { Command } from "commander";

/**
 * `roster simulate <provider>` runs a provider simulator from `simulators/`. Simulators are development tools
 * kept beside the server, not part of it: they are imported only when this command is the one being run.
 */
export async function simulateCommand(argv: string[]): Promise<Command> {
  const simulate = new Command("simulate").description("Run a provider simulator (tests, demo, benchmarks)");
  if (argv[2] !== "simulate") return simulate;
  // The same relative module from sources (.ts) and from the build (.js).
  const extension = path.extname(new URL(import.meta.url).pathname);
  const module = new URL(`../../simulators/index${extension}`, import.meta.url).href;
  const { simulatorCommands } = (await import(module)) as { simulatorCommands: () => Command[] };
  for (const command of simulatorCommands()) simulate.addCommand(command);
  return simulate;
}
