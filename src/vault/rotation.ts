import type { SealedSecret, Vault } from "./vault.ts";

/** A table holding sealed secrets; the store implements it, so the vault never touches the database itself. */
export interface SealedSecretTable {
  readonly name: string;
  listNotUnderKey(keyId: string, limit: number): Promise<{ owner: string; sealed: string }[]>;
  /** Compare-and-set: replaces the secret only if it is still `previous` (a concurrent update wins). */
  replace(owner: string, previous: string, next: SealedSecret): Promise<boolean>;
  keyIdsInUse(): Promise<string[]>;
}

export interface RotationResult {
  activeKeyId: string;
  rewrapped: number;
  retired: string[];
}

/**
 * Re-wraps every data key under the active master key while the server keeps running. In key-file mode a new key
 * is generated first; the server picks it up from the file for new secrets. Old keys are retired only once no
 * secret uses them, so a write racing the sweep is caught by the next pass.
 */
export async function rotateMasterKey(
  vault: Vault,
  tables: SealedSecretTable[],
  options: { onProgress?: (rewrapped: number) => void } = {},
): Promise<RotationResult> {
  const previousIds = vault.keyring.ids();
  if (vault.keyring.managesFile) vault.keyring.addActiveKey();
  const activeKeyId = vault.keyring.active.id;

  let rewrapped = 0;
  for (let pass = 0; pass < 10; pass++) {
    let changedThisPass = 0;
    for (const table of tables) {
      for (;;) {
        const batch = await table.listNotUnderKey(activeKeyId, 200);
        let changedInBatch = 0;
        for (const row of batch) {
          const next = vault.rewrapToActive(row.sealed, row.owner);
          if (next && (await table.replace(row.owner, row.sealed, next))) changedInBatch++;
        }
        changedThisPass += changedInBatch;
        rewrapped += changedInBatch;
        options.onProgress?.(rewrapped);
        if (batch.length < 200 || changedInBatch === 0) break;
      }
    }
    if (changedThisPass === 0) break;
  }

  const inUse = new Set((await Promise.all(tables.map((t) => t.keyIdsInUse()))).flat());
  const retired = previousIds.filter((id) => id !== activeKeyId && !inUse.has(id));
  if (vault.keyring.managesFile && retired.length > 0) vault.keyring.retire(retired);
  vault.keyring.markRotated();
  return { activeKeyId, rewrapped, retired };
}
