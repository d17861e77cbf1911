import path from "node:path";
import { z } from "zod";
import { DEFAULT_MAX_PAGES_PER_WALK } from "./http/pagination/walk-guard.ts";
import type { JobQueueOptions } from "./jobs/options.ts";
import type { DatabaseConfig } from "./store/database.ts";
import { parseMasterKeys } from "./vault/keyring.ts";
import type { WebhookOptions } from "./webhooks/options.ts";
import { DEFAULT_RETRY_AFTER_CAP_MS, DEFAULT_RETRY_SCHEDULE_MS } from "./webhooks/retry-schedule.ts";

/**
 * Environment variables -> typed configuration. Every variable has an embedded default so `npm start` needs
 * nothing, and every bad value is refused here (ConfigError naming the variable and what is allowed), before
 * anything opens the database or the data folder.
 */
const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** A whole number in [min, max]; every failure (not a number, a fraction, out of range) says what is allowed. */
function integer(min: number, max: number, fallback: number) {
  const allowed = `must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: allowed })
    .int(allowed)
    .min(min, allowed)
    .max(max, allowed)
    .default(fallback);
}

const switchValues = ["1", "true", "on", "0", "false", "off"] as const;

/** An on/off switch; every switch accepts the same spellings. */
function onOff(fallback: (typeof switchValues)[number]) {
  return z
    .enum(switchValues, { error: `must be one of ${switchValues.join(", ")}` })
    .default(fallback)
    .transform((v) => v === "1" || v === "true" || v === "on");
}

const WEEK_MS = 7 * 86_400_000;

/** Comma-separated delays in ms, each a whole number from 0 to a week; 1 to 50 of them. */
const retrySchedule = z
  .string()
  .refine((v) => {
    const delays = v.split(",").map((s) => s.trim());
    return delays.length <= 50 && delays.every((s) => /^\d+$/.test(s) && Number(s) <= WEEK_MS);
  }, `must be 1 to 50 comma-separated whole numbers of ms, each from 0 to ${WEEK_MS}`)
  .transform((v) => v.split(",").map((s) => Number(s.trim())));

/** The format the vault reads (vault/keyring.ts), checked before anything opens the data folder. */
const masterKey = z.string().superRefine((value, ctx) => {
  try {
    parseMasterKeys(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^ROSTER_MASTER_KEY /, "") });
  }
});

const configSchema = z.object({
  PORT: integer(0, 65535, 3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  ROSTER_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => /^(postgres|postgresql|sqlite):/.test(v),
      "must start with postgres://, postgresql:// or sqlite:",
    )
    .optional(),
  ROSTER_DATABASE_POOL_SIZE: integer(1, 1_000, 10),
  ROSTER_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  ROSTER_MASTER_KEY: masterKey.optional(),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
  ROSTER_BODY_LIMIT: integer(1024, 1_073_741_824, 1_048_576),
  ROSTER_PUBLIC_URL: z.url("must be an absolute URL such as https://roster.example.com").optional(),
  ROSTER_PROVIDER_TIMEOUT_MS: integer(100, 300_000, 15_000),
  ROSTER_PROVIDER_DEADLINE_MS: integer(100, 900_000, 60_000),
  ROSTER_LIMITS_PROBE_TIMEOUT_MS: integer(100, 60_000, 5_000),
  ROSTER_LEARN_RATE_LIMITS: onOff("1"),
  ROSTER_ACCOUNT_CACHE_TTL_MS: integer(0, 60_000, 5_000),
  ROSTER_MAX_PAGES_PER_WALK: integer(1, 10_000_000, DEFAULT_MAX_PAGES_PER_WALK),
  ROSTER_ALLOW_PRIVATE_WEBHOOKS: onOff("0"),
  ROSTER_JOBS: onOff("on"),
  ROSTER_JOBS_POLL_MS: integer(10, 3_600_000, 1_000),
  ROSTER_JOB_LEASE_MS: integer(500, 86_400_000, 30_000),
  ROSTER_JOBS_CONCURRENCY: integer(1, 1_000, 4),
  ROSTER_WEBHOOKS_POLL_MS: integer(10, 3_600_000, 100),
  ROSTER_WEBHOOKS_CONCURRENCY: integer(1, 1_000, 32),
  ROSTER_WEBHOOK_LEASE_MS: integer(500, 86_400_000, 60_000),
  ROSTER_WEBHOOK_TIMEOUT_MS: integer(100, 300_000, 15_000),
  ROSTER_WEBHOOK_RETRY_SCHEDULE_MS: retrySchedule.optional(),
  ROSTER_WEBHOOK_RETRY_AFTER_CAP_MS: integer(0, WEEK_MS, DEFAULT_RETRY_AFTER_CAP_MS),
  ROSTER_WEBHOOK_ROTATION_OVERLAP_MS: integer(1, 30 * 86_400_000, 24 * 3_600_000),
});

/** Variables whose value is a secret: a refusal names them but never repeats what they hold. */
const secretVariables = new Set(["ROSTER_MASTER_KEY", "ROSTER_ADMIN_TOKEN", "DATABASE_URL"]);

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  adminToken?: string;
  masterKey?: string;
  logLevel: (typeof logLevels)[number];
  bodyLimit: number;
  publicUrl?: string;
  /** Per attempt: how long Roster waits for a provider's answer to start. */
  providerTimeoutMs: number;
  /** Per logical call: pacing, every attempt and every retry together. */
  providerDeadlineMs: number;
  /** How long the background read of an account's rate limits may take before the assumed limits stay. */
  limitsProbeTimeoutMs: number;
  /** Learn each account's rate (raise while clean, cut on a 429) when its provider does not tell its limits. */
  learnRateLimits: boolean;
  /** How long an account and its decrypted credentials are kept in memory between live reads (0: not kept). */
  accountCacheTtlMs: number;
  /** Pages one walk over a provider list may read when the provider reports no total (a paging-loop stop). */
  maxPagesPerWalk: number;
  /** This process's job queue (`ROSTER_JOBS*`); `enabled: false` leaves polling to other processes. */
  jobs: JobQueueOptions;
  /**
   * Webhook delivery (`ROSTER_WEBHOOK*`); `allowPrivateTargets` lets webhooks target loopback, private and
   * link-local addresses (tests, demos, internal receivers).
   */
  webhooks: WebhookOptions;
  /** Operator-only overrides of provider base URLs, `<PROVIDER>_<REGION>_BASE_URL`. */
  env: Readonly<Record<string, string | undefined>>;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads and validates `env` (default: process.env). Throws ConfigError, one line naming the first bad variable
 * and what it allows (the value is repeated unless it is a secret); callers exit 78 on it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join(".") ?? "environment";
    const got = secretVariables.has(variable) ? "" : ` (got ${JSON.stringify(env[variable])})`;
    throw new ConfigError(`Invalid ${variable}: ${issue?.message ?? "invalid value"}${got}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.ROSTER_DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    database: databaseFrom(c.DATABASE_URL, dataDir, c.ROSTER_DATABASE_POOL_SIZE),
    adminToken: c.ROSTER_ADMIN_TOKEN,
    masterKey: c.ROSTER_MASTER_KEY,
    logLevel: c.LOG_LEVEL,
    bodyLimit: c.ROSTER_BODY_LIMIT,
    publicUrl: c.ROSTER_PUBLIC_URL?.replace(/\/$/, ""),
    providerTimeoutMs: c.ROSTER_PROVIDER_TIMEOUT_MS,
    providerDeadlineMs: c.ROSTER_PROVIDER_DEADLINE_MS,
    limitsProbeTimeoutMs: c.ROSTER_LIMITS_PROBE_TIMEOUT_MS,
    learnRateLimits: c.ROSTER_LEARN_RATE_LIMITS,
    accountCacheTtlMs: c.ROSTER_ACCOUNT_CACHE_TTL_MS,
    maxPagesPerWalk: c.ROSTER_MAX_PAGES_PER_WALK,
    jobs: {
      enabled: c.ROSTER_JOBS,
      pollMs: c.ROSTER_JOBS_POLL_MS,
      leaseMs: c.ROSTER_JOB_LEASE_MS,
      concurrency: c.ROSTER_JOBS_CONCURRENCY,
    },
    webhooks: {
      pollMs: c.ROSTER_WEBHOOKS_POLL_MS,
      concurrency: c.ROSTER_WEBHOOKS_CONCURRENCY,
      leaseMs: c.ROSTER_WEBHOOK_LEASE_MS,
      timeoutMs: c.ROSTER_WEBHOOK_TIMEOUT_MS,
      retryScheduleMs: c.ROSTER_WEBHOOK_RETRY_SCHEDULE_MS ?? [...DEFAULT_RETRY_SCHEDULE_MS],
      retryAfterCapMs: c.ROSTER_WEBHOOK_RETRY_AFTER_CAP_MS,
      rotationOverlapMs: c.ROSTER_WEBHOOK_ROTATION_OVERLAP_MS,
      allowPrivateTargets: c.ROSTER_ALLOW_PRIVATE_WEBHOOKS,
    },
    env: { ...env },
  };
}

function databaseFrom(url: string | undefined, dataDir: string, poolSize: number): DatabaseConfig {
  if (!url) return { dialect: "sqlite", file: path.join(dataDir, "roster.db") };
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    return { dialect: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
  }
  return { dialect: "postgres", url, poolSize };
}

/** An empty variable (`FOO=`) means "unset", as shells and .env files usually intend. */
function emptyToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) out[key] = env[key] === "" ? undefined : env[key];
  return out;
}
