import { DEFAULT_RETRY_AFTER_CAP_MS, DEFAULT_RETRY_SCHEDULE_MS } from "../../../webhooks/retry-schedule.ts";
import { WEBHOOK_EVENT_SCHEMA_ID } from "./event-schema.ts";

// How deliveries are signed and sent, in the OpenAPI document's Markdown. API.md "Webhooks" is the source; the
// defaults named here (timeout, retry schedule, rotation overlap) are the operator's to change.

/** `5 s`, `30 min`, `10 h`: the largest unit that divides the delay. */
function spoken(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

const schedule = DEFAULT_RETRY_SCHEDULE_MS.map(spoken);

const STANDARD_WEBHOOKS = "[Standard Webhooks](https://www.standardwebhooks.com/)";

const HEADERS = `**Headers of every delivery**
- \`webhook-id\`: the delivery's id (\`msg_...\`), one per endpoint and event, the same on every retry: drop a message whose id you already handled.
- \`webhook-timestamp\`: when this attempt was signed, in Unix seconds (new on every attempt).
- \`webhook-signature\`: \`v1,\` followed by the base64 HMAC-SHA256 of \`{webhook-id}.{webhook-timestamp}.{body}\`; several signatures are separated by spaces.`;

const VERIFYING = `**Verifying a delivery**
1. The key is the base64-decoded part of the secret after \`whsec_\` (32 bytes), not the secret's text.
2. Compute HMAC-SHA256 with it over \`{webhook-id}.{webhook-timestamp}.{body}\`, where body is the raw request body exactly as received (before any JSON parsing), and base64-encode the result.
3. Accept the message when that equals, compared in constant time, the part after \`v1,\` of any signature in \`webhook-signature\`.
4. Refuse a \`webhook-timestamp\` more than 5 minutes away from your clock, so a captured delivery cannot be replayed; every retry is signed afresh, so retries pass.

A Standard Webhooks library does all four (e.g. \`standardwebhooks\` on npm; the typed client's \`verifyWebhook\` uses it).`;

const ROTATION = `**Rotating the secret**: \`POST /webhook/{id}/rotate-secret\` returns a new secret. The old one keeps signing beside it for 24 hours by default (until the webhook's \`previous_secret_expires_at\`), so \`webhook-signature\` carries two signatures (\`v1,<new> v1,<old>\`): accept either secret while you switch.`;

const RETRIES = `**Answers and retries**: any 2xx within 15 seconds (by default) succeeds. Redirects are not followed (a 3xx fails). Any other answer, a timeout or a connection error is retried after ${schedule.slice(0, -1).join(", ")} and ${schedule.at(-1)}, each wait at least as long as a \`Retry-After\` asks (at most ${spoken(DEFAULT_RETRY_AFTER_CAP_MS)}). Every attempt sends the same body bytes; \`GET /webhook/{id}/deliveries\` shows each attempt and \`POST /webhook-delivery/{id}/retry\` sends one again.`;

const DISABLED = `**Disabled endpoints**: answering 410 Gone disables the endpoint at once; so does a delivery that fails its last retry. The endpoint's open deliveries are then dropped (\`dead\`), and the environment's other endpoints that subscribe to \`webhook.disabled\` receive it (unless the failing delivery was a \`webhook.test\`). A disabled endpoint stays disabled: create a new one.`;

const ORDER = `**Order**: for one endpoint, the events of one integrated account arrive in the order they happened; the next waits until the previous one succeeded or was dropped, so a failing event holds back only that account's later events to that endpoint. Delivery is at least once: handle events idempotently, by \`webhook-id\`.`;

const DELIVERY_SECTIONS = [HEADERS, VERIFYING, ROTATION, RETRIES, DISABLED, ORDER];

/** `POST /webhook`'s description: what the endpoint will receive and how to verify it. */
export const CREATE_WEBHOOK_DESCRIPTION = [
  `Roster POSTs every event the endpoint subscribes to as JSON (the \`${WEBHOOK_EVENT_SCHEMA_ID}\` schema; see the **Webhooks** section), signed as ${STANDARD_WEBHOOKS} describes. The \`secret\` (\`whsec_\` + base64 of 32 random bytes) is in this response only: store it now.`,
  ...DELIVERY_SECTIONS,
].join("\n\n");

/** The `webhooks` tag: what the section is for, the signing scheme in brief, and where the details are. */
export const WEBHOOKS_TAG = {
  name: "webhooks",
  description:
    `Endpoints that receive Roster's events (the **Webhooks** section shows the request). Every delivery is signed as ${STANDARD_WEBHOOKS} describes: ` +
    "`webhook-id`, `webhook-timestamp` and `webhook-signature` headers, the signature being `v1,` + base64 HMAC-SHA256 of " +
    "`{webhook-id}.{webhook-timestamp}.{body}` keyed with the base64-decoded part of the `whsec_` secret after the prefix " +
    "(two signatures while a rotated secret overlaps). `POST /webhook` explains how to verify a delivery, the retries, " +
    "the order, and when an endpoint is disabled.",
};

const header = (name: string, description: string, example: string) => ({
  name,
  in: "header" as const,
  required: true,
  description,
  schema: { type: "string" as const },
  example,
});

/**
 * OpenAPI 3.1's top-level `webhooks`: the one request Roster sends to an endpoint, whatever the event. Its body
 * is the `WebhookEvent` component, which fastify-type-provider-zod registers from the schema's `meta` id.
 */
export const OPENAPI_WEBHOOKS = {
  event: {
    post: {
      tags: ["webhooks"],
      summary: "An event, sent to every endpoint that subscribes to its type",
      description: [
        "`type` is one of the event types an endpoint subscribes to, or `webhook.test` (sent by `POST /webhook/{id}/test`, to that endpoint only).",
        ...DELIVERY_SECTIONS,
      ].join("\n\n"),
      security: [] as Record<string, string[]>[],
      parameters: [
        header(
          "webhook-id",
          "The delivery's id: one per endpoint and event, the same on every retry.",
          "msg_5f0c8e2a9b7d4c1e8f3a6b2d9c4e7f10",
        ),
        header(
          "webhook-timestamp",
          "When this attempt was signed, in Unix seconds; new on every attempt.",
          "1796021928",
        ),
        header(
          "webhook-signature",
          "`v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`; two, space-separated, while a rotated secret overlaps.",
          "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
        ),
      ],
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: { $ref: `#/components/schemas/${WEBHOOK_EVENT_SCHEMA_ID}` } },
        },
      },
      responses: {
        "2XX": { description: "Received: any 2xx within the timeout (15 seconds by default) succeeds." },
        "410": { description: "Gone: the endpoint is disabled at once and receives nothing more." },
        default: { description: "Anything else, or no answer in time, is retried on the schedule above." },
      },
    },
  },
};
