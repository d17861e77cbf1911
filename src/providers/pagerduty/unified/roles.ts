import { AppError } from "../../../core/errors.ts";
import type { Role } from "../../../core/models/index.ts";
import type { UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { slicePage } from "../../../core/provider/slice-page.ts";
import { mapBaseRole } from "../mappers.ts";
import { findPagerdutyBaseRole, pagerdutyBaseRoles } from "../roles.ts";

/** PagerDuty's 8 base roles, served from the table in ../roles.ts (PagerDuty has no roles endpoint). */
export const roles: UnifiedResourceOps<Role> = {
  defaultLimit: 100,

  async list(_call, params) {
    const page = slicePage(pagerdutyBaseRoles.map(mapBaseRole), params.position, params.limit);
    return { records: page.items, next: page.next };
  },

  async get(_call, id) {
    const role = findPagerdutyBaseRole(id);
    if (!role) throw new AppError("not_found", { message: `PagerDuty has no base role ${id}.` });
    return mapBaseRole(role);
  },
};
