import { fastWebhooks } from "../webhooks/receiver.ts";
import { type OpsgenieWorld, startOpsgenieWorld } from "./opsgenie-world.ts";

/**
 * An Opsgenie world whose Roster listens on 127.0.0.1 (for clients that speak HTTP, such as the typed client
 * and the examples), with fast job and webhook polling, private webhook targets allowed, and one linked account.
 */
export interface ListeningWorld {
  world: OpsgenieWorld;
  /** Roster's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The admin token of the `default` environment. */
  token: string;
  /** The linked account (the US simulator's full-access key). */
  account: string;
  close(): Promise<void>;
}

export async function startListeningWorld(options: {
  databaseUrl: string;
  users?: number;
  teams?: number;
  tenant?: string;
}): Promise<ListeningWorld> {
  const world = await startOpsgenieWorld({
    databaseUrl: options.databaseUrl,
    us: { users: options.users ?? 30, teams: options.teams ?? 4 },
    env: fastWebhooks,
  });
  try {
    await world.roster.app.listen({ port: 0, host: "127.0.0.1" });
    const address = world.roster.app.server.address();
    if (!address || typeof address === "string") throw new Error("Roster is not listening on a port");
    const account = await world.link(world.us.apiKeys.full, "us", options.tenant ?? "tenant-1");
    return {
      world,
      url: `http://127.0.0.1:${address.port}`,
      token: world.roster.adminToken,
      account,
      close: () => world.close(),
    };
  } catch (error) {
    await world.close();
    throw error;
  }
}
