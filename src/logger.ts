import pino, { type Logger } from "pino";

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
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: "[redacted]" } }, destination);
}
