/**
 * Public entry of the PagerDuty simulator: `startPagerdutySimulator(options)` builds a seeded account,
 * derives region-bound keys and serves the PagerDuty REST API v2 (the kit's pipeline with PagerDuty's routes
 * and dialect) on node:http until `close()`.
 */
import { createControl, type SimControl } from "../kit/control.ts";
import { FaultRules } from "../kit/fault-rules.ts";
import { type FaultConfig, FaultInjector } from "../kit/faults.ts";
import type { OAuthServer } from "../kit/oauth/oauth-server.ts";
import { servePipeline } from "../kit/pipeline.ts";
import { createRng, hashSeed } from "../kit/rng.ts";
import { Router } from "../kit/router.ts";
import { Stats } from "../kit/stats.ts";
import { type ApiKeys, deriveApiKeys, KeyRing, type Region } from "./auth.ts";
import { changeEndpoints, createChanges, type SimChanges } from "./control.ts";
import { pagerdutyDialect } from "./dialect.ts";
import type { Directory } from "./directory.ts";
import { generateDirectory } from "./directory-generator.ts";
import { IdMint } from "./ids.ts";
import type { User } from "./model.ts";
import { type PagerdutyOAuthClient, pagerdutyOAuthClient, pagerdutyOAuthServer } from "./oauth.ts";
import { generateOpsData, type OpsData } from "./ops-data.ts";
import { createRateLimiter, DEFAULT_PER_MINUTE, type Domain, setPerMinute } from "./rate-limits.ts";
import type { SimState } from "./route.ts";
import { allRoutes } from "./routes.ts";

export type { FaultConfig } from "../kit/faults.ts";
export { parseFaults } from "../kit/faults.ts";
export type { StatsSnapshot } from "../kit/stats.ts";
export type { ApiKeys, KeyKind, Region } from "./auth.ts";
export { deriveApiKeys } from "./auth.ts";
export type { NewTeam, NewUser, SimChanges } from "./control.ts";
export type { Directory } from "./directory.ts";
export type { OpsData } from "./ops-data.ts";
export { parsePerMinute } from "./rate-limits.ts";

export interface PagerdutySimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Keys are derived per region: a key of one region is unknown (401) in the other. Default "us". */
  region?: Region;
  /** Seeds the account, the keys and the fault stream. Default 1. */
  seed?: number;
  /** Generated users (default 250, at least 3) and teams (default 25). */
  users?: number;
  teams?: number;
  /** The account's subdomain in `html_url`s; default "acme-<seed>". */
  subdomain?: string;
  /** Seats per license kind; default those in use plus 10% (at least 5). */
  seats?: { fullUser?: number; stakeholder?: number };
  /** The account's abilities; default every ability (teams, read_only_users, audit_records, ...). */
  abilities?: readonly string[];
  /** Fixes the full-access key. */
  apiKey?: string;
  /** Requests per minute per key (or per user); default 960. */
  rateLimit?: number;
  faults?: Partial<FaultConfig>;
}

/** A user a user-level key acts as. */
export interface KeyUser {
  id: string;
  name: string;
  email: string;
}

/** What GET /__sim/keys and keysInfo() report. */
export interface PagerdutyKeysInfo {
  region: Region;
  apiKeys: ApiKeys;
  /** The users the `user` (an admin) and `restrictedUser` (restricted access) keys act as. */
  keyUsers: { user: KeyUser; restrictedUser: KeyUser };
}

export interface PagerdutySimulator extends SimControl<Domain, PagerdutyKeysInfo>, SimChanges {
  /** Base URL, e.g. "http://127.0.0.1:41234" (no trailing slash): the simulator answers at the root. */
  url: string;
  port: number;
  region: Region;
  apiKeys: ApiKeys;
  keyUsers: PagerdutyKeysInfo["keyUsers"];
  /** The live account, for test setup that should not go through HTTP (replaced by reset()). */
  readonly directory: Directory;
  readonly ops: OpsData;
  /**
   * The OAuth authorization server at `/oauth/authorize` and `/oauth/token` (point
   * `PAGERDUTY_OAUTH_BASE_URL` here); its access tokens act as the admin user of the `user` key.
   */
  oauth: OAuthServer;
  /** The OAuth client registered with this account (`PAGERDUTY_OAUTH_CLIENT_ID` / `_SECRET`). */
  oauthClient: PagerdutyOAuthClient;
  /** Sets the per-minute limit of every key (all budgets restart full). */
  setRateLimit(perMinute: number): void;
  close(): Promise<void>;
}

const keyUser = (u: User): KeyUser => ({ id: u.id, name: u.name, email: u.email });

export async function startPagerdutySimulator(
  options: PagerdutySimulatorOptions = {},
): Promise<PagerdutySimulator> {
  const seed = options.seed ?? 1;
  const region = options.region ?? "us";
  const subdomain = options.subdomain ?? `acme-${seed}`;
  const seeded = (): { dir: Directory; ops: OpsData } => {
    const dir = generateDirectory({
      seed,
      users: options.users ?? 250,
      teams: options.teams ?? 25,
      webUrl: `https://${subdomain}.${region === "eu" ? "eu." : ""}pagerduty.com`,
      seats: options.seats,
      abilities: options.abilities,
    });
    return { dir, ops: generateOpsData(seed, dir) };
  };
  const { dir, ops } = seeded();
  // The generator makes user 1 an admin and user 2 a restricted user: the two user keys act as them.
  const [, admin, restricted] = [...dir.users.values()] as [User, User, User];
  const apiKeys = deriveApiKeys(seed, region, options.apiKey);
  // Keys get their audit ids from a stream of their own, so a reset directory's mint cannot reissue them.
  const keyIds = new IdMint(createRng(hashSeed(seed, "key-ids")));
  const keys = new KeyRing(apiKeys, { user: admin.id, restrictedUser: restricted.id }, () => keyIds.next());
  const state: SimState = { dir, ops, keys, region };
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_PER_MINUTE);
  const faults = new FaultInjector(seed, options.faults);
  const faultRules = new FaultRules();
  const stats = new Stats();
  const keyUsers = { user: keyUser(admin), restrictedUser: keyUser(restricted) };

  const changes = createChanges(state, seed, () => {
    Object.assign(state, seeded());
    keys.reset();
    stats.reset();
  });
  const control = createControl({
    stats,
    faults,
    faultRules,
    limiter,
    keysInfo: (): PagerdutyKeysInfo => ({ region, apiKeys, keyUsers }),
    handle: changeEndpoints(changes),
  });

  const oauthClient = pagerdutyOAuthClient(seed, region);
  const oauth = pagerdutyOAuthServer(oauthClient, { subdomain, region, userId: admin.id });
  const server = await servePipeline(
    {
      intercept: (req, res) => oauth.handle(req, res),
      router: new Router(allRoutes),
      dialect: pagerdutyDialect(state, limiter, (token) =>
        oauth.validAccessToken(token) ? state.keys.lookup(apiKeys.user) : undefined,
      ),
      state,
      limiter,
      faults,
      faultRules,
      stats,
      control,
    },
    { port: options.port, host: options.host },
  );

  return {
    ...control,
    ...changes,
    url: server.url,
    port: server.port,
    region,
    apiKeys,
    keyUsers,
    get directory() {
      return state.dir;
    },
    get ops() {
      return state.ops;
    },
    setRateLimit: (perMinute) => setPerMinute(limiter, perMinute),
    oauth,
    oauthClient,
    close: server.close,
  };
}
