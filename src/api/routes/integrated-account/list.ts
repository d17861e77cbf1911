import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { keysetPage } from "../../keyset-page.ts";
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
      return keysetPage({
        cursors: context.cursors,
        scope: `integrated-account:${request.environmentId}`,
        cursor: next_cursor,
        limit,
        load: (page) => context.accounts.list(request.environmentId, filter, page),
        present: toPublicAccount,
      });
    },
  );
};
