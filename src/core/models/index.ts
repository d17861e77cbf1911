import { groupSchema } from "./group.ts";
import { licenseSchema } from "./license.ts";
import { organizationSchema } from "./organization.ts";
import { roleSchema } from "./role.ts";
import { userSchema } from "./user.ts";

export * from "./common.ts";
export * from "./group.ts";
export * from "./license.ts";
export * from "./organization.ts";
export * from "./role.ts";
export * from "./user.ts";

/** The unified resources of the user directory, by their URL name. */
export const unifiedModels = {
  users: userSchema,
  groups: groupSchema,
  roles: roleSchema,
  licenses: licenseSchema,
  organizations: organizationSchema,
} as const;

export type UnifiedResourceName = keyof typeof unifiedModels;

export const unifiedResourceNames = Object.keys(unifiedModels) as UnifiedResourceName[];

export function isUnifiedResourceName(value: string): value is UnifiedResourceName {
  return Object.hasOwn(unifiedModels, value);
}
