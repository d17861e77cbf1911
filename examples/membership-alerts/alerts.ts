import { createRosterClient, isRosterError, type RosterClient, type User, unwrap } from "@roster/client";
import { WebhookReceiver } from "../shared/webhook-receiver.ts";
import { type MembershipEvent, membershipAlert } from "./message.ts";
import type { Sink } from "./sinks.ts";

export interface AlertsOptions {
  /** Roster's base URL and an API token of the environment to watch. */
  rosterUrl: string;
  token: string;
  /** Where messages go (httpSink or fileSink). */
  sink: Sink;
  host?: string;
  port?: number;
  publicUrl?: string;
}

export interface Alerts {
  url: string;
  close(): Promise<void>;
}

/**
 * Posts a message to `sink` for every `group.member_added` and `group.member_removed` webhook of the accounts
 * the token sees, naming the person from Roster's stored directory. A failed sink fails the delivery, so Roster
 * sends the event again (at least once; the same event is posted once per process).
 */
export async function startAlerts(options: AlertsOptions): Promise<Alerts> {
  const roster = createRosterClient({ baseUrl: options.rosterUrl, token: options.token });
  const receiver = new WebhookReceiver({
    host: options.host,
    port: options.port,
    publicUrl: options.publicUrl,
    handle: async (event) => {
      if (event.type !== "group.member_added" && event.type !== "group.member_removed") return;
      await options.sink(membershipAlert(event, await person(roster, event)));
    },
  });
  await receiver.listen();
  await receiver.subscribe(roster, ["group.member_added", "group.member_removed"]);
  receiver.start();
  return { url: receiver.url, close: () => receiver.close(roster) };
}

/**
 * The member as the last sync stored them, or null when Roster cannot say (a person deleted with their
 * membership is no longer served): the message then names them by the event's username.
 */
async function person(roster: RosterClient, event: MembershipEvent): Promise<User | null> {
  try {
    return await unwrap(
      roster.GET("/unified/user-directory/users/{id}", {
        params: {
          path: { id: event.data.record.user_id },
          query: {
            integrated_account_id: event.data.integrated_account_id,
            source: "store",
            ignore_remote_data: "true",
          },
        },
      }),
    );
  } catch (error) {
    if (!isRosterError(error)) throw error;
    if (error.code !== "not_found")
      console.warn(`user ${event.data.record.user_id} not read: ${error.message}`);
    return null;
  }
}
