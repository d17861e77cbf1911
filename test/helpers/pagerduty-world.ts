import {
  type PagerdutySimulator,
  type PagerdutySimulatorOptions,
  startPagerdutySimulator,
} from "../../simulators/pagerduty/index.ts";
import { startTestRoster, type TestRoster } from "./roster.ts";

/** A Roster pointed at a US and an EU PagerDuty simulator, as the operator would configure it. */
export interface PagerdutyWorld {
  roster: TestRoster;
  us: PagerdutySimulator;
  eu: PagerdutySimulator;
  /** Links a key; the account id, or throws with Roster's answer. */
  link(apiKey: string, region?: "us" | "eu", tenant?: string): Promise<string>;
  /** POST /integrated-account as is: status and body. */
  tryLink(context: Record<string, string>, tenant?: string): Promise<{ status: number; body: any }>;
  get(
    url: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startPagerdutyWorld(options: {
  databaseUrl: string;
  us?: PagerdutySimulatorOptions;
  eu?: PagerdutySimulatorOptions;
  env?: Record<string, string>;
}): Promise<PagerdutyWorld> {
  const us = await startPagerdutySimulator({ region: "us", ...options.us });
  const eu = await startPagerdutySimulator({ region: "eu", users: 12, teams: 3, seed: 7, ...options.eu });
  const roster = await startTestRoster({
    databaseUrl: options.databaseUrl,
    env: { PAGERDUTY_US_BASE_URL: us.url, PAGERDUTY_EU_BASE_URL: eu.url, ...options.env },
  });
  const tryLink = async (context: Record<string, string>, tenant = "tenant-1") => {
    const res = await roster.app.inject({
      method: "POST",
      url: "/integrated-account",
      headers: roster.auth,
      payload: { integration: "pagerduty", tenant_id: tenant, context },
    });
    return { status: res.statusCode, body: res.json() };
  };
  return {
    roster,
    us,
    eu,
    tryLink,
    async link(apiKey, region = "us", tenant = "tenant-1") {
      const res = await tryLink({ api_key: apiKey, region }, tenant);
      if (res.status !== 201) throw new Error(`link failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
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
