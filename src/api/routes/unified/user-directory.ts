import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  groupSchema,
  licenseSchema,
  organizationSchema,
  roleSchema,
  userSchema,
} from "../../../core/models/index.ts";
import type { AppContext } from "../../context.ts";
import { unifiedResourceRoutes } from "./resource-routes.ts";

const category = "user-directory";

/** The Unified User Directory: /unified/user-directory/{users,groups,roles,licenses,organizations}. */
export const userDirectoryRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  const resources = [
    unifiedResourceRoutes({
      category,
      resource: "users",
      model: userSchema.meta({ id: "User" }),
      summary: "users",
      filters: {
        email: z.string().min(3).max(320).optional().describe("Only the user with this e-mail address."),
        group_id: z.string().min(1).max(200).optional().describe("Only members of this group."),
      },
    }),
    unifiedResourceRoutes({
      category,
      resource: "groups",
      model: groupSchema.meta({ id: "Group" }),
      summary: "groups (teams)",
      includes: ["members"],
    }),
    unifiedResourceRoutes({
      category,
      resource: "roles",
      model: roleSchema.meta({ id: "Role" }),
      summary: "roles",
    }),
    unifiedResourceRoutes({
      category,
      resource: "licenses",
      model: licenseSchema.meta({ id: "License" }),
      summary: "licenses (seats)",
    }),
    unifiedResourceRoutes({
      category,
      resource: "organizations",
      model: organizationSchema.meta({ id: "Organization" }),
      summary: "organizations",
    }),
  ];
  for (const routes of resources) await app.register(routes, { context });
};
