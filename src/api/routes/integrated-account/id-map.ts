import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import { AccountIdMapRepository } from "../../../store/account-id-map.ts";
import type { AppContext } from "../../context.ts";
import { keysetPage } from "../../keyset-page.ts";
import { commonErrors, cursorParam, idParams, limitParam, listEnvelope } from "../../schemas.ts";

const matchedBySchema = z
  .enum(["email", "name", "role", "unmatched"])
  .describe(
    "How the previous record was matched: users by primary e-mail (case-insensitive), groups by a name unique " +
      "on both sides, roles by the vendor's role mapping; `unmatched` records were deleted (`id` null).",
  );

const idMapEntrySchema = z
  .object({
    resource: z.enum(["users", "groups", "roles"]),
    previous_id: z.string().describe("The record's id under the previous integration."),
    id: z.string().nullable().describe("Its id now; null when it stayed unmatched."),
    matched_by: matchedBySchema,
    previous_integration: z.string(),
    created_at: z.string(),
  })
  .meta({ id: "IdMapEntry" });

export const idMapRoute: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/integrated-account/:id/id-map",
    {
      schema: {
        tags: ["integrated accounts"],
        summary: "Previous id -> id of a migrated account's users, groups and roles, newest first",
        description:
          "Written by the first sync after `POST /integrated-account/{id}/migrate`. Stored reads " +
          "(`source=store`) also answer a previous id with the record under its new id.",
        params: idParams,
        querystring: z.strictObject({
          resource: z.enum(["users", "groups", "roles"]).optional(),
          matched_by: matchedBySchema.optional(),
          limit: limitParam({ max: 500, default: 100 }),
          next_cursor: cursorParam,
        }),
        response: { 200: listEnvelope(idMapEntrySchema), ...commonErrors },
      },
    },
    async (request) => {
      const account = await context.accounts.get(request.environmentId, request.params.id);
      if (!account) throw new AppError("not_found", { message: "No such integrated account." });
      const { limit, next_cursor, ...filter } = request.query;
      const map = new AccountIdMapRepository(context.store.db);
      return keysetPage({
        cursors: context.cursors,
        scope: `id-map:${account.id}`,
        cursor: next_cursor,
        limit,
        load: (page) => map.list(account.id, filter, page),
        present: (row) => idMapEntrySchema.parse(row.entry),
      });
    },
  );
};
