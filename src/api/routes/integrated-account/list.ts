import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { commonErrors, cursorParam, limitParam, listEnvelope } from "../../schemas.ts";
import { accountStatusSchema, integratedAccountSchema, tenantIdSchema, toPublicAccount } from "./schemas.ts";

export const listAccountsRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/integrated-account",
    {
      schema: {
        tags: ["integrated accounts"],
        summary: "List integrated accounts, newest first",
        querystring: z.strictObject({
          tenant_id: tenantIdSchema.optional(),
          integration: z.string().min(1).max(100).optional(),
          status: accountStatusSchema.optional(),
          limit: limitParam({ max: 100, default: 20 }),
          next_cursor: cursorParam,
        }),
        response: { 200: listEnvelope(integratedAccountSchema), ...commonErrors },
      },
    },
    async (request) => {
      const { limit, next_cursor, ...filter } = request.query;
      const scope = `integrated-account:${request.environmentId}`;
      const after = next_cursor ? context.cursors.decode(scope, next_cursor) : undefined;
      const rows = await context.accounts.list(request.environmentId, filter, {
        limit: limit + 1,
        after: after ? { created_at: String(after.c), id: String(after.i) } : undefined,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next =
        rows.length > limit && last
          ? context.cursors.encode(scope, { c: last.created_at, i: last.id })
          : null;
      return {
        result: page.map(toPublicAccount),
        next_cursor: next,
        prev_cursor: null,
        result_count: page.length,
      };
    },
  );
};
