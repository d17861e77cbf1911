import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { jsonSchemaTransform, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { QueryValues } from "../../../core/provider/contract.ts";
import { safeCustomPath } from "../../../proxy/custom-path.ts";
import type { ProxyAnswer, ProxyMethod } from "../../../proxy/proxy-executor.ts";
import { unifiedListQuery } from "../../../unified/list-query.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { MAX_PATH_PARAM_LENGTH, pathParamTooLong } from "../../framework-errors.ts";
import {
  abortOnDisconnect,
  answerLiveRead,
  type LiveAnswer,
  liveSession,
  sendLiveAnswer,
} from "../../live-read.ts";
import { setRateLimitHeaders } from "../../rate-limit-headers.ts";
import { commonErrors } from "../../schemas.ts";
import { encodeJson } from "../../send-json.ts";
import { streamFailureLogger, streamListEnvelope } from "../../stream-list.ts";

const reserved = new Set(["integrated_account_id", "limit", "next_cursor", "fetch_all"]);
/**
 * What the proxy answers: the provider's own status and JSON for a record or a write (201 and 204 included), the
 * list envelope for a list, and Roster's error shape for its refusals and the provider's (403 when the
 * credentials do not grant it, 429 when the account's provider budget is spent).
 */
const responses = {
  200: z
    .unknown()
    .describe(
      "The provider's own JSON, 1-to-1; a `GET` of a list is the list envelope (`result`, `next_cursor`, `prev_cursor`, `result_count`).",
    ),
  201: z.unknown().describe("The provider created the record: its own JSON."),
  204: z.null().describe("The provider answered without a body."),
  ...commonErrors,
  403: errorEnvelopeSchema,
  405: errorEnvelopeSchema,
  422: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
  502: errorEnvelopeSchema,
  504: errorEnvelopeSchema,
};

const PASS_HEADERS_NOTE =
  "Request headers are not forwarded, except those the provider resource lets through (e.g. a `From` header a provider requires on writes); `Authorization` and other credentials never are. A list the provider cannot serve whole (e.g. past an offset ceiling) fails with 502 `list_truncated` instead of ending short.";

const resourceParam = z
  .string()
  .min(1)
  .max(100)
  .describe("A proxy resource of the account's integration (`GET /integration` lists them).");
const recordIdParam = z.string().min(1).max(500).describe("The provider's id of the record.");
const customPathParam = z
  .string()
  .max(MAX_PATH_PARAM_LENGTH)
  .describe(
    "The provider path, relative to the account's base URL; it may span segments, e.g. `v2/account`.",
  );

const proxyQuery = z
  .looseObject({
    integrated_account_id: unifiedListQuery.integrated_account_id,
    limit: unifiedListQuery.limit,
    next_cursor: unifiedListQuery.next_cursor,
    fetch_all: unifiedListQuery.fetch_all,
  })
  .describe(
    "Any other parameter is forwarded to the provider, every value of a repeated one (`statuses[]=a&statuses[]=b`); " +
      "`{param}` path segments are filled from the query (given once).",
  );

/** `/proxy/{resource}[/{id}]`: the provider's own records, 1-to-1 (resources are listed by GET /integration). */
export const proxyRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const methods: ProxyMethod[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];
  // One schema per path, so the document declares exactly the parameters each path has.
  const paths = [
    {
      url: "/proxy/:resource",
      summary: "A provider collection (lists come in the list envelope)",
      params: z.object({ resource: resourceParam }),
    },
    {
      url: "/proxy/:resource/:id",
      summary: "A provider record, 1-to-1",
      params: z.object({ resource: resourceParam, id: recordIdParam }),
    },
  ];
  for (const { url, summary, params } of paths) {
    app.withTypeProvider<ZodTypeProvider>().route({
      method: methods,
      url,
      schema: {
        tags: ["proxy"],
        summary,
        description: url.endsWith(":id")
          ? PASS_HEADERS_NOTE
          : `A \`GET\` of a list answers one page in the list envelope, or every page with \`fetch_all=true\` (streamed). A provider whose paging does not move forward is refused with 502 \`provider_paging_loop\`. A streamed walk that fails after its first page still ends as valid JSON: the records sent, an \`error\` member in the error shape and a \`next_cursor\` from which a request returns exactly the rest. ${PASS_HEADERS_NOTE}`,
        params,
        querystring: proxyQuery,
        response: responses,
      },
      handler: async (request, reply) => {
        const { integrated_account_id, limit, next_cursor, fetch_all, ...rest } = request.query;
        const params = request.params as { resource: string; id?: string };
        const proxyRequest = {
          method: request.method as ProxyMethod,
          resource: params.resource,
          id: params.id,
          query: forwarded(rest),
          body: request.body,
          headers: request.headers,
          limit,
          cursor: next_cursor,
        };
        if (fetch_all) {
          const signal = abortOnDisconnect(reply);
          const session = await context.sessions.open(
            request.environmentId,
            integrated_account_id,
            liveSession(signal),
          );
          const stream = await streamListEnvelope(
            context.proxy.listAll(session, proxyRequest),
            streamFailureLogger(request, signal),
          );
          setRateLimitHeaders(reply, session);
          return reply.type("application/json; charset=utf-8").send(stream as never);
        }
        const answer = async (signal: AbortSignal): Promise<LiveAnswer> => {
          const session = await context.sessions.open(
            request.environmentId,
            integrated_account_id,
            liveSession(signal),
          );
          const result = await context.proxy.handle(session, proxyRequest);
          return { ...encodeProxyAnswer(result), budget: session.budget };
        };
        return respond(context, request, reply, answer);
      },
    });
  }

  const customSchema = {
    tags: ["proxy"],
    summary: "Any provider path, relative to the account's base URL, with credentials injected",
    description:
      "Absolute URLs (percent-encoded ones too), `..` segments, backslashes and control characters are refused " +
      "with 400 `invalid_path` before any provider call. Query parameters other than `integrated_account_id` " +
      `are forwarded. ${PASS_HEADERS_NOTE} Here the resource whose path the custom path falls under decides.`,
    querystring: z.looseObject({
      integrated_account_id: z.string().min(1).max(200),
      host: z
        .string()
        .optional()
        .describe(
          "For a provider with several API hosts (e.g. a customer's site and a shared API host; the README names them per integration): " +
            "the name of the host the path is relative to; not forwarded. Any other name is 400 `invalid_path`. " +
            "Absent: the provider's default host. For a provider with one host, an ordinary query parameter.",
        ),
    }),
    response: responses,
  };
  app.route({
    method: methods,
    url: "/custom/*",
    // Fastify names the wildcard `*`; the document calls it `path`, in `/custom/{path}`.
    config: {
      swaggerTransform: (document) =>
        jsonSchemaTransform({
          ...document,
          url: "/custom/:path",
          schema: { ...customSchema, params: z.object({ path: customPathParam }) },
        }),
    },
    schema: customSchema,
    // Before schema validation, as a declared parameter would be, and under its documented name.
    preValidation: async (request) => {
      const path = (request.params as { "*"?: string })["*"] ?? "";
      if (path.length > MAX_PATH_PARAM_LENGTH) throw pathParamTooLong("params.path");
    },
    handler: async (request, reply) => {
      const { integrated_account_id, ...rest } = request.query as Record<string, string>;
      // Refused before the account's session is opened, so a hostile path costs no provider call at all.
      const path = safeCustomPath((request.raw.url ?? "").split("?")[0]?.slice("/custom".length) ?? "");
      const answer = async (signal: AbortSignal): Promise<LiveAnswer> => {
        const session = await context.sessions.open(
          request.environmentId,
          integrated_account_id ?? "",
          liveSession(signal),
        );
        const result = await context.proxy.custom(
          session,
          request.method as ProxyMethod,
          path,
          forwarded(rest),
          request.body,
          request.headers,
        );
        return { status: result.status, body: encodeJson(result.body), budget: session.budget };
      };
      return respond(context, request, reply, answer);
    },
  });
};

/**
 * The caller's other query parameters, every value of a repeated one in order (`statuses[]=a&statuses[]=b`);
 * own keys only (`__proto__` stays a plain name).
 */
function forwarded(query: Record<string, unknown>): QueryValues {
  const entries: [string, string | string[]][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (reserved.has(key)) continue;
    if (typeof value === "string") entries.push([key, value]);
    else if (Array.isArray(value))
      entries.push([key, value.filter((v): v is string => typeof v === "string")]);
  }
  return Object.fromEntries(entries);
}

function encodeProxyAnswer(answer: ProxyAnswer): Omit<LiveAnswer, "budget"> {
  if (answer.kind === "list") return { status: 200, body: encodeJson(answer.envelope) };
  return { status: answer.status, body: encodeJson(answer.body) };
}

/** Reads share identical requests in flight; writes always reach the provider themselves. */
async function respond(
  context: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  answer: (signal: AbortSignal) => Promise<LiveAnswer>,
) {
  if (request.method === "GET") return answerLiveRead(context.liveReads, request, reply, answer);
  return sendLiveAnswer(reply, await answer(abortOnDisconnect(reply)));
}
