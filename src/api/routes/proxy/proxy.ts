import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ProxyAnswer, ProxyMethod } from "../../../proxy/proxy-executor.ts";
import { unifiedListQuery } from "../../../unified/list-query.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { abortOnDisconnect, answerLiveRead, type LiveAnswer, sendLiveAnswer } from "../../live-read.ts";
import { commonErrors } from "../../schemas.ts";
import { encodeJson } from "../../send-json.ts";

const reserved = new Set(["integrated_account_id", "limit", "next_cursor"]);
const errors = {
  ...commonErrors,
  405: errorEnvelopeSchema,
  422: errorEnvelopeSchema,
  502: errorEnvelopeSchema,
  504: errorEnvelopeSchema,
};

const PASS_HEADERS_NOTE =
  "Request headers are not forwarded, except those the provider resource lets through (e.g. a `From` header a provider requires on writes); `Authorization` and other credentials never are. A list the provider cannot serve whole (e.g. past an offset ceiling) fails with 502 `list_truncated` instead of ending short.";

const proxyQuery = z
  .looseObject({
    integrated_account_id: unifiedListQuery.integrated_account_id,
    limit: unifiedListQuery.limit,
    next_cursor: unifiedListQuery.next_cursor,
  })
  .describe(
    "Any other parameter is forwarded to the provider; `{param}` path segments are filled from the query.",
  );

/** `/proxy/{resource}[/{id}]`: the provider's own records, 1-to-1 (resources are listed by GET /integration). */
export const proxyRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const methods: ProxyMethod[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];
  for (const url of ["/proxy/:resource", "/proxy/:resource/:id"]) {
    app.withTypeProvider<ZodTypeProvider>().route({
      method: methods,
      url,
      schema: {
        tags: ["proxy"],
        summary: url.endsWith(":id")
          ? "A provider record, 1-to-1"
          : "A provider collection (lists come in the list envelope)",
        description: PASS_HEADERS_NOTE,
        params: z.object({ resource: z.string().min(1).max(100), id: z.string().min(1).max(500).optional() }),
        querystring: proxyQuery,
        response: errors,
      },
      handler: async (request, reply) => {
        const { integrated_account_id, limit, next_cursor, ...rest } = request.query;
        const answer = async (signal: AbortSignal): Promise<LiveAnswer> => {
          const session = await context.sessions.open(request.environmentId, integrated_account_id, signal);
          const result = await context.proxy.handle(session, {
            method: request.method as ProxyMethod,
            resource: request.params.resource,
            id: request.params.id,
            query: forwarded(rest),
            body: request.body,
            headers: request.headers,
            limit,
            cursor: next_cursor,
          });
          return { ...encodeProxyAnswer(result), budget: session.budget };
        };
        return respond(context, request, reply, answer);
      },
    });
  }

  app.route({
    method: methods,
    url: "/custom/*",
    schema: {
      tags: ["proxy"],
      summary: "Any provider path, relative to the account's base URL, with credentials injected",
      description: `${PASS_HEADERS_NOTE} Here the resource whose path the custom path falls under decides.`,
      querystring: z.looseObject({ integrated_account_id: z.string().min(1).max(200) }),
      response: errors,
    },
    handler: async (request, reply) => {
      const { integrated_account_id, ...rest } = request.query as Record<string, string>;
      const rawPath = (request.raw.url ?? "").split("?")[0]?.slice("/custom".length) ?? "";
      const answer = async (signal: AbortSignal): Promise<LiveAnswer> => {
        const session = await context.sessions.open(
          request.environmentId,
          integrated_account_id ?? "",
          signal,
        );
        const result = await context.proxy.custom(
          session,
          request.method as ProxyMethod,
          rawPath,
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

function forwarded(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (reserved.has(key)) continue;
    if (typeof value === "string") out[key] = value;
    else if (Array.isArray(value) && typeof value[0] === "string") out[key] = value[0];
  }
  return out;
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
