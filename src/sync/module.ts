import type { Logger } from "pino";
import type { Sessions } from "../connections/sessions.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { StoreHandle } from "../store/database.ts";
import type { IntegratedAccountRepository } from "../store/integrated-accounts.ts";
import { SyncJobRepository } from "../store/sync-jobs.ts";
import { SyncRunRepository } from "../store/sync-runs.ts";
import type { UnifiedExecutor } from "../unified/executor.ts";
import { SyncRunner } from "./sync-runner.ts";
import { SyncService } from "./sync-service.ts";

/** Builds the sync parts from what the composition root already has. */
export function createSyncService(deps: {
  store: StoreHandle;
  sessions: Sessions;
  unified: UnifiedExecutor;
  accounts: IntegratedAccountRepository;
  queue: JobQueue;
  leaseMs: number;
  logger?: Logger;
}): SyncService {
  const jobs = new SyncJobRepository(deps.store.db);
  const runs = new SyncRunRepository(deps.store.db);
  const runner = new SyncRunner({ ...deps, jobs, runs });
  return new SyncService({ jobs, runs, accounts: deps.accounts, runner, queue: deps.queue });
}
