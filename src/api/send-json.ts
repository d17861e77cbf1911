import type { FastifyReply } from "fastify";

/**
 * JSON encoded once, to UTF-8: Fastify would otherwise measure a serialized string (a full scan) and then
 * encode it again on write, which on a large page costs as much as serializing it.
 */
export function encodeJson(value: unknown): Buffer | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : Buffer.from(text, "utf8");
}

/** Sends already encoded JSON (or an empty body). */
export function sendEncodedJson(reply: FastifyReply, body: Buffer | undefined): FastifyReply {
  reply.type("application/json; charset=utf-8");
  return body === undefined ? reply.send() : reply.send(body);
}

export function sendJson(reply: FastifyReply, value: unknown): FastifyReply {
  return sendEncodedJson(reply, encodeJson(value));
}
