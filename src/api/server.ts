import { randomUUID } from "node:crypto";
import fastifySwagger from "@fastify/swagger";
import scalarApiReference from "@scalar/fastify-api-reference";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { AppError } from "../core/errors.ts";
import { answerClientError } from "./client-errors.ts";
import type { AppContext } from "./context.ts";
import { toErrorEnvelope } from "./error-envelope.ts";
import { answerFrameworkError, MAX_PATH_PARAM_LENGTH } from "./framework-errors.ts";
import { refuseDeepNesting } from "./nesting-guard.ts";
import { refuseNulCharacters } from "./nul-guard.ts";
import { declareTags } from "./openapi-tags.ts";
import { rosterVersion } from "./project-root.ts";
import { setRetryAfter } from "./retry-after.ts";
import { registerRoutes } from "./routes/index.ts";
import { OPENAPI_WEBHOOKS, WEBHOOKS_TAG } from "./routes/webhook/delivery-docs.ts";

export type App = FastifyInstance;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildServer(context: AppContext, logger: Logger): Promise<App> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: context.config.bodyLimit,
    // A caller's own request id is kept when it is sane, so logs can be correlated across systems.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAM_LENGTH },
    // The framework's own refusals (malformed URL, over-long parameter, unparsable request) in Roster's shape.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    forceCloseConnections: "idle",
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: a text/plain body would otherwise reach validation as a string instead of being refused (415).
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.addHook("preValidation", refuseNulCharacters);
  app.addHook("preValidation", refuseDeepNesting);

  app.setErrorHandler((error, request, reply) => {
    const body = toErrorEnvelope(error);
    if (body.code === "payload_too_large") {
      // The caller can only fix it knowing the limit.
      body.message = `The request body is larger than the ${context.config.bodyLimit} bytes Roster accepts.`;
      body.details = { limit_bytes: context.config.bodyLimit };
    }
    if (body.code === "unsupported_media_type") {
      // Said back (its media type only, bounded) so a caller sees what its client actually sent.
      const sent = (request.headers["content-type"] ?? "").split(";")[0]?.trim().slice(0, 100) ?? "";
      body.message = `The request body must be JSON, sent with content-type: application/json (this one was sent as ${sent || "no content-type"}).`;
      body.details = { content_type: sent };
    }
    if (body.statusCode >= 500 && !(error instanceof AppError)) {
      request.log.error({ err: error }, "unhandled error");
    }
    setRetryAfter(reply, body.statusCode, error);
    reply.status(body.statusCode).send(body);
  });

  // The methods some route serves: any other method (PROPFIND, OPTIONS, ...) is a 405 wherever it is sent.
  const servedMethods = new Set<string>();
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) servedMethods.add(method);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0];
    const error = servedMethods.has(request.method)
      ? new AppError("route_not_found", { message: `No route ${request.method} ${path}` })
      : new AppError("method_not_allowed", { message: `Roster serves no ${request.method} requests.` });
    const body = toErrorEnvelope(error);
    reply.status(body.statusCode).send(body);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Roster API",
        version: rosterVersion(),
        description:
          "Unified API for the user directories of incident-management tools. Every call needs `Authorization: Bearer <token>`, and a token sees only its environment, except these, which take no token: " +
          "`/healthz`, `/readyz` and `/metrics` (for probes and Prometheus); the connect flow's `/link-token/{token}/...` calls, where the link token in the path is the credential, and `/link/oauth/complete`, authorised by the OAuth state and its one-time browser binding; " +
          "and the pages `/link/{token}` (the connect page), `/link/oauth/callback`, `/dashboard` (it asks for a token itself), `/docs` and `/openapi.json`.\n\n" +
          "Every error has the `Error` shape with a stable `code`. A NUL character (U+0000) in a path parameter, query value or JSON string is a 400 `validation_failed` naming the field.\n\n" +
          "Live reads (unified and proxy `GET`s) that are identical (same environment, path and query) and in flight at the same time share one provider call and one answer; nothing is cached once that call completes, and writes are never shared.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
      webhooks: OPENAPI_WEBHOOKS,
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => declareTags(jsonSchemaTransformObject(document), [WEBHOOKS_TAG]),
  });
  await app.register(scalarApiReference, {
    routePrefix: "/docs",
    configuration: { url: "/openapi.json", withDefaultFonts: false, pageTitle: "Roster API" },
    logLevel: "warn",
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(registerRoutes, { context });
  return app;
}
