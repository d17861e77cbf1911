import { createHmac, randomBytes } from "node:crypto";

/**
 * Standard Webhooks signing: `v1,<base64 HMAC-SHA256>` over `{id}.{timestamp}.{body}`, keyed with the
 * base64-decoded part of the secret after `whsec_`. Several signatures are space-separated; a receiver
 * accepts the message when any of them verifies (that is how a secret is rotated without downtime).
 */
const PREFIX = "whsec_";

export function newSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

function sign(key: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The headers of one attempt: a fresh timestamp, and one signature per live secret. */
export function signedHeaders(
  keys: readonly Buffer[],
  id: string,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": keys.map((key) => sign(key, id, timestamp, body)).join(" "),
  };
}
