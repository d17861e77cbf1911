import {
  type JsmSimulator,
  type JsmSimulatorOptions,
  startJsmSimulator,
} from "../../simulators/jsm/index.ts";
import { startTestRoster, type TestRoster } from "./roster.ts";

/**
 * Roster's environment for a JSM simulator: the site and api.atlassian.com hosts both on it. Nothing may leave the
 * machine: the region URL points at a closed local port (JSM names a host per call).
 */
export function jsmEnv(sim: Pick<JsmSimulator, "url">): Record<string, string> {
  return { JSM_SITE_BASE_URL: sim.url, JSM_API_BASE_URL: sim.url, JSM_CLOUD_BASE_URL: "http://127.0.0.1:9" };
}

/** The link context of the simulator's admin with the org admin API key (what a link or a migration sends). */
export function jsmAdminContext(sim: JsmSimulator): Record<string, string> {
  return {
    site: sim.site,
    email: sim.credentials.admin.email,
    api_token: sim.credentials.admin.apiToken,
    admin_api_key: sim.adminApiKey,
  };
}

/** A Roster whose JSM site and api.atlassian.com hosts both point at one JSM simulator, as an operator would set it. */
export interface JsmWorld {
  roster: TestRoster;
  sim: JsmSimulator;
  /** The link context of a seeded caller (admin by default), with the org admin API key when asked. */
  context(
    caller?: "admin" | "agent" | "noAccess" | "service" | "revoked",
    adminKey?: boolean,
  ): Record<string, string>;
  /** Links the admin caller (with the admin key when asked); the account id, or throws with Roster's answer. */
  link(adminKey?: boolean): Promise<string>;
  /** POST /integrated-account as is: status and body. */
  tryLink(context: Record<string, string>): Promise<{ status: number; body: any }>;
  get(url: string): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startJsmWorld(options: {
  databaseUrl: string;
  sim?: JsmSimulatorOptions;
}): Promise<JsmWorld> {
  const sim = await startJsmSimulator({ users: 40, teams: 5, ...options.sim });
  const roster = await startTestRoster({
    databaseUrl: options.databaseUrl,
    env: jsmEnv(sim),
  });
  const context: JsmWorld["context"] = (caller = "admin", adminKey = false) => {
    const c = sim.credentials[caller];
    return {
      site: sim.site,
      email: c.email,
      api_token: c.apiToken,
      ...(adminKey ? { admin_api_key: sim.adminApiKey } : {}),
    };
  };
  const tryLink = async (ctx: Record<string, string>) => {
    const res = await roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: roster.auth,
      payload: { integration: "jsm", tenant_id: "tenant-1", context: ctx },
    });
    return { status: res.statusCode, body: res.json() };
  };
  return {
    roster,
    sim,
    context,
    tryLink,
    async link(adminKey = false) {
      const res = await tryLink(context("admin", adminKey));
      if (res.status !== 201) throw new Error(`link failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    },
    async get(url) {
      const res = await roster.app.inject({ url, headers: roster.auth });
      let body: unknown = res.body;
      try {
        body = res.json();
      } catch {
        // not JSON
      }
      return { status: res.statusCode, body, headers: res.headers };
    },
    async close() {
      await roster.close();
      await sim.close();
    },
  };
}
