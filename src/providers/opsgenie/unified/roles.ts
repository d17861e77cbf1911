import type { Role } from "../../../core/models/index.ts";
import type { ProviderClient, UnifiedResourceOps, Warning } from "../../../core/provider/contract.ts";
import { parseRecords } from "../../../core/provider/parse-records.ts";
import { slicePage } from "../../../core/provider/slice-page.ts";
import { resourceNotPermitted } from "../../../core/provider/warnings.ts";
import { domains } from "../domains.ts";
import { mapBuiltinRole, mapCustomRole } from "../mappers.ts";
import { planOrKeyRefusal } from "../refusals.ts";
import { findOpsgenieBuiltinRole, opsgenieBuiltinRoles } from "../roles.ts";
import {
  opsgenieCustomUserRoleResponseSchema,
  opsgenieCustomUserRoleSchema,
  opsgenieRawListResponseSchema,
  parseOpsgeniePayload,
} from "../schemas.ts";

/**
 * The built-in roles (Opsgenie lists none of them) followed by the custom roles of /v2/roles. An account
 * whose plan (or key) may not read custom roles still has the built-ins: they are served with a
 * `resource_not_permitted` warning.
 */
export const roles: UnifiedResourceOps<Role> = {
  defaultLimit: 100,

  async list(call, params) {
    const custom = await readCustomRoles(call);
    const all = [...opsgenieBuiltinRoles.map(mapBuiltinRole), ...custom.records.map(mapCustomRole)];
    const page = slicePage(all, params.position, params.limit);
    return { records: page.items, next: page.next, warnings: custom.warnings };
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

async function readCustomRoles(call: ProviderClient) {
  let body: unknown;
  try {
    body = (await call.request({ path: "/v2/roles", domain: domains.configuration, resource: "roles" })).body;
  } catch (error) {
    const refusal = planOrKeyRefusal(error);
    if (!refusal) throw error;
    const warnings: Warning[] = [resourceNotPermitted("custom user roles", refusal.reason)];
    return { records: [], warnings };
  }
  const data = parseOpsgeniePayload(opsgenieRawListResponseSchema, body, "roles").data;
  return parseRecords(opsgenieCustomUserRoleSchema, data, "custom user role");
}
