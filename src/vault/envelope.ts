import crypto from "node:crypto";

/**
 * AES-256-GCM envelope encryption. Each secret gets its own random data key; the data key is wrapped by a
 * master key. Both layers bind the owner id as additional authenticated data, so an envelope copied to
 * another row fails to decrypt.
 */
export interface Envelope {
  v: 1;
  /** id of the master key that wraps the data key */
  kid: string;
  /** wrapped data key: iv.tag.ciphertext, base64 */
  wk: string;
  /** the secret: iv.tag.ciphertext, base64 */
  ct: string;
}

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

const ALGORITHM = "aes-256-gcm";

export function seal(plaintext: Buffer, masterKey: Buffer, kid: string, owner: string): Envelope {
  const dataKey = crypto.randomBytes(32);
  try {
    return {
      v: 1,
      kid,
      wk: gcmEncrypt(dataKey, masterKey, aad("dk", owner, kid)),
      ct: gcmEncrypt(plaintext, dataKey, aad("ct", owner)),
    };
  } finally {
    dataKey.fill(0);
  }
}

export function open(envelope: Envelope, masterKey: Buffer, owner: string): Buffer {
  const dataKey = gcmDecrypt(envelope.wk, masterKey, aad("dk", owner, envelope.kid));
  try {
    return gcmDecrypt(envelope.ct, dataKey, aad("ct", owner));
  } finally {
    dataKey.fill(0);
  }
}

/** Re-wraps the data key under another master key; the secret itself is not touched. */
export function rewrap(envelope: Envelope, from: Buffer, to: Buffer, toKid: string, owner: string): Envelope {
  const dataKey = gcmDecrypt(envelope.wk, from, aad("dk", owner, envelope.kid));
  try {
    return { ...envelope, kid: toKid, wk: gcmEncrypt(dataKey, to, aad("dk", owner, toKid)) };
  } finally {
    dataKey.fill(0);
  }
}

export function serialize(envelope: Envelope): string {
  return JSON.stringify(envelope);
}

export function parse(text: string): Envelope {
  const value = JSON.parse(text) as Partial<Envelope>;
  if (
    value.v !== 1 ||
    typeof value.kid !== "string" ||
    typeof value.wk !== "string" ||
    typeof value.ct !== "string"
  ) {
    throw new DecryptionError("Not a vault envelope");
  }
  return value as Envelope;
}

function aad(layer: string, owner: string, kid = ""): Buffer {
  return Buffer.from(`roster:${layer}:${owner}:${kid}`, "utf8");
}

function gcmEncrypt(plaintext: Buffer, key: Buffer, additional: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(additional);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct].map((b) => b.toString("base64")).join(".");
}

function gcmDecrypt(packed: string, key: Buffer, additional: Buffer): Buffer {
  const [iv, tag, ct] = packed.split(".").map((p) => Buffer.from(p, "base64"));
  if (!iv || !tag || !ct || iv.length !== 12 || tag.length !== 16)
    throw new DecryptionError("Malformed ciphertext");
  try {
    const decipher = crypto.createDecipheriv(ALGORITHM, key, iv);
    decipher.setAAD(additional);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    // Never echo key material or ciphertext; the cause is always "wrong key, wrong owner or tampered".
    throw new DecryptionError("The secret cannot be decrypted with this key for this owner");
  }
}
