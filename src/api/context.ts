import type { Registry } from "prom-client";
import type { Config } from "../config.ts";
import type { LinkDeps } from "../connections/link-account.ts";
import type { OAuthTokens } from "../connections/oauth/oauth-tokens.ts";
import type { Sessions } from "../connections/sessions.ts";
import type { CursorCodec } from "../core/cursor.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { ProxyExecutor } from "../proxy/proxy-executor.ts";
import type { ApiTokenRepository } from "../store/api-tokens.ts";
import type { StoreHandle } from "../store/database.ts";
import type { IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import type { LinkTokenRepository } from "../store/link-tokens.ts";
import type { OAuthStateRepository } from "../store/oauth-states.ts";
import type { SyncService } from "../sync/sync-service.ts";
import type { UnifiedExecutor } from "../unified/executor.ts";
import type { Vault } from "../vault/index.ts";
import type { WebhookService } from "../webhooks/webhook-service.ts";
import type { LiveAnswer } from "./live-read.ts";
import type { SharedReads } from "./shared-reads.ts";

/** Everything a route may use, built once by the composition root (src/main.ts). */
export interface AppContext {
  config: Config;
  store: StoreHandle;
  vault: Vault;
  metrics: Registry;
  cursors: CursorCodec;
  defaultEnvironmentId: string;
  tokens: ApiTokenRepository;
  accounts: IntegratedAccountRepository;
  linkTokens: LinkTokenRepository;
  sessions: Sessions;
  /** Account linking (API and connect page), with its explicit dependencies. */
  linking: LinkDeps;
  /** Access tokens of OAuth accounts, and the grants the connect page completes. */
  oauth: OAuthTokens;
  /** The `state` of consents in flight. */
  oauthStates: OAuthStateRepository;
  unified: UnifiedExecutor;
  proxy: ProxyExecutor;
  /** Identical live reads in flight share one provider read. */
  liveReads: SharedReads<LiveAnswer>;
  jobs: JobQueue;
  sync: SyncService;
  webhooks: WebhookService;
}
