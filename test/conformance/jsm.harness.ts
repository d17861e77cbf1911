import { startJsmSimulator } from "../../simulators/jsm/index.ts";
import type { ProviderHarness } from "./harness.ts";

export const jsmHarness: ProviderHarness = {
  integration: "jsm",
  ownPathParams: ["cloud_id"],
  async start() {
    const sim = await startJsmSimulator({ users: 90, teams: 8, seed: 13 });
    const context = (caller: "admin" | "revoked" | "service" | "noAccess") => ({
      site: sim.site,
      email: sim.credentials[caller].email,
      api_token: sim.credentials[caller].apiToken,
    });
    const dir = sim.directory;
    return {
      // Both hosts are the simulator; the unused region URL is a closed local port.
      env: {
        JSM_SITE_BASE_URL: sim.url,
        JSM_API_BASE_URL: sim.url,
        JSM_CLOUD_BASE_URL: "http://127.0.0.1:9",
      },
      credentials: context("admin"),
      refused: [context("revoked"), context("service"), context("noAccess")],
      expected: {
        users: dir.list().filter((a) => a.accountType === "atlassian").length,
        groups: [...dir.teams.values()].filter((t) => t.ops).length,
      },
      close: () => sim.close(),
    };
  },
};
