import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

/** The refusal loadConfig throws for `env`, or undefined when it accepts it. */
function refusal(env: Record<string, string>): string | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

const numericVariables = [
  "PORT",
  "ROSTER_BODY_LIMIT",
  "ROSTER_DATABASE_POOL_SIZE",
  "ROSTER_PROVIDER_TIMEOUT_MS",
  "ROSTER_PROVIDER_DEADLINE_MS",
  "ROSTER_LIMITS_PROBE_TIMEOUT_MS",
  "ROSTER_ACCOUNT_CACHE_TTL_MS",
  "ROSTER_MAX_PAGES_PER_WALK",
  "ROSTER_JOBS_POLL_MS",
  "ROSTER_JOB_LEASE_MS",
  "ROSTER_JOBS_CONCURRENCY",
  "ROSTER_WEBHOOKS_POLL_MS",
  "ROSTER_WEBHOOKS_CONCURRENCY",
  "ROSTER_WEBHOOK_LEASE_MS",
  "ROSTER_WEBHOOK_TIMEOUT_MS",
  "ROSTER_WEBHOOK_RETRY_AFTER_CAP_MS",
  "ROSTER_WEBHOOK_ROTATION_OVERLAP_MS",
];

const switches = ["ROSTER_JOBS", "ROSTER_LEARN_RATE_LIMITS", "ROSTER_ALLOW_PRIVATE_WEBHOOKS"];

describe("the configuration", () => {
  it("starts with nothing set: the embedded defaults", () => {
    const config = loadConfig({});
    expect(config.jobs).toEqual({ enabled: true, pollMs: 1000, leaseMs: 30_000, concurrency: 4 });
    expect(config.webhooks).toMatchObject({
      pollMs: 100,
      concurrency: 32,
      leaseMs: 60_000,
      timeoutMs: 15_000,
      retryAfterCapMs: 3_600_000,
      rotationOverlapMs: 86_400_000,
      allowPrivateTargets: false,
    });
    expect(config.webhooks.retryScheduleMs[0]).toBe(5_000);
    expect(config.learnRateLimits).toBe(true);
  });

  it("takes the operator's values", () => {
    const config = loadConfig({
      ROSTER_JOBS_POLL_MS: "50",
      ROSTER_JOB_LEASE_MS: "1500",
      ROSTER_JOBS_CONCURRENCY: "2",
      ROSTER_WEBHOOKS_POLL_MS: "20",
      ROSTER_WEBHOOKS_CONCURRENCY: "8",
      ROSTER_WEBHOOK_TIMEOUT_MS: "2000",
      ROSTER_WEBHOOK_RETRY_SCHEDULE_MS: "150, 0,3600000",
      ROSTER_WEBHOOK_RETRY_AFTER_CAP_MS: "0",
    });
    expect(config.jobs).toEqual({ enabled: true, pollMs: 50, leaseMs: 1500, concurrency: 2 });
    expect(config.webhooks).toMatchObject({
      pollMs: 20,
      concurrency: 8,
      timeoutMs: 2000,
      retryScheduleMs: [150, 0, 3_600_000],
      retryAfterCapMs: 0,
    });
  });

  it.each(numericVariables)("refuses a bad %s, naming it and what it allows", (variable) => {
    for (const bad of ["abc", "-1", "1.5", "99999999999999"]) {
      const message = refusal({ [variable]: bad });
      expect(message, `${variable}=${bad}`).toMatch(
        new RegExp(`^Invalid ${variable}: must be a whole number from \\d+ to \\d+ \\(got "${bad}"\\)$`),
      );
    }
  });

  it.each(switches)("%s accepts 1/true/on and 0/false/off, and refuses anything else", (variable) => {
    const on = (raw: string) => {
      const config = loadConfig({ [variable]: raw });
      const read: Record<string, boolean> = {
        ROSTER_JOBS: config.jobs.enabled,
        ROSTER_LEARN_RATE_LIMITS: config.learnRateLimits,
        ROSTER_ALLOW_PRIVATE_WEBHOOKS: config.webhooks.allowPrivateTargets,
      };
      return read[variable];
    };
    for (const raw of ["1", "true", "on"]) expect(on(raw), `${variable}=${raw}`).toBe(true);
    for (const raw of ["0", "false", "off"]) expect(on(raw), `${variable}=${raw}`).toBe(false);
    expect(refusal({ [variable]: "yes" })).toBe(
      `Invalid ${variable}: must be one of 1, true, on, 0, false, off (got "yes")`,
    );
  });

  it("refuses a retry schedule it cannot read whole, rather than dropping the bad delays", () => {
    for (const bad of ["5000,x", "5000,", "-1", "1.5,2", "999999999999"]) {
      expect(refusal({ ROSTER_WEBHOOK_RETRY_SCHEDULE_MS: bad }), bad).toMatch(
        /^Invalid ROSTER_WEBHOOK_RETRY_SCHEDULE_MS: must be 1 to 50 comma-separated whole numbers/,
      );
    }
  });

  it("refuses a malformed ROSTER_MASTER_KEY without repeating it", () => {
    const good = crypto.randomBytes(32).toString("base64");
    expect(loadConfig({ ROSTER_MASTER_KEY: `k1:${good},k0:${"ab".repeat(32)}` }).masterKey).toContain(good);
    const short = crypto.randomBytes(16).toString("base64");
    for (const bad of [`k1:${short}`, `k1:${good},k0:${short}`, " , "]) {
      const message = refusal({ ROSTER_MASTER_KEY: bad });
      expect(message).toMatch(/^Invalid ROSTER_MASTER_KEY: /);
      expect(message).not.toContain(short);
      expect(message).not.toContain(good);
    }
    expect(refusal({ ROSTER_MASTER_KEY: `k1:${short}` })).toBe(
      "Invalid ROSTER_MASTER_KEY: entry 1 must be 32 bytes (base64 or 64 hex characters)",
    );
  });
});
