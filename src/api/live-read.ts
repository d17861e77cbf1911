import type { FastifyReply, FastifyRequest } from "fastify";
import type { SessionOptions } from "../connections/sessions.ts";
import type { Budget } from "../http/index.ts";
import { setRateLimitHeaders } from "./rate-limit-headers.ts";
import { sendEncodedJson } from "./send-json.ts";
import type { SharedReads } from "./shared-reads.ts";

/** A live read's answer, encoded, so callers sharing the read also share the encoding. */
export interface LiveAnswer {
  status: number;
  body: Buffer | undefined;
  /** The account's remaining provider budget after the read (for `ratelimit-*` headers). */
  budget?: Budget;
}

/**
 * Answers a read-only request from the provider, sharing the work with identical requests of the same
 * environment already in flight. The key is the exact method and URL (path and query as sent), so requests
 * that differ in anything that could shape the answer never share.
 */
export async function answerLiveRead(
  reads: SharedReads<LiveAnswer>,
  request: FastifyRequest,
  reply: FastifyReply,
  read: (signal: AbortSignal) => Promise<LiveAnswer>,
): Promise<FastifyReply> {
  const key = `${request.environmentId}\n${request.method}\n${request.url}`;
  return sendLiveAnswer(reply, await reads.run(key, abortOnDisconnect(reply), read));
}

export function sendLiveAnswer(reply: FastifyReply, answer: LiveAnswer): FastifyReply {
  setRateLimitHeaders(reply, answer);
  return sendEncodedJson(reply.status(answer.status), answer.body);
}

/** A caller that goes away before its answer is sent cancels the provider calls made for it. */
export function abortOnDisconnect(reply: {
  raw: NodeJS.WritableStream & { writableFinished: boolean };
}): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * How an API request opens its session: cancelled with the request, and sharing values recent requests of the
 * account read (see `SessionOptions.shareRecentReads`).
 */
export function liveSession(signal: AbortSignal): SessionOptions {
  return { shareRecentReads: true, signal };
}
