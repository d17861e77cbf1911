import { startJsmSimulator } from "../../simulators/jsm/index.ts";
import { jsmEnv } from "../helpers/jsm-world.ts";
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
      env: jsmEnv(sim),
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
