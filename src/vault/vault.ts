import { createHmac } from "node:crypto";
import { DecryptionError, open, parse, rewrap, seal, serialize } from "./envelope.ts";
import type { Keyring } from "./keyring.ts";

export interface SealedSecret {
  /** the envelope as stored */
  sealed: string;
  /** id of the master key that wraps it, stored beside it for rotation and start-up checks */
  keyId: string;
}

export class VaultKeyMissingError extends Error {
  override name = "VaultKeyMissingError";
}

/**
 * The only place where secrets are encrypted and decrypted. `owner` is the id of the row that owns the
 * secret (e.g. the integrated account id); it is bound into the ciphertext.
 */
export class Vault {
  constructor(readonly keyring: Keyring) {}

  sealJson(value: unknown, owner: string): SealedSecret {
    const active = this.keyring.active;
    const envelope = seal(Buffer.from(JSON.stringify(value), "utf8"), active.key, active.id, owner);
    return { sealed: serialize(envelope), keyId: active.id };
  }

  openJson<T>(sealed: string, owner: string): T {
    const envelope = parse(sealed);
    const buffer = open(envelope, this.masterKey(envelope.kid), owner);
    try {
      return JSON.parse(buffer.toString("utf8")) as T;
    } finally {
      buffer.fill(0);
    }
  }

  /**
   * A key for another purpose (e.g. signing cursors), derived from the active master key so every instance
   * sharing the keys derives the same one. It changes when the master key is rotated.
   */
  deriveKey(purpose: string): Buffer {
    return createHmac("sha256", this.keyring.active.key).update(`roster:derive:${purpose}`).digest();
  }

  /** Re-wraps a secret under the active master key; returns null when it already is. */
  rewrapToActive(sealed: string, owner: string): SealedSecret | null {
    const envelope = parse(sealed);
    const active = this.keyring.active;
    if (envelope.kid === active.id) return null;
    const next = rewrap(envelope, this.masterKey(envelope.kid), active.key, active.id, owner);
    return { sealed: serialize(next), keyId: active.id };
  }

  /** Refuses to go on when stored secrets use a master key that is not configured, or one that does not fit. */
  assertReadable(samples: { owner: string; sealed: string }[]): void {
    for (const sample of samples) {
      const kid = parse(sample.sealed).kid;
      try {
        this.openJson(sample.sealed, sample.owner);
      } catch (error) {
        if (error instanceof VaultKeyMissingError) throw error;
        throw new VaultKeyMissingError(
          `Stored credentials cannot be decrypted with master key ${kid}: the configured key material is wrong`,
        );
      }
    }
  }

  private masterKey(kid: string): Buffer {
    const key = this.keyring.get(kid);
    if (!key) {
      throw new VaultKeyMissingError(
        `Stored credentials are encrypted with master key ${kid}, which is not configured (ROSTER_MASTER_KEY or the key file)`,
      );
    }
    return key;
  }
}

export { DecryptionError };
