import { createRosterClient, isRosterError, type RosterClient } from "@roster/client";
import { WebhookReceiver } from "../shared/webhook-receiver.ts";
import { applyGroupEvent, GROUP_EVENTS } from "./apply-event.ts";
import { Workspaces } from "./workspaces.ts";

export interface MapperOptions {
  /** Roster's base URL and an API token of the environment whose accounts are mapped. */
  rosterUrl: string;
  token: string;
  /** The product's workspaces (a JSON file; created when missing). */
  dataFile: string;
  /** Where the webhook receiver listens (default 127.0.0.1, any free port) and the URL Roster should call. */
  host?: string;
  port?: number;
  publicUrl?: string;
}

export interface Mapper {
  workspaces: Workspaces;
  /** What the start-up reconcile did, per account; an account it could not read is named with the error code. */
  reconciled: { integrated_account_id: string; changed: number; error?: string }[];
  /** The receiver's URL (registered as a webhook endpoint in Roster). */
  url: string;
  close(): Promise<void>;
}

/**
 * Keeps the product's workspaces in step with the teams of every integrated account the token sees: first a
 * full reconcile from Roster's stored directory (`source=store`, the last completed sync), then every `group.*`
 * webhook as it comes. Events that arrive during the reconcile wait and are applied after it (idempotently).
 */
export async function startMapper(options: MapperOptions): Promise<Mapper> {
  const roster = createRosterClient({ baseUrl: options.rosterUrl, token: options.token });
  const workspaces = new Workspaces(options.dataFile);
  const receiver = new WebhookReceiver({
    host: options.host,
    port: options.port,
    publicUrl: options.publicUrl,
    handle: async (event) => applyGroupEvent(workspaces, event),
  });
  await receiver.listen();
  // Subscribe before reading: a change committed during the reconcile then reaches us as an event.
  await receiver.subscribe(roster, [...GROUP_EVENTS]);
  try {
    const reconciled = await reconcileAll(roster, workspaces);
    receiver.start();
    return { workspaces, reconciled, url: receiver.url, close: () => receiver.close(roster) };
  } catch (error) {
    await receiver.close(roster);
    throw error;
  }
}

/** Reconciles the workspaces of every account from its stored teams; one account's failure skips only it. */
async function reconcileAll(roster: RosterClient, workspaces: Workspaces): Promise<Mapper["reconciled"]> {
  const outcome: Mapper["reconciled"] = [];
  for await (const account of roster.iterate("/integrated-account")) {
    try {
      const teams = [];
      for await (const group of roster.iterate("/unified/user-directory/groups", {
        query: {
          integrated_account_id: account.id,
          source: "store",
          include: "members",
          ignore_remote_data: "true",
        },
      }))
        teams.push(group);
      outcome.push({ integrated_account_id: account.id, changed: workspaces.reconcile(account.id, teams) });
    } catch (error) {
      if (!isRosterError(error)) throw error;
      outcome.push({ integrated_account_id: account.id, changed: 0, error: error.code });
    }
  }
  return outcome;
}
