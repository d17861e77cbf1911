import { z } from "zod";
import { referenceSchema, remoteDataSchema, timestampSchema } from "./common.ts";

export const userStatusValues = ["active", "inactive", "invited", "deleted"] as const;
export const userStatusSchema = z.enum(userStatusValues);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const emailTypeValues = ["work", "personal", "other"] as const;

/** One e-mail address of a user. At most one entry has `is_primary: true`. */
export const userEmailSchema = z.object({
  email: z.string().min(1),
  type: z.enum(emailTypeValues).nullish(),
  is_primary: z.boolean().nullish(),
});

/**
 * One phone number of a user. `type` names the channel the number is registered for, as the
 * provider states it (e.g. "sms", "voice"); it is an open string so that providers with other
 * channels do not lose information.
 */
export const userPhoneSchema = z.object({
  number: z.string().min(1),
  type: z.string().min(1).nullish(),
});
export type UserPhone = z.infer<typeof userPhoneSchema>;

export const userSchema = z.object({
  id: z.string().min(1),
  username: z.string().nullish(),
  name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  emails: z.array(userEmailSchema).optional(),
  phones: z.array(userPhoneSchema).optional(),
  status: userStatusSchema.nullish(),
  is_email_verified: z.boolean().nullish(),
  /** Account-level roles of the user. */
  roles: z.array(referenceSchema).optional(),
  /** Groups (teams) the user belongs to. */
  groups: z.array(referenceSchema).optional(),
  /** IANA time-zone name, e.g. "Europe/Berlin". */
  timezone: z.string().nullish(),
  /** BCP-47 language tags, e.g. ["en-US"]. */
  languages: z.array(z.string().min(1)).optional(),
  title: z.string().nullish(),
  /** URL of the user's picture. */
  avatar: z.string().nullish(),
  created_at: timestampSchema.nullish(),
  updated_at: timestampSchema.nullish(),
  remote_data: remoteDataSchema,
});
export type User = z.infer<typeof userSchema>;
