import {
  type OpsgenieSimulator,
  type OpsgenieSimulatorOptions,
  startOpsgenieSimulator,
} from "../../simulators/opsgenie/index.ts";
import { startTestRoster, type TestRoster } from "./roster.ts";

/** A Roster pointed at a US and an EU Opsgenie simulator, as the operator would configure it. */
export interface OpsgenieWorld {
  roster: TestRoster;
  us: OpsgenieSimulator;
  eu: OpsgenieSimulator;
  link(apiKey: string, region?: "us" | "eu", tenant?: string): Promise<string>;
  /** Opens a session of the account and waits until its real limits are read (they are read in the background). */
  learnLimits(account: string): Promise<void>;
  get(
    url: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startOpsgenieWorld(options: {
  databaseUrl: string;
  us?: OpsgenieSimulatorOptions;
  eu?: OpsgenieSimulatorOptions;
  env?: Record<string, string>;
}): Promise<OpsgenieWorld> {
  const us = await startOpsgenieSimulator({ region: "us", ...options.us });
  const eu = await startOpsgenieSimulator({ region: "eu", users: 20, teams: 4, seed: 7, ...options.eu });
  const roster = await startTestRoster({
    databaseUrl: options.databaseUrl,
    env: { OPSGENIE_US_BASE_URL: us.url, OPSGENIE_EU_BASE_URL: eu.url, ...options.env },
  });
  return {
    roster,
    us,
    eu,
    async link(apiKey, region = "us", tenant = "tenant-1") {
      const res = await roster.app.inject({
        method: "POST",
        url: "/integrated-account",
        headers: roster.auth,
        payload: { integration: "opsgenie", tenant_id: tenant, context: { api_key: apiKey, region } },
      });
      if (res.statusCode !== 201) throw new Error(`link failed: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    },
    async learnLimits(account) {
      await roster.context.sessions.open(roster.context.defaultEnvironmentId, account, {
        shareRecentReads: true,
      });
      await roster.context.sessions.limitsSettled(account);
    },
    async get(url, headers = roster.auth) {
      const res = await roster.app.inject({ url, headers });
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
      await Promise.all([us.close(), eu.close()]);
    },
  };
}
