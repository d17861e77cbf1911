/**
 * The demo's linked accounts. The simulators run with fixed seeds, so their keys are the same on every start:
 * an account an earlier demo run linked keeps working, and a restart reuses it instead of adding a look-alike.
 */
import type { FastifyInstance } from "fastify";

/** The tenant every demo account belongs to. */
export const demoTenant = "demo-customer";

interface ListedAccount {
  id: string;
  region: string | null;
  auth_method: "key" | "oauth";
}

/**
 * The id of the demo's account of `integration` in `region`: the newest active account of tenant `demo-customer`
 * linked with a key, when an earlier run left one in the token's environment, else a new one linked with `apiKey`
 * (checked live by Roster). `reused` tells which. Accounts linked with OAuth are never reused: their grant does not
 * outlive the simulated authorization server. Throws with Roster's answer when listing or linking fails.
 */
export async function findOrLinkDemoAccount(
  app: FastifyInstance,
  authorization: string,
  link: { integration: string; apiKey: string; region: string },
): Promise<{ id: string; reused: boolean }> {
  const headers = { authorization };
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({
      tenant_id: demoTenant,
      integration: link.integration,
      status: "active",
      limit: "100",
      ...(cursor ? { next_cursor: cursor } : {}),
    });
    const listed = await app.inject({ url: `/integrated-account?${query}`, headers });
    if (listed.statusCode !== 200)
      throw new Error(`Listing the demo's ${link.integration} accounts failed: ${listed.body}`);
    const page = listed.json() as { result: ListedAccount[]; next_cursor: string | null };
    const earlier = page.result.find((a) => a.auth_method === "key" && a.region === link.region);
    if (earlier) return { id: earlier.id, reused: true };
    cursor = page.next_cursor;
  } while (cursor);

  const linked = await app.inject({
    method: "POST",
    url: "/integrated-account",
    headers,
    payload: {
      integration: link.integration,
      tenant_id: demoTenant,
      context: { api_key: link.apiKey, region: link.region },
    },
  });
  if (linked.statusCode !== 201)
    throw new Error(`Linking the demo ${link.integration} account failed: ${linked.body}`);
  return { id: (linked.json() as { id: string }).id, reused: false };
}
