import { STATUS_CODES } from "node:http";
import type { FastifyError } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AppError, type ErrorCode, errorCatalog, isAppError } from "../core/errors.ts";
import { ownValue } from "../core/own-key.ts";

export const errorEnvelopeSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    remote_error: z.boolean().optional(),
    raw_response: z.unknown().optional(),
  })
  .meta({ id: "Error" });

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/**
 * Fastify's own refusals of a request body, by their FST_ERR_* code: the catalog code, and a message in
 * Roster's words when the catalog's default does not say enough (Fastify's own read like log lines).
 */
const fastifyRefusals: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "payload_too_large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: "unsupported_media_type" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "bad_request",
    message: "The request body's size does not match its Content-Length header.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "invalid_json",
    message:
      "The request body is empty but its content-type is application/json: send a JSON body, or no content-type.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "invalid_json" },
};

export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (isAppError(error)) return fromAppError(error);
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const issues = fastifyError.validation.map((v) => ({
      path: issuePath(fastifyError.validationContext ?? "body", v.instancePath),
      message: v.message ?? "invalid",
    }));
    const first = issues[0];
    return envelope(400, "validation_failed", first ? `${first.path}: ${first.message}` : undefined, {
      issues,
    });
  }
  if (error instanceof SyntaxError) return envelope(400, "invalid_json");
  const refusal =
    typeof fastifyError.code === "string" ? ownValue(fastifyRefusals, fastifyError.code) : undefined;
  if (refusal) return envelope(errorCatalog[refusal.code].status, refusal.code, refusal.message);
  if (fastifyError.code === "FST_ERR_VALIDATION")
    return envelope(400, "validation_failed", fastifyError.message);
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    // The framework's own 403 (e.g. a static asset path with dot segments) keeps its status, with a code to match.
    const code = status === 404 ? "not_found" : status === 403 ? "forbidden" : "bad_request";
    return envelope(status, code, status === 403 ? undefined : fastifyError.message);
  }
  return envelope(500, "internal_error");
}

/**
 * `body.context.api_key` from the validation context and a JSON pointer; the whole value (pointer `/`, e.g. an
 * array sent where an object is expected) is the context alone: `body`.
 */
function issuePath(context: string, instancePath: string): string {
  return [context, ...instancePath.split("/").filter((segment) => segment !== "")].join(".");
}

function fromAppError(error: AppError): ErrorEnvelope {
  const body = envelope(error.status, error.code, error.message, error.details);
  if (error.remote) {
    body.remote_error = true;
    body.raw_response = error.remote.body;
  }
  return body;
}

function envelope(
  status: number,
  code: ErrorCode,
  message?: string,
  details?: Record<string, unknown>,
): ErrorEnvelope {
  return {
    statusCode: status,
    error: STATUS_CODES[status] ?? "Error",
    code,
    message: message ?? errorCatalog[code].message,
    ...(details ? { details } : {}),
  };
}
