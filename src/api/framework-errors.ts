import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../core/errors.ts";
import { toErrorEnvelope } from "./error-envelope.ts";

/**
 * The longest path parameter the router passes on to validation (Fastify's default is 100). It is above every
 * `maxLength` a route declares, so an over-long id is refused by the route's own schema (400
 * `validation_failed` naming `params.<name>`); longer still, the router refuses it here, in the same words.
 */
export const MAX_PATH_PARAM_LENGTH = 2048;

/**
 * Fastify's router failures (`frameworkErrors`), which happen before any hook runs: a malformed URL is a 400
 * `invalid_url`, an over-long path parameter a 400 `validation_failed`, each in Roster's shape with its
 * `x-request-id`.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header("x-request-id", request.id);
  const body = toErrorEnvelope(asAppError(error));
  return reply.status(body.statusCode).send(body);
}

function asAppError(error: FastifyError): unknown {
  if (error.code === "FST_ERR_BAD_URL") return new AppError("invalid_url");
  // The router does not say which parameter it was.
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") return pathParamTooLong("params");
  return error;
}

/** 400 `validation_failed` for a path parameter over MAX_PATH_PARAM_LENGTH; `path` names it (`params.path`). */
export function pathParamTooLong(path: string): AppError {
  const message = `must be at most ${MAX_PATH_PARAM_LENGTH} characters long`;
  return new AppError("validation_failed", {
    message: `${path}: ${message}`,
    details: { issues: [{ path, message }] },
  });
}
