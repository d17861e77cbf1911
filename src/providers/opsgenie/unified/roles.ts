import { AppError } from "../../../core/errors.ts";
import type { UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { domains } from "../domains.ts";
import { mapBuiltinRole, mapCustomRole } from "../mappers.ts";
import { findOpsgenieBuiltinRole, opsgenieBuiltinRoles } from "../roles.ts";
import {
  opsgenieCustomUserRoleListResponseSchema,
  opsgenieCustomUserRoleResponseSchema,
  parseOpsgeniePayload,
} from "../schemas.ts";

/** The built-in roles (Opsgenie lists none of them) followed by the custom roles of /v2/roles. */
export const roles: UnifiedResourceOps = {
  defaultLimit: 100,

  async list(call, params) {
    const res = await call.request({ path: "/v2/roles", domain: domains.configuration, resource: "roles" });
    const custom = parseOpsgeniePayload(opsgenieCustomUserRoleListResponseSchema, res.body, "roles").data;
    const all = [...opsgenieBuiltinRoles.map(mapBuiltinRole), ...custom.map(mapCustomRole)];
    const index = Number(params.position?.index ?? 0);
    if (!Number.isInteger(index) || index < 0) throw new AppError("invalid_cursor");
    const end = index + params.limit;
    return { records: all.slice(index, end), next: end < all.length ? { index: String(end) } : null };
  },

  async get(call, id) {
    const builtin = findOpsgenieBuiltinRole(id);
    if (builtin) return mapBuiltinRole(builtin);
    const res = await call.request({
      path: `/v2/roles/${encodeURIComponent(id)}`,
      query: { identifierType: "id" },
      domain: domains.configuration,
      resource: "roles",
    });
    return mapCustomRole(parseOpsgeniePayload(opsgenieCustomUserRoleResponseSchema, res.body, "role").data);
  },
};
