import type { FastifyReply } from "fastify";

/**
 * JSON encoded once, to UTF-8: Fastify would otherwise measure a serialized string (a full scan) and then
 * encode it again on write, which on a large page costs as much as serializing it.
 */
export function encodeJson(value: unknown): Buffer | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : encodeUtf8(text);
}

/**
 * The UTF-8 bytes of `text`. JSON answers are mostly ASCII, so the text is written straight into a buffer a little
 * larger than its length: `Buffer.from` measures the whole string first (a second full scan), which on a 100-record
 * page cost about as much as encoding it. Text that does not fit (much non-ASCII) is encoded exactly instead.
 */
export function encodeUtf8(text: string): Buffer {
  const capacity = text.length + (text.length >> 3) + 8;
  const buffer = Buffer.allocUnsafe(capacity);
  const written = buffer.write(text, "utf8");
  // `write` never splits a character, and none takes more than 4 bytes: with 4 bytes to spare, all of it fit.
  return capacity - written >= 4 ? buffer.subarray(0, written) : Buffer.from(text, "utf8");
}

/** Sends already encoded JSON (or an empty body). */
export function sendEncodedJson(reply: FastifyReply, body: Buffer | undefined): FastifyReply {
  reply.type("application/json; charset=utf-8");
  return body === undefined ? reply.send() : reply.send(body);
}

export function sendJson(reply: FastifyReply, value: unknown): FastifyReply {
  return sendEncodedJson(reply, encodeJson(value));
}
