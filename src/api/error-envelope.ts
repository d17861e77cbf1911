import { STATUS_CODES } from "node:http";
import type { FastifyError } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AppError, errorCatalog, isAppError } from "../core/errors.ts";
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

/** Fastify's own failures, by their FST_ERR_* code, mapped to catalog codes. */
const fastifyCodes: Record<string, keyof typeof errorCatalog> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_request",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_VALIDATION: "validation_failed",
};

export function toErrorEnvelope(error: unknown): ErrorEnvelope {
  if (isAppError(error)) return fromAppError(error);
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError)) {
    const issues = fastifyError.validation.map((v) => ({
      path: `${fastifyError.validationContext ?? "body"}${v.instancePath.replaceAll("/", ".")}`,
      message: v.message ?? "invalid",
    }));
    const first = issues[0];
    return envelope(400, "validation_failed", first ? `${first.path}: ${first.message}` : undefined, {
      issues,
    });
  }
  if (error instanceof SyntaxError || fastifyError.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return envelope(400, "invalid_json");
  }
  const mapped =
    typeof fastifyError.code === "string" ? ownValue(fastifyCodes, fastifyError.code) : undefined;
  if (mapped) return envelope(errorCatalog[mapped].status, mapped, fastifyError.message);
  const status = fastifyError.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return envelope(status, status === 404 ? "not_found" : "bad_request", fastifyError.message);
  }
  return envelope(500, "internal_error");
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
  code: keyof typeof errorCatalog,
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
