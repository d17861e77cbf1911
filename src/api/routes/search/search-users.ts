import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { searchPeople } from "../../../directory/people-search.ts";
import type { AppContext } from "../../context.ts";
import { commonErrors } from "../../schemas.ts";

const hitSchema = z
  .object({
    id: z.string().describe("The unified user id within its account."),
    name: z.string().nullable(),
    username: z.string().nullable(),
    email: z.string().nullable(),
    integrated_account_id: z.string(),
    integration: z.string(),
    tenant_id: z.string(),
  })
  .meta({ id: "PersonSearchResult" });

/** GET /search/users: people search across every synced account of the environment. */
export const searchRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/search/users",
    {
      schema: {
        tags: ["search"],
        summary: "Search synced users by name, username or e-mail",
        description:
          "Searches the stored directory (the last completed sync of each account), so only synced accounts " +
          "are found. Every word of `q` must be the start of a word of the name, username or e-mail; case and " +
          "diacritics are ignored (`jose` finds `José`). Exact username or e-mail matches come first, then " +
          "names starting with `q`, then names with a word starting with its first word, then the rest; " +
          "within each, by name (binary order), then account and user id.",
        querystring: z.strictObject({
          q: z.string().min(1).max(200),
          tenant_id: z.string().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({ result: z.array(hitSchema), result_count: z.number().int() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const result = await searchPeople(context.store, {
        environmentId: request.environmentId,
        q: request.query.q,
        tenantId: request.query.tenant_id,
        limit: request.query.limit,
      });
      return { result, result_count: result.length };
    },
  );
};
