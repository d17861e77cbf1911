import { startOpsgenieSimulator } from "../../simulators/opsgenie/index.ts";
import type { ProviderHarness } from "./harness.ts";

export const opsgenieHarness: ProviderHarness = {
  integration: "opsgenie",
  async start() {
    const sim = await startOpsgenieSimulator({ users: 130, teams: 9, seed: 11 });
    return {
      // Nothing may leave the machine: the EU region points at a closed local port.
      env: { OPSGENIE_US_BASE_URL: sim.url, OPSGENIE_EU_BASE_URL: "http://127.0.0.1:9" },
      credentials: { api_key: sim.apiKeys.full, region: "us" },
      refused: [{ api_key: "5d2f0f7c-0000-4000-8000-000000000000" }, { api_key: sim.apiKeys.noConfig }],
      expected: { users: sim.directory.users.size, groups: sim.directory.teams.size },
      close: () => sim.close(),
    };
  },
};
