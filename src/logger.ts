import pino, { type Logger } from "pino";
import { redactUrl } from "./url-redaction.ts";

/** Paths pino removes from every log line: authorization headers and anything that can hold a credential. */
const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  "headers.authorization",
  "*.headers.authorization",
  "context",
  "*.context",
  "credentials",
  "*.credentials",
  "api_key",
  "*.api_key",
  "secret",
  "*.secret",
  "token",
  "*.token",
  "binding",
  "*.binding",
];

/** The request as logged ("incoming request"): Fastify's own fields, with the URL's secrets redacted. */
interface LoggedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * Replaces Fastify's `req` serializer (a logger's own serializers win over Fastify's): the URL of
 * `/link-token/{token}/…` or `?api_key=…` would otherwise reach every info-level log line in plain text.
 */
function serializeRequest(req: LoggedRequest) {
  return {
    method: req.method,
    url: typeof req.url === "string" ? redactUrl(req.url) : req.url,
    version: req.headers?.["accept-version"],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** The process logger: JSON lines, secrets redacted by path and in request URLs. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: "[redacted]" },
      serializers: { req: serializeRequest },
    },
    destination,
  );
}
