import path from "node:path";
import { z } from "zod";
import { DEFAULT_MAX_PAGES_PER_WALK } from "./http/pagination/walk-guard.ts";
import type { DatabaseConfig } from "./store/database.ts";

/** Environment variables -> typed configuration. Every variable has an embedded default so `npm start` needs nothing. */
const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  ROSTER_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => /^(postgres|postgresql|sqlite):/.test(v),
      "must start with postgres://, postgresql:// or sqlite:",
    )
    .optional(),
  ROSTER_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  ROSTER_MASTER_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(logLevels).default("info"),
  ROSTER_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  ROSTER_PUBLIC_URL: z.url().optional(),
  ROSTER_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  ROSTER_PROVIDER_DEADLINE_MS: z.coerce.number().int().min(100).max(900_000).default(60_000),
  ROSTER_LIMITS_PROBE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  ROSTER_LEARN_RATE_LIMITS: z.enum(["0", "1", "true", "false"]).default("1"),
  ROSTER_ACCOUNT_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  ROSTER_MAX_PAGES_PER_WALK: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(DEFAULT_MAX_PAGES_PER_WALK),
  ROSTER_ALLOW_PRIVATE_WEBHOOKS: z.enum(["0", "1", "true", "false"]).default("0"),
});

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
  /** Webhooks may target loopback, private and link-local addresses (tests, demos, internal receivers). */
  allowPrivateWebhooks: boolean;
  /** Operator-only overrides of provider base URLs, `<PROVIDER>_<REGION>_BASE_URL`. */
  env: Readonly<Record<string, string | undefined>>;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join(".") ?? "environment";
    throw new ConfigError(
      `Invalid ${variable}: ${issue?.message ?? "invalid value"} (got ${JSON.stringify(env[variable])})`,
    );
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.ROSTER_DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    database: databaseFrom(c.DATABASE_URL, dataDir),
    adminToken: c.ROSTER_ADMIN_TOKEN,
    masterKey: c.ROSTER_MASTER_KEY,
    logLevel: c.LOG_LEVEL,
    bodyLimit: c.ROSTER_BODY_LIMIT,
    publicUrl: c.ROSTER_PUBLIC_URL?.replace(/\/$/, ""),
    providerTimeoutMs: c.ROSTER_PROVIDER_TIMEOUT_MS,
    providerDeadlineMs: c.ROSTER_PROVIDER_DEADLINE_MS,
    limitsProbeTimeoutMs: c.ROSTER_LIMITS_PROBE_TIMEOUT_MS,
    learnRateLimits: c.ROSTER_LEARN_RATE_LIMITS === "1" || c.ROSTER_LEARN_RATE_LIMITS === "true",
    accountCacheTtlMs: c.ROSTER_ACCOUNT_CACHE_TTL_MS,
    maxPagesPerWalk: c.ROSTER_MAX_PAGES_PER_WALK,
    allowPrivateWebhooks:
      c.ROSTER_ALLOW_PRIVATE_WEBHOOKS === "1" || c.ROSTER_ALLOW_PRIVATE_WEBHOOKS === "true",
    env: { ...env },
  };
}

function databaseFrom(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { dialect: "sqlite", file: path.join(dataDir, "roster.db") };
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    return { dialect: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
  }
  return { dialect: "postgres", url };
}

/** An empty variable (`FOO=`) means "unset", as shells and .env files usually intend. */
function emptyToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) out[key] = env[key] === "" ? undefined : env[key];
  return out;
}
