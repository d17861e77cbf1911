import { Agent, errors, request } from "undici";
import { literalHostRefusal, type ResolveHost, safeLookup } from "./target-safety.ts";

export interface SendResult {
  /** null when no response came (connection refused, timeout, refused target). */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** The first KB of the response body, for the delivery log. */
  snippet: string | null;
  retryAfter: string | undefined;
}

const SNIPPET_BYTES = 1024;
const DRAIN_LIMIT = 64 * 1024;

/**
 * Sends one attempt. Its own undici Agent (never the global dispatcher) whose connect `lookup` drops unsafe
 * addresses; undici's `request` follows no redirects, so a 3xx is just a failed attempt.
 */
export class WebhookSender {
  readonly #agent: Agent;

  constructor(
    private readonly options: { timeoutMs: number; allowPrivateTargets: boolean; resolveHost?: ResolveHost },
  ) {
    this.#agent = new Agent({
      connect: {
        lookup: safeLookup(options.allowPrivateTargets, options.resolveHost),
        timeout: Math.min(10_000, options.timeoutMs),
      },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connections: 64,
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const refused = literalHostRefusal(new URL(url).hostname, this.options.allowPrivateTargets);
    if (refused) return failure(`refused webhook target: ${refused}`, 0);
    try {
      const response = await request(url, {
        method: "POST",
        dispatcher: this.#agent,
        headers: {
          ...headers,
          "content-type": "application/json",
          "user-agent": "Roster-Webhooks/1.0",
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const snippet = await readSnippet(response.body);
      const retryAfter = response.headers["retry-after"];
      return {
        statusCode: response.statusCode,
        durationMs: elapsed(),
        error: response.statusCode >= 200 && response.statusCode < 300 ? null : `HTTP ${response.statusCode}`,
        snippet,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
      };
    } catch (error) {
      return failure(describe(error), elapsed());
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

function failure(error: string, durationMs: number): SendResult {
  return { statusCode: null, durationMs, error, snippet: null, retryAfter: undefined };
}

async function readSnippet(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string | null> {
  const parts: Buffer[] = [];
  let size = 0;
  let total = 0;
  try {
    // Small bodies are read to the end so the socket is reused; a huge one is cut off.
    for await (const chunk of body) {
      if (size < SNIPPET_BYTES) {
        parts.push(chunk);
        size += chunk.length;
      }
      total += chunk.length;
      if (total > DRAIN_LIMIT) {
        body.destroy();
        break;
      }
    }
  } catch {
    // A body cut short still leaves what arrived.
  }
  if (size === 0) return null;
  return Buffer.concat(parts).subarray(0, SNIPPET_BYTES).toString("utf8");
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  if (
    e?.name === "TimeoutError" ||
    e instanceof errors.HeadersTimeoutError ||
    e instanceof errors.BodyTimeoutError
  )
    return "timeout: the receiver did not answer in time";
  if (e instanceof errors.ConnectTimeoutError) return "timeout: could not connect in time";
  const cause = e?.cause ?? e;
  if (cause?.code === "EWEBHOOKTARGET") return cause.message;
  if (cause?.code) return `connection error: ${cause.code}${cause.message ? ` (${cause.message})` : ""}`;
  return `error: ${e?.message ?? String(error)}`;
}
