import type { FastifyReply } from "fastify";

/**
 * Sends a value as JSON, encoded once: Fastify would otherwise measure the serialized string (a full UTF-8
 * scan) and then encode it again on write, which on a large page costs as much as serializing it.
 */
export function sendJson(reply: FastifyReply, value: unknown): FastifyReply {
  reply.type("application/json; charset=utf-8");
  const text = JSON.stringify(value);
  return text === undefined ? reply.send() : reply.send(Buffer.from(text, "utf8"));
}
