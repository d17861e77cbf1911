/**
 * The official Opsgenie Node SDK (`opsgenie-sdk` 0.5.1) against the simulator. The SDK is configured
 * globally with `configure({ api_key, host })`; `host` is a full origin and paths are appended to it.
 *
 * Not reachable through this SDK: updating a user (userV2 exposes only get, list, create and delete), and
 * teams/roles/account (its `team`/`user` resources call the deprecated v1 Web API `/v1/json/...` with the
 * key in the query string, which Opsgenie no longer serves, so the simulator answers those with 404).
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { useSimulator } from "./test-helpers.ts";

interface SdkResult {
  data?: unknown;
  result?: string;
  totalCount?: number;
  paging?: { next?: string };
  httpStatusCode?: number;
  message?: string;
}
type Callback = (error: SdkResult | null, result: SdkResult | null) => void;
interface Sdk {
  configure(options: Record<string, unknown>): void;
  userV2: {
    list(params: Record<string, unknown>, cb: Callback): void;
    get(identifier: { identifier: string }, cb: Callback): void;
    create(data: Record<string, unknown>, cb: Callback): void;
    delete(identifier: { identifier: string }, cb: Callback): void;
  };
}

const sdk = createRequire(import.meta.url)("opsgenie-sdk") as Sdk;

function promisify(run: (cb: Callback) => void): Promise<SdkResult> {
  return new Promise((resolve, reject) =>
    run((error, result) => (error ? reject(error) : resolve(result as SdkResult))),
  );
}

describe("official opsgenie-sdk against the simulator", () => {
  const sim = useSimulator({ seed: 51, users: 120 });

  it("lists (trailing-slash path + query params), gets, creates and deletes users", async () => {
    // maxAttempts 1: the SDK would otherwise retry errors for 5 x 5 s.
    sdk.configure({ api_key: sim().apiKeys.full, host: sim().url, maxAttempts: 1 });
    const page = await promisify((cb) =>
      sdk.userV2.list({ limit: 50, offset: 100, sort: "fullName", order: "desc" }, cb),
    );
    expect(page.totalCount).toBe(120);
    expect(page.data).toHaveLength(20);
    expect(page.paging?.next).toBeUndefined();

    const created = await promisify((cb) =>
      sdk.userV2.create(
        { username: "sdk.user@example.com", fullName: "Sdk Üser", role: { name: "User" } },
        cb,
      ),
    );
    expect(created.result).toBe("Created");
    const id = (created.data as { id: string }).id;

    const byName = await promisify((cb) => sdk.userV2.get({ identifier: "sdk.user@example.com" }, cb));
    expect(byName.data).toMatchObject({ id, fullName: "Sdk Üser" });

    const deleted = await promisify((cb) => sdk.userV2.delete({ identifier: id }, cb));
    expect(deleted.result).toBe("Deleted");

    await expect(promisify((cb) => sdk.userV2.get({ identifier: id }, cb))).rejects.toMatchObject({
      httpStatusCode: 404,
    });
  });

  it("surfaces the simulator's auth errors as SDK errors", async () => {
    sdk.configure({ api_key: "not-a-uuid", host: sim().url, maxAttempts: 1 });
    await expect(promisify((cb) => sdk.userV2.list({}, cb))).rejects.toMatchObject({
      httpStatusCode: 422,
      message: "Key format is not valid!",
    });
  });
});
