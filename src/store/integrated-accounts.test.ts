import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir, testDatabases } from "../../test/helpers/databases.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { type Core, openCore } from "../main.ts";
import { KEY_FILE_NAME, rotateMasterKey, VaultKeyMissingError } from "../vault/index.ts";
import { newAccountId } from "./integrated-accounts.ts";

const SECRET = "8d5b2a40-1f6c-4e7b-9a3d-PLAINTEXT-CANARY";
const silent = createLogger("silent");

describe.each(testDatabases)("credentials at rest on $name", (database) => {
  const opened: Core[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.store.close()));
  });

  async function open(databaseUrl: string, dataDir: string, masterKey?: string): Promise<Core> {
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      ROSTER_DATA_DIR: dataDir,
      ROSTER_MASTER_KEY: masterKey ?? "",
    });
    const core = await openCore(config, silent);
    opened.push(core);
    return core;
  }

  async function storeAccount(core: Core, secret = SECRET) {
    const environment = await core.environments.ensure("default");
    const id = newAccountId();
    const sealed = core.vault.sealJson({ api_key: secret }, id);
    await core.accounts.insert({
      id,
      environment_id: environment.id,
      integration: "example",
      tenant_id: "tenant-1",
      region: "us",
      status: "active",
      last_error: null,
      credentials: sealed.sealed,
      credentials_key_id: sealed.keyId,
    });
    return { id, environmentId: environment.id };
  }

  async function readSecret(core: Core, environmentId: string, id: string): Promise<string> {
    const row = await core.accounts.getWithSecret(environmentId, id);
    if (!row) throw new Error("account missing");
    return core.vault.openJson<{ api_key: string }>(row.credentials, id).api_key;
  }

  it("never stores the credential in plain text", async () => {
    const url = await database.create();
    const core = await open(url, tempDir());
    const { id, environmentId } = await storeAccount(core);
    expect(await readSecret(core, environmentId, id)).toBe(SECRET);

    if (database.name === "sqlite") {
      const file = url.slice("sqlite:".length);
      const bytes = [file, `${file}-wal`]
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f).toString("latin1"))
        .join("");
      expect(bytes).toContain(id);
      expect(bytes).not.toContain(SECRET);
      expect(bytes).not.toContain(Buffer.from(SECRET).toString("base64"));
    } else {
      const rows = await core.store.db.selectFrom("integrated_accounts").selectAll().execute();
      const dump = JSON.stringify(rows);
      expect(dump).toContain(id);
      expect(dump).not.toContain(SECRET);
    }
  });

  it("fails to decrypt a ciphertext copied to another account", async () => {
    const core = await open(await database.create(), tempDir());
    const a = await storeAccount(core, "secret-a");
    const b = await storeAccount(core, "secret-b");
    const rowA = await core.accounts.getWithSecret(a.environmentId, a.id);
    await core.store.db
      .updateTable("integrated_accounts")
      .set({ credentials: rowA?.credentials ?? "" })
      .where("id", "=", b.id)
      .execute();
    await expect(readSecret(core, b.environmentId, b.id)).rejects.toThrow(/cannot be decrypted/);
    expect(await readSecret(core, a.environmentId, a.id)).toBe("secret-a");
  });

  it("rotation keeps every credential readable and retires the old key (key file)", async () => {
    const dataDir = tempDir();
    const core = await open(await database.create(), dataDir);
    const oldKey = core.vault.keyring.active.id;
    const accounts = await Promise.all([1, 2, 3].map((n) => storeAccount(core, `secret-${n}`)));

    const result = await rotateMasterKey(core.vault, [core.accounts]);
    expect(result.activeKeyId).not.toBe(oldKey);
    expect(result.rewrapped).toBe(3);
    expect(result.retired).toEqual([oldKey]);
    const keyFile = JSON.parse(fs.readFileSync(path.join(dataDir, KEY_FILE_NAME), "utf8"));
    expect(keyFile.keys.map((k: { id: string }) => k.id)).toEqual([result.activeKeyId]);
    expect(await core.accounts.keyIdsInUse()).toEqual([result.activeKeyId]);
    for (const [n, account] of accounts.entries()) {
      expect(await readSecret(core, account.environmentId, account.id)).toBe(`secret-${n + 1}`);
    }
  });

  it("rotation re-wraps under the first ROSTER_MASTER_KEY and reports the retired key", async () => {
    const url = await database.create();
    const k1 = `k1:${Buffer.alloc(32, 1).toString("base64")}`;
    const k2 = `k2:${Buffer.alloc(32, 2).toString("base64")}`;
    const before = await open(url, tempDir(), k1);
    const account = await storeAccount(before);
    const after = await open(url, tempDir(), `${k2},${k1}`);
    const result = await rotateMasterKey(after.vault, [after.accounts]);
    expect(result).toMatchObject({ activeKeyId: "k2", rewrapped: 1, retired: ["k1"] });
    const onlyNew = await open(url, tempDir(), k2);
    expect(await readSecret(onlyNew, account.environmentId, account.id)).toBe(SECRET);
  });

  it("refuses to start when the master key of stored data is missing or wrong", async () => {
    const url = await database.create();
    const core = await open(url, tempDir());
    await storeAccount(core);
    // A fresh data dir generates a different key file: the stored data cannot be opened with it.
    await expect(open(url, tempDir())).rejects.toBeInstanceOf(VaultKeyMissingError);
    const sameId = `${core.vault.keyring.active.id}:${Buffer.alloc(32, 9).toString("base64")}`;
    await expect(open(url, tempDir(), sameId)).rejects.toThrow(/key material is wrong/);
  });
});
