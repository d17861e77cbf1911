import { z } from "zod";
import { remoteDataSchema, timestampSchema } from "./common.ts";

export const groupTypeSchema = z.enum(["team"]);

/** A member of a group: the user's id and username, and the member's role inside the group. */
export const groupMemberSchema = z.object({
  /** The unified user id. */
  id: z.string().min(1),
  username: z.string().nullish(),
  /** The role of the member in this group, as the provider names it (e.g. "admin", "user", "manager"). */
  role: z.string().nullish(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullish(),
  group_type: groupTypeSchema,
  /** Omitted when the provider call did not return members (e.g. a list without `include=members`). */
  members: z.array(groupMemberSchema).optional(),
  created_at: timestampSchema.nullish(),
  updated_at: timestampSchema.nullish(),
  remote_data: remoteDataSchema,
});
export type Group = z.infer<typeof groupSchema>;
