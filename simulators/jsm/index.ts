/**
 * Public entry of the JSM simulator: `startJsmSimulator(options)` builds a seeded site and organization and
 * serves, on one port, both the customer's site (`/_edge/...`, `/rest/api/3/...`, `/gateway/api/...`) and
 * api.atlassian.com (`/jsm/ops/api/{cloudId}/...`, `/admin/...`) on the kit's pipeline until `close()`.
 */
import { createControl, type SimControl } from "../kit/control.ts";
import { FaultRules } from "../kit/fault-rules.ts";
import { type FaultConfig, FaultInjector } from "../kit/faults.ts";
import type { OAuthServer } from "../kit/oauth/oauth-server.ts";
import { servePipeline } from "../kit/pipeline.ts";
import type { RateLimitsInput } from "../kit/rate-limiter.ts";
import { createRng, hashSeed } from "../kit/rng.ts";
import { Router } from "../kit/router.ts";
import { Stats } from "../kit/stats.ts";
import type { Domain } from "./apis.ts";
import { changeEndpoints, createChanges, type SimChanges } from "./control.ts";
import { jsmDialect } from "./dialect.ts";
import type { Directory } from "./directory.ts";
import { directoryFromPeople, type PeopleAndTeams } from "./directory-builder.ts";
import { generateDirectory } from "./directory-generator.ts";
import type { CallerKind } from "./model.ts";
import { type JsmOAuthClient, jsmOAuthClient, jsmOAuthIntercept, jsmOAuthServer } from "./oauth.ts";
import { createRateLimiter } from "./rate-limits.ts";
import type { SimState } from "./route.ts";
import { allRoutes } from "./routes.ts";
import { checkSite } from "./site.ts";

export type { FaultConfig } from "../kit/faults.ts";
export type { StatsSnapshot } from "../kit/stats.ts";
export { DOMAINS } from "./apis.ts";
export type { NewTeam, NewUser, SimChanges } from "./control.ts";
export type { Directory } from "./directory.ts";
export {
  buildDirectory,
  type DirectorySource,
  directoryFromPeople,
  type PeopleAndTeams,
} from "./directory-builder.ts";
export type { Account, CallerKind, CustomRole, Team } from "./model.ts";

export interface JsmSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds the directory, ids, tokens and the fault stream. Default 1. */
  seed?: number;
  /** Generated people (default 120) and teams (default 12); ignored with `from`. */
  users?: number;
  teams?: number;
  /** Build the site from these people and teams instead (e.g. an Opsgenie directory being migrated). */
  from?: PeopleAndTeams;
  /** `<name>.atlassian.net`; default "acme-<seed>.atlassian.net". */
  site?: string;
  /** JSM agent seats; default agents + 10% (at least 5); null: unlimited. */
  seats?: number | null;
  /** Custom global ops roles (default 3). */
  customRoles?: number;
  /** Most accounts a `users/search` page holds (default 100) [unverified]. */
  jiraUserPageCap?: number;
  /** Accounts per admin API page (default 100) [unverified]. */
  adminPageSize?: number;
  rateLimits?: RateLimitsInput<Domain>;
  faults?: Partial<FaultConfig>;
}

/** Basic credentials of one seeded caller. */
export interface JsmCredentials {
  email: string;
  apiToken: string;
  accountId: string;
}

/** What GET /__sim/keys and keysInfo() report. */
export interface JsmKeysInfo {
  site: string;
  cloudId: string;
  orgId: string;
  adminApiKey: string;
  /**
   * admin: JSM agent, Operations global admin, Administer Jira; agent: a JSM agent only (own ops teams, 403
   * on roles and application roles); noAccess: no JSM licence (403 on Ops); service: a service account (403 on
   * Ops, a title saying so); revoked: a revoked token (401).
   */
  credentials: Record<CallerKind, JsmCredentials>;
}

export interface JsmSimulator extends SimControl<Domain, JsmKeysInfo>, SimChanges, JsmKeysInfo {
  /** Base URL of both hosts, e.g. "http://127.0.0.1:41234" (no trailing slash). */
  url: string;
  port: number;
  /**
   * Atlassian's OAuth authorization server on this port (point `JSM_OAUTH_BASE_URL` here); its access
   * tokens act as the seeded admin caller on the Jira and Ops APIs.
   */
  oauth: OAuthServer;
  /** The OAuth client registered with this site (`JSM_OAUTH_CLIENT_ID` / `_SECRET`). */
  oauthClient: JsmOAuthClient;
  /** The live directory, for test setup that should not go through HTTP (replaced by reset()). */
  readonly directory: Directory;
  close(): Promise<void>;
}

/** Starts a simulator; see JsmSimulatorOptions for the defaults. */
export async function startJsmSimulator(options: JsmSimulatorOptions = {}): Promise<JsmSimulator> {
  const seed = options.seed ?? 1;
  const site = checkSite(options.site ?? `acme-${seed}.atlassian.net`);
  const ids = createRng(hashSeed(seed, "jsm-site"));
  const cloudId = ids.uuid();
  const orgId = ids.uuid();
  const seeded = (): Directory => {
    const build = { seed, seats: options.seats, customRoles: options.customRoles };
    return options.from
      ? directoryFromPeople(options.from, build)
      : generateDirectory({ ...build, users: options.users ?? 120, teams: options.teams ?? 12 });
  };
  const state: SimState = {
    dir: seeded(),
    site,
    cloudId,
    orgId,
    siteAvailable: true,
    jiraUserPageCap: options.jiraUserPageCap ?? 100,
    adminPageSize: options.adminPageSize ?? 100,
  };
  const limiter = createRateLimiter(options.rateLimits);
  const faults = new FaultInjector(seed, options.faults);
  const faultRules = new FaultRules();
  const stats = new Stats();
  const keysInfo = (): JsmKeysInfo => {
    const credentials = {} as Record<CallerKind, JsmCredentials>;
    for (const c of state.dir.callers.values())
      credentials[c.kind] = { email: c.email, apiToken: c.apiToken, accountId: c.accountId };
    return { site, cloudId, orgId, adminApiKey: state.dir.adminApiKey, credentials };
  };
  const changes = createChanges(state, seed, () => {
    state.dir = seeded();
    state.siteAvailable = true;
    stats.reset();
  });
  const control = createControl({
    stats,
    faults,
    faultRules,
    limiter,
    keysInfo,
    handle: changeEndpoints(changes),
  });
  const oauthClient = jsmOAuthClient(seed);
  const oauth = jsmOAuthServer(oauthClient);
  const server = await servePipeline(
    {
      intercept: jsmOAuthIntercept(oauth, state),
      router: new Router(allRoutes),
      dialect: jsmDialect(state, limiter, (token) => oauth.validAccessToken(token)),
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
    ...keysInfo(),
    url: server.url,
    port: server.port,
    oauth,
    oauthClient,
    get directory() {
      return state.dir;
    },
    close: server.close,
  };
}
