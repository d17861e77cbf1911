import { AppError } from "../../../core/errors.ts";
import type { Role } from "../../../core/models/index.ts";
import type { ProviderClient, UnifiedResourceOps } from "../../../core/provider/contract.ts";
import { readListedRecord } from "../../../core/provider/listed-detail.ts";
import { parseRecord, parseRecords } from "../../../core/provider/parse-records.ts";
import { slicePage } from "../../../core/provider/slice-page.ts";
import { opsPath } from "../discovery.ts";
import { domains, hosts } from "../domains.ts";
import { mapBuiltinRole, mapCustomRole } from "../mappers.ts";
import { opsPaging } from "../paging.ts";
import { findJsmBuiltinRole, jsmBuiltinRoles } from "../roles.ts";
import { jsmCustomRoleSchema } from "../schemas.ts";

/**
 * Roles: the built-in roles (synthesised: no API lists them), then the custom global ops roles (`GET /v1/roles`,
 * every page) with their granted rights from `GET /v1/roles/{id}`. Custom roles are few, so the whole list
 * is read and sliced. Which user holds which role cannot be read (reference §6).
 */
export const roles: UnifiedResourceOps<Role> = {
  defaultLimit: 100,

  async list(call, params) {
    const summaries = await call.collect(
      {
        path: await opsPath(call, "/roles"),
        host: hosts.api,
        domain: domains.ops,
        resource: "roles",
        pagination: opsPaging(),
      },
      100,
    );
    const parsed = parseRecords(jsmCustomRoleSchema, summaries, "custom role");
    const all = [
      ...jsmBuiltinRoles.map((r) => ({ builtin: r })),
      ...parsed.records.map((r) => ({ custom: r })),
    ];
    const page = slicePage(all, params.position, params.limit);
    const read = await call.mapBounded(page.items, 4, async (entry) =>
      "builtin" in entry
        ? { ok: true as const, value: mapBuiltinRole(entry.builtin) }
        : readListedRecord("custom role", entry.custom.id, () => readCustomRole(call, entry.custom.id)),
    );
    const warnings = [...parsed.warnings];
    const records: Role[] = [];
    for (const r of read) {
      if (r.ok) records.push(r.value);
      else warnings.push(r.warning);
    }
    return { records, next: page.next, warnings };
  },

  async get(call, id) {
    const builtin = findJsmBuiltinRole(id);
    if (builtin) return mapBuiltinRole(builtin);
    const read = await readCustomRole(call, id);
    if (!read.ok) throw new AppError("remote_error", { message: read.warning.message });
    return read.value;
  },
};

async function readCustomRole(call: ProviderClient, id: string) {
  const res = await call.request({
    path: await opsPath(call, `/roles/${encodeURIComponent(id)}`),
    query: { identifierType: "id" },
    host: hosts.api,
    domain: domains.ops,
    resource: "roles",
  });
  const parsed = parseRecord(jsmCustomRoleSchema, res.body, "custom role", { id });
  return parsed.ok ? { ok: true as const, value: mapCustomRole(parsed.value) } : parsed;
}
