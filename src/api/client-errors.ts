import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { AppError, type ErrorCode } from "../core/errors.ts";
import { toErrorEnvelope } from "./error-envelope.ts";

/** Node's HTTP parser failures (`clientError`), by their error code. */
const parserCodes: ReadonlyMap<string, ErrorCode> = new Map([
  ["HPE_HEADER_OVERFLOW", "headers_too_large"],
  ["ERR_HTTP_REQUEST_TIMEOUT", "request_timeout"],
  ["HPE_INVALID_METHOD", "method_not_allowed"],
]);

/**
 * Fastify's `clientErrorHandler`: a request Node could not even parse (headers over the size limit, an
 * unknown method, a timeout, broken framing) is answered on the raw socket in Roster's error shape, with an
 * `x-request-id`, and the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const code = (error.code && parserCodes.get(error.code)) || "bad_request";
  const envelope = toErrorEnvelope(new AppError(code));
  const body = JSON.stringify(envelope);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${envelope.statusCode} ${envelope.error}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${randomUUID()}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  }
  socket.destroy(error);
}
