import type { Role } from "../../../core/models/index.ts";
import type { UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { slicePage } from "../../../core/provider/slice-page.ts";
import { domains } from "../domains.ts";
import { mapBuiltinRole, mapCustomRole } from "../mappers.ts";
import { findOpsgenieBuiltinRole, opsgenieBuiltinRoles } from "../roles.ts";
import {
  opsgenieCustomUserRoleListResponseSchema,
  opsgenieCustomUserRoleResponseSchema,
  parseOpsgeniePayload,
} from "../schemas.ts";

/** The built-in roles (Opsgenie lists none of them) followed by the custom roles of /v2/roles. */
export const roles: UnifiedResourceOps<Role> = {
  defaultLimit: 100,

  async list(call, params) {
    const res = await call.request({ path: "/v2/roles", domain: domains.configuration, resource: "roles" });
    const custom = parseOpsgeniePayload(opsgenieCustomUserRoleListResponseSchema, res.body, "roles").data;
    const all = [...opsgenieBuiltinRoles.map(mapBuiltinRole), ...custom.map(mapCustomRole)];
    const page = slicePage(all, params.position, params.limit);
    return { records: page.items, next: page.next };
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
