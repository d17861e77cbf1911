import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import { unifiedListQuery } from "../../../unified/list-query.ts";
import type { AppContext } from "../../context.ts";
import { errorEnvelopeSchema } from "../../error-envelope.ts";
import { abortOnDisconnect, answerLiveRead, liveSession } from "../../live-read.ts";
import { setRateLimitHeaders } from "../../rate-limit-headers.ts";
import { commonErrors, streamedListEnvelope } from "../../schemas.ts";
import { encodeJson, sendJson } from "../../send-json.ts";
import { streamFailureLogger, streamListEnvelope } from "../../stream-list.ts";
import { storedList, storedRecord, storeSourceQuery } from "./store-source.ts";

export interface UnifiedResourceRoute {
  category: string;
  resource: string;
  /** The unified model, documented in OpenAPI (records are produced by provider mappers). */
  model: z.ZodType;
  /** Filters this resource may accept (a provider may support fewer: then 400 unsupported_filter). */
  filters?: Record<string, z.ZodType>;
  includes?: readonly string[];
  summary: string;
}

const errors = {
  ...commonErrors,
  403: errorEnvelopeSchema,
  422: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
  502: errorEnvelopeSchema,
  504: errorEnvelopeSchema,
};

/** List and get routes of one unified resource, e.g. /unified/user-directory/users[/:id]. */
export function unifiedResourceRoutes(
  spec: UnifiedResourceRoute,
): FastifyPluginAsync<{ context: AppContext }> {
  return async (app, { context }) => {
    const base = `/unified/${spec.category}/${spec.resource}`;
    const tags = [`unified ${spec.category}`];
    const includeParam = spec.includes
      ? {
          include: z
            .string()
            .max(200)
            .optional()
            .describe(`Comma-separated: ${spec.includes.join(", ")}.`),
        }
      : {};

    const known = new Set([
      ...Object.keys(unifiedListQuery),
      ...Object.keys(storeSourceQuery),
      ...Object.keys(spec.filters ?? {}),
      "include",
    ]);

    app.withTypeProvider<ZodTypeProvider>().get(
      base,
      {
        schema: {
          tags,
          summary: `List ${spec.summary}`,
          description:
            "One page per call, or every page with `fetch_all=true` (streamed). A record deleted while it was read, a part of the resource the account's plan or key may not read, or a malformed provider record is left out and named in `warnings`; with `fetch_all=true` the warnings of every page come after `result_count`. A provider whose paging does not move forward (a next page equal to one already read) is refused with 502 `provider_paging_loop`; a streamed walk that fails after its first page ends with an `error` member and a `next_cursor` to resume from. A list the provider cannot serve whole (e.g. records past an offset ceiling that narrowing cannot reach) fails with 502 `list_truncated`, saying how many records are out of reach, instead of ending short.",
          // Loose, so that an unknown parameter is reported as the filter it was meant to be.
          querystring: z.looseObject({
            ...unifiedListQuery,
            ...storeSourceQuery,
            ...spec.filters,
            ...includeParam,
          }),
          response: { 200: streamedListEnvelope(spec.model), ...errors },
        },
      },
      async (request, reply) => {
        const q = request.query as Record<string, unknown> & z.infer<z.ZodObject<typeof unifiedListQuery>>;
        const unknown = Object.keys(q).filter((name) => !known.has(name));
        if (unknown.length > 0) {
          throw new AppError("unsupported_filter", {
            message: `Unsupported filter ${unknown.join(", ")} on ${spec.resource}.`,
            details: { supported: Object.keys(spec.filters ?? {}) },
          });
        }
        const include = checkedIncludes(spec, q.include);
        const options = {
          limit: q.limit,
          cursor: q.next_cursor,
          filters: pickFilters(q, spec.filters),
          include,
          ignoreRemoteData: q.ignore_remote_data,
          raw: q.response_format === "raw",
        };
        if (q.source === "store") {
          const stored = await storedList(context, request.environmentId, spec.resource, q, options);
          return sendJson(reply, stored);
        }
        if (q.fetch_all) {
          const signal = abortOnDisconnect(reply);
          const session = await context.sessions.open(
            request.environmentId,
            q.integrated_account_id,
            liveSession(signal),
          );
          const stream = await streamListEnvelope(
            context.unified.listAll(session, spec.category, spec.resource, options),
            streamFailureLogger(request, signal),
          );
          // A stream is sent as is; the typed response schema describes the JSON it produces.
          setRateLimitHeaders(reply, session);
          return reply.type("application/json; charset=utf-8").send(stream as never);
        }
        return answerLiveRead(context.liveReads, request, reply, async (signal) => {
          const session = await context.sessions.open(
            request.environmentId,
            q.integrated_account_id,
            liveSession(signal),
          );
          const page = await context.unified.listPage(session, spec.category, spec.resource, options);
          return { status: 200, body: encodeJson(page), budget: session.budget };
        });
      },
    );

    app.withTypeProvider<ZodTypeProvider>().get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: `Get one of ${spec.summary}`,
          params: z.object({ id: z.string().min(1).max(500) }),
          querystring: z.strictObject({
            integrated_account_id: unifiedListQuery.integrated_account_id,
            ignore_remote_data: unifiedListQuery.ignore_remote_data,
            response_format: unifiedListQuery.response_format,
            source: storeSourceQuery.source,
            ...includeParam,
          }),
          response: { 200: spec.model, ...errors },
        },
      },
      async (request, reply) => {
        const q = request.query as Record<string, unknown> & {
          integrated_account_id: string;
          ignore_remote_data: boolean;
        };
        const include = checkedIncludes(spec, q.include);
        if (q.source === "store") {
          const stored = await storedRecord(
            context,
            request.environmentId,
            spec.resource,
            request.params.id,
            q,
            {
              ignoreRemoteData: q.ignore_remote_data,
              raw: q.response_format === "raw",
            },
          );
          return sendJson(reply, stored);
        }
        return answerLiveRead(context.liveReads, request, reply, async (signal) => {
          const session = await context.sessions.open(
            request.environmentId,
            q.integrated_account_id,
            liveSession(signal),
          );
          const record = await context.unified.get(session, spec.category, spec.resource, request.params.id, {
            filters: {},
            include,
            ignoreRemoteData: q.ignore_remote_data,
            raw: q.response_format === "raw",
          });
          return { status: 200, body: encodeJson(record), budget: session.budget };
        });
      },
    );
  };
}

function pickFilters(
  query: Record<string, unknown>,
  filters: Record<string, z.ZodType> = {},
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of Object.keys(filters)) {
    const value = query[name];
    if (typeof value === "string") picked[name] = value;
  }
  return picked;
}

function splitList(value: unknown): string[] {
  return typeof value === "string" && value !== ""
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/**
 * The `include` values asked for, each one the resource declares; else AppError `unsupported_filter` naming the
 * supported ones (a resource may declare none). Checked here so the stored source refuses what the live one does.
 */
function checkedIncludes(spec: { includes?: readonly string[] }, raw: unknown): string[] {
  const include = splitList(raw);
  const supported = spec.includes ?? [];
  const unsupported = include.find((name) => !supported.includes(name));
  if (unsupported !== undefined) {
    throw new AppError("unsupported_filter", {
      message: `include=${unsupported} is not supported here.`,
      details: { supported_includes: supported },
    });
  }
  return include;
}
