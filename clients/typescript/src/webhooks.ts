import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { RosterEvent } from "./events.ts";

export { WebhookVerificationError };

/** Request headers as node:http gives them (`IncomingHttpHeaders`), a fetch `Headers`, or a plain record. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

const NAMES = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

function headerRecord(headers: WebhookHeaders): Record<string, string> {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    const value = key === undefined ? undefined : headers[key];
    return Array.isArray(value) ? value.join(" ") : value;
  };
  const record: Record<string, string> = {};
  for (const name of NAMES) {
    const value = read(name);
    if (value === undefined) throw new WebhookVerificationError(`Missing required header ${name}`);
    record[name] = value;
  }
  return record;
}

/**
 * Verifies a Roster webhook delivery with the Standard Webhooks reference implementation (`standardwebhooks`)
 * and returns its parsed body. `secret` is the endpoint's `whsec_...` secret from `POST /webhook` (or
 * `rotate-secret`); several may be given while a receiver moves to a rotated secret. `body` must be the raw
 * bytes received, before any JSON parsing. Throws WebhookVerificationError when a header is missing, no
 * signature matches, or `webhook-timestamp` is more than 5 minutes from now (replays).
 * The same `webhook-id` can arrive more than once (retries): handle events idempotently.
 */
export function verifyWebhook(
  secret: string | readonly string[],
  body: string | Buffer,
  headers: WebhookHeaders,
): RosterEvent {
  const record = headerRecord(headers);
  const secrets = typeof secret === "string" ? [secret] : secret;
  let failure: unknown = new WebhookVerificationError("No secret given");
  for (const candidate of secrets) {
    try {
      return new Webhook(candidate).verify(body, record) as RosterEvent;
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}
