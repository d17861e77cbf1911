import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, open, rewrap, seal } from "./envelope.ts";

const masterKey = crypto.randomBytes(32);
const otherKey = crypto.randomBytes(32);

describe("envelope encryption", () => {
  it("round-trips a secret for its owner", () => {
    const envelope = seal(Buffer.from("s3cret-value"), masterKey, "mk_1", "acc_1");
    expect(open(envelope, masterKey, "acc_1").toString()).toBe("s3cret-value");
    expect(JSON.stringify(envelope)).not.toContain("s3cret-value");
  });

  it("gives each secret its own data key, so equal secrets have different ciphertexts", () => {
    const a = seal(Buffer.from("same"), masterKey, "mk_1", "acc_1");
    const b = seal(Buffer.from("same"), masterKey, "mk_1", "acc_1");
    expect(a.wk).not.toBe(b.wk);
    expect(a.ct).not.toBe(b.ct);
  });

  it("refuses an envelope moved to another owner", () => {
    const envelope = seal(Buffer.from("secret"), masterKey, "mk_1", "acc_1");
    expect(() => open(envelope, masterKey, "acc_2")).toThrow(DecryptionError);
  });

  it("refuses a wrong master key and a tampered ciphertext", () => {
    const envelope = seal(Buffer.from("secret"), masterKey, "mk_1", "acc_1");
    expect(() => open(envelope, otherKey, "acc_1")).toThrow(DecryptionError);
    const bytes = Buffer.from(envelope.ct.split(".")[2] ?? "", "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    const parts = envelope.ct.split(".");
    const tampered = { ...envelope, ct: [parts[0], parts[1], bytes.toString("base64")].join(".") };
    expect(() => open(tampered, masterKey, "acc_1")).toThrow(DecryptionError);
  });

  it("re-wraps the data key under another master key without touching the secret", () => {
    const envelope = seal(Buffer.from("secret"), masterKey, "mk_1", "acc_1");
    const moved = rewrap(envelope, masterKey, otherKey, "mk_2", "acc_1");
    expect(moved.ct).toBe(envelope.ct);
    expect(moved.kid).toBe("mk_2");
    expect(open(moved, otherKey, "acc_1").toString()).toBe("secret");
    expect(() => open(moved, masterKey, "acc_1")).toThrow(DecryptionError);
  });
});
