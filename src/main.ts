import type { Logger } from "pino";
import { Counter, collectDefaultMetrics, Registry } from "prom-client";
import type { AppContext } from "./api/context.ts";
import type { LiveAnswer } from "./api/live-read.ts";
import { type App, buildServer } from "./api/server.ts";
import { SharedReads } from "./api/shared-reads.ts";
import type { Config } from "./config.ts";
import { AccountCache } from "./connections/account-cache.ts";
import { oauthClientFor } from "./connections/oauth/oauth-client.ts";
import { OAuthTokens } from "./connections/oauth/oauth-tokens.ts";
import { Sessions } from "./connections/sessions.ts";
import { CursorCodec } from "./core/cursor.ts";
import { recordAccountEvent } from "./events/account-events.ts";
import {
  type BucketStore,
  createHttpMetrics,
  HttpEngine,
  InMemoryBucketStore,
  Pacer,
  RateLearner,
  SharedLearntRateStore,
} from "./http/index.ts";
import { SharedBucketStore } from "./http/rate-limit/shared-bucket-store.ts";
import { EmbeddedJobQueue } from "./jobs/embedded-queue.ts";
import { GraphileJobQueue } from "./jobs/graphile-queue.ts";
import { createLogger } from "./logger.ts";
import { providers } from "./providers/index.ts";
import { ProxyExecutor } from "./proxy/proxy-executor.ts";
import { listenAccountChanges, publishAccountChange } from "./store/account-changes.ts";
import { ApiTokenRepository } from "./store/api-tokens.ts";
import { openStore, type StoreHandle } from "./store/database.ts";
import { DEFAULT_ENVIRONMENT, EnvironmentRepository } from "./store/environments.ts";
import { type AccountWithSecret, IntegratedAccountRepository } from "./store/integrated-accounts.ts";
import { LinkTokenRepository } from "./store/link-tokens.ts";
import { migrateToLatest } from "./store/migrate.ts";
import { OAuthRefreshLeaseRepository } from "./store/oauth-refresh-leases.ts";
import { OAuthStateRepository } from "./store/oauth-states.ts";
import { RateLimitBucketRepository } from "./store/rate-limit-buckets.ts";
import { createSyncService } from "./sync/module.ts";
import { SyncScheduler } from "./sync/scheduler.ts";
import { UnifiedExecutor } from "./unified/executor.ts";
import { KEY_FILE_NAME, Keyring, Vault } from "./vault/index.ts";
import type { ResolveHost } from "./webhooks/target-safety.ts";
import { WebhookService } from "./webhooks/webhook-service.ts";

/**
 * The composition root: the only place that wires layers together. Start-up order matters: the store must
 * answer and be migrated, and the vault must be able to open what is stored, before anything is served.
 */
export interface Roster {
  app: App;
  context: AppContext;
  logger: Logger;
  close(): Promise<void>;
}

export interface Core {
  store: StoreHandle;
  vault: Vault;
  logger: Logger;
  environments: EnvironmentRepository;
  tokens: ApiTokenRepository;
  accounts: IntegratedAccountRepository;
}

/** Store + vault, shared by the server and the CLI commands. */
export async function openCore(config: Config, logger = createLogger(config.logLevel)): Promise<Core> {
  const store = await openStore(config.database);
  try {
    // The keys first: an unreadable key file stops start-up before the database is changed.
    const { keyring, created } = Keyring.load({ masterKey: config.masterKey, dataDir: config.dataDir });
    if (created)
      logger.warn(
        { file: `${config.dataDir}/${KEY_FILE_NAME}` },
        "generated a new master key file; back it up",
      );
    const applied = await migrateToLatest(store.db, store.dialect);
    if (applied.length > 0) logger.info({ migrations: applied }, "database migrated");
    const vault = new Vault(keyring);
    const accounts = new IntegratedAccountRepository(store.db);
    vault.assertReadable(await accounts.samplePerKey());
    return {
      store,
      vault,
      logger,
      environments: new EnvironmentRepository(store.db),
      tokens: new ApiTokenRepository(store.db),
      accounts,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** What tests may replace; production passes nothing. */
export interface RosterOverrides {
  /** Resolver of webhook target host names (tests judge targets without touching the network). */
  resolveHost?: ResolveHost;
  /** The clock OAuth token expiry is judged by, ms since the epoch (tests move it past an expiry). */
  clock?: () => number;
}

export async function createRoster(
  config: Config,
  logger = createLogger(config.logLevel),
  overrides: RosterOverrides = {},
): Promise<Roster> {
  const core = await openCore(config, logger);
  warnOfHostDerivedRedirects(config, logger);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const defaultEnvironment = await core.environments.ensure(DEFAULT_ENVIRONMENT);
  const outbound = createOutbound(core, config, metrics, logger);
  const onNeedsReauth = (account: AccountWithSecret) => {
    logger.warn({ account: account.id }, "provider refused credentials: account needs reauth");
    // Re-read: the event carries the public account with its new status, never the sealed credentials.
    void core.accounts
      .get(account.environment_id, account.id)
      .then((fresh) => fresh && recordAccountEvent(core.store.db, fresh, "integrated_account.needs_reauth"))
      .catch((error) => logger.error({ err: error, account: account.id }, "needs_reauth event not recorded"));
  };
  // A change made here is announced to the other instances (PostgreSQL); theirs drop it here at once.
  const accountCache = new AccountCache(core.accounts, core.vault, {
    ttlMs: config.accountCacheTtlMs,
    onDrop: (id) => void publishAccountChange(core.store, id),
  });
  const accountChanges = await listenAccountChanges(core.store, {
    changed: (id) => accountCache.forgetLocally(id),
    reset: () => accountCache.clear(),
  });
  const oauth = new OAuthTokens({
    engine: outbound.engine,
    store: core.store,
    vault: core.vault,
    accounts: core.accounts,
    leases: new OAuthRefreshLeaseRepository(core.store.db),
    env: config.env,
    tokenTimeoutMs: config.providerTimeoutMs,
    // A refused refresh flips the account: the cached row must not keep serving it as active.
    onNeedsReauth: (account) => {
      accountCache.drop(account.id);
      onNeedsReauth(account);
    },
    now: overrides.clock,
  });
  const sessions = new Sessions({
    engine: outbound.engine,
    pacer: outbound.pacer,
    accounts: core.accounts,
    cache: accountCache,
    env: config.env,
    limitsProbeTimeoutMs: config.limitsProbeTimeoutMs,
    oauth,
    onNeedsReauth,
  });
  const cursors = new CursorCodec(core.vault.deriveKey("cursor"));
  const walkLimits = { maxPages: config.maxPagesPerWalk };
  const unified = new UnifiedExecutor(cursors, walkLimits);
  // Syncs run on the job queue; ROSTER_JOBS=off leaves the polling to other instances (or the CLI).
  const jobOptions = config.jobs;
  // Embedded (SQLite): the database-table queue. Scale-out (PostgreSQL): graphile-worker on the shared pool.
  const jobs =
    core.store.dialect === "postgres" && core.store.pgPool
      ? new GraphileJobQueue(core.store.pgPool, jobOptions, logger)
      : new EmbeddedJobQueue(core.store.db, jobOptions, logger);
  const sync = createSyncService({
    ...core,
    sessions,
    unified,
    queue: jobs,
    leaseMs: jobOptions.leaseMs,
    logger,
  });
  const scheduler = new SyncScheduler(sync, jobOptions.pollMs, logger);
  const webhooks = new WebhookService({
    store: core.store,
    vault: core.vault,
    options: config.webhooks,
    logger,
    resolveHost: overrides.resolveHost,
  });
  const context: AppContext = {
    config,
    store: core.store,
    vault: core.vault,
    metrics,
    cursors,
    defaultEnvironmentId: defaultEnvironment.id,
    tokens: core.tokens,
    accounts: core.accounts,
    linkTokens: new LinkTokenRepository(core.store.db),
    sessions,
    linking: { store: core.store, vault: core.vault, sessions, recordAccountEvent },
    oauth,
    oauthStates: new OAuthStateRepository(core.store.db),
    unified,
    proxy: new ProxyExecutor(cursors, walkLimits),
    liveReads: sharedLiveReads(metrics),
    jobs,
    sync,
    webhooks,
  };
  const app = await buildServer(context, logger);
  if (jobOptions.enabled) {
    await jobs.start({ "sync-run": sync.handler() });
    scheduler.start();
    webhooks.worker.start();
  }
  return {
    app,
    context,
    logger,
    async close() {
      scheduler.stop();
      await webhooks.close();
      await jobs.stop();
      await app.close();
      await accountChanges.close();
      await outbound.engine.close();
      await oauth.close();
      await core.store.close();
    },
  };
}

function sharedLiveReads(metrics: Registry): SharedReads<LiveAnswer> {
  const shared = new Counter({
    name: "roster_shared_live_reads_total",
    help: "Live reads answered by joining an identical read already in flight (one provider call for both).",
    registers: [metrics],
  });
  return new SharedReads<LiveAnswer>(() => shared.inc());
}

/**
 * The outbound engine. Embedded mode paces in memory (one process); on PostgreSQL the buckets live in the
 * database so every instance draws from one budget per provider account. Learnt rates live in the database on
 * both, so a restart keeps them (and instances on PostgreSQL share them).
 */
function createOutbound(core: Core, config: Config, metrics: Registry, logger: Logger) {
  const shared = new RateLimitBucketRepository(core.store);
  const buckets: BucketStore =
    core.store.dialect === "postgres"
      ? new SharedBucketStore((key, mutate) => shared.update(key, mutate))
      : new InMemoryBucketStore();
  // Providers state their own assumed limits per account (Sessions); this is only the floor for the unknown.
  const learnt = new RateLimitBucketRepository(core.store, "rate_limit_learnt");
  const learner = config.learnRateLimits
    ? new RateLearner(
        new SharedLearntRateStore(
          (key, mutate) => learnt.update(key, mutate),
          (key) => learnt.read(key),
        ),
      )
    : undefined;
  const pacer = new Pacer(buckets, { defaultLimits: { "*": [{ limit: 5, periodSeconds: 1 }] } }, { learner });
  const engine = new HttpEngine(
    {
      headersTimeoutMs: config.providerTimeoutMs,
      bodyTimeoutMs: config.providerTimeoutMs,
      deadlineMs: config.providerDeadlineMs,
    },
    { pacer, metrics: createHttpMetrics(metrics), logger },
  );
  return { engine, pacer };
}

/**
 * Without ROSTER_PUBLIC_URL, OAuth redirect URIs (and link URLs) are built from each request's Host header, which
 * any caller of the public connect routes chooses; providers match registered redirect URIs exactly, so this only
 * fails closed, but an operator who enabled OAuth should pin the URL.
 */
function warnOfHostDerivedRedirects(config: Config, logger: Logger): void {
  if (config.publicUrl) return;
  const withOAuth = providers.filter((provider) => oauthClientFor(provider, config.env)).map((p) => p.label);
  if (withOAuth.length === 0) return;
  logger.warn(
    { oauth: withOAuth },
    "ROSTER_PUBLIC_URL is not set: OAuth redirect URIs follow each request's Host header; set it to the URL registered with the providers",
  );
}
