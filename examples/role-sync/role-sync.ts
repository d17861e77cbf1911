import { createRosterClient, isRosterError, type RosterClient } from "@roster/client";
import { WebhookReceiver } from "../shared/webhook-receiver.ts";
import { applyUserEvent, USER_EVENTS } from "./apply-event.ts";
import { DEFAULT_ROLE_MAP, Grants, grantFor, type RoleMap } from "./grants.ts";

export interface RoleSyncOptions {
  /** Roster's base URL and an API token of the environment whose people are synced. */
  rosterUrl: string;
  token: string;
  /** The product's grants (a JSON file; created when missing). */
  dataFile: string;
  /** Unified role name -> the product's permissions; default DEFAULT_ROLE_MAP. */
  roleMap?: RoleMap;
  host?: string;
  port?: number;
  publicUrl?: string;
}

export interface RoleSync {
  grants: Grants;
  /** What the start-up reconcile did, per account; an account it could not read is named with the error code. */
  reconciled: { integrated_account_id: string; changed: number; error?: string }[];
  url: string;
  close(): Promise<void>;
}

/**
 * Keeps the product's permissions in step with the unified roles of every person the token sees: a full
 * reconcile from the stored directory (`source=store`) on start, then every `user.*` webhook.
 */
export async function startRoleSync(options: RoleSyncOptions): Promise<RoleSync> {
  const roleMap = options.roleMap ?? DEFAULT_ROLE_MAP;
  const roster = createRosterClient({ baseUrl: options.rosterUrl, token: options.token });
  const grants = new Grants(options.dataFile);
  const receiver = new WebhookReceiver({
    host: options.host,
    port: options.port,
    publicUrl: options.publicUrl,
    handle: async (event) => void applyUserEvent(grants, roleMap, event),
  });
  await receiver.listen();
  await receiver.subscribe(roster, [...USER_EVENTS]);
  try {
    const reconciled = await reconcileAll(roster, grants, roleMap);
    receiver.start();
    return { grants, reconciled, url: receiver.url, close: () => receiver.close(roster) };
  } catch (error) {
    await receiver.close(roster);
    throw error;
  }
}

async function reconcileAll(
  roster: RosterClient,
  grants: Grants,
  roleMap: RoleMap,
): Promise<RoleSync["reconciled"]> {
  const outcome: RoleSync["reconciled"] = [];
  for await (const account of roster.iterate("/integrated-account")) {
    try {
      const wanted = [];
      for await (const user of roster.iterate("/unified/user-directory/users", {
        query: { integrated_account_id: account.id, source: "store", ignore_remote_data: "true" },
      }))
        wanted.push(grantFor(account.id, user, roleMap));
      outcome.push({ integrated_account_id: account.id, changed: grants.reconcile(account.id, wanted) });
    } catch (error) {
      if (!isRosterError(error)) throw error;
      outcome.push({ integrated_account_id: account.id, changed: 0, error: error.code });
    }
  }
  return outcome;
}
