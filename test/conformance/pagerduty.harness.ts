import { startPagerdutySimulator } from "../../simulators/pagerduty/index.ts";
import type { ProviderHarness } from "./harness.ts";

export const pagerdutyHarness: ProviderHarness = {
  integration: "pagerduty",
  async start() {
    const sim = await startPagerdutySimulator({ users: 130, teams: 9, seed: 11 });
    return {
      // Nothing may leave the machine: the EU region points at a closed local port.
      env: { PAGERDUTY_US_BASE_URL: sim.url, PAGERDUTY_EU_BASE_URL: "http://127.0.0.1:9" },
      credentials: { api_key: sim.apiKeys.full, region: "us" },
      refused: [{ api_key: sim.apiKeys.revoked }, { api_key: sim.apiKeys.restrictedUser }],
      expected: { users: sim.directory.users.size, groups: sim.directory.teams.size },
      close: () => sim.close(),
    };
  },
};
