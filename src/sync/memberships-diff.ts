import type { Transaction } from "kysely";
import type { EventDraft } from "../events/outbox.ts";
import { chunks } from "../store/chunks.ts";
import type { Database } from "../store/schema.ts";
import { contentHash } from "./canonical.ts";

interface Member {
  id: string;
  username?: string | null;
  role?: string | null;
}

export interface MembershipCounts {
  added: number;
  removed: number;
  updated: number;
}

/**
 * Memberships are records of their own (group, user, role). Only groups whose record changed (or that are
 * gone: no members) can have changed members, so only their memberships are read and compared.
 */
export async function diffMemberships(
  trx: Transaction<Database>,
  accountId: string,
  groups: Map<string, { name: string | null; members: Member[] }>,
  now: string,
  emit: boolean,
  events: EventDraft[],
): Promise<MembershipCounts> {
  const counts: MembershipCounts = { added: 0, removed: 0, updated: 0 };
  const current = new Map<string, Map<string, { role: string | null; username: string | null }>>();
  for (const part of chunks([...groups.keys()], 500)) {
    const rows = await trx
      .selectFrom("directory_memberships")
      .select(["group_id", "user_id", "role", "username"])
      .where("account_id", "=", accountId)
      .where("group_id", "in", part)
      .where("deleted_at", "is", null)
      .execute();
    for (const row of rows) {
      let members = current.get(row.group_id);
      if (!members) {
        members = new Map();
        current.set(row.group_id, members);
      }
      members.set(row.user_id, { role: row.role, username: row.username });
    }
  }

  const upserts: Database["directory_memberships"][] = [];
  const removed: { group_id: string; user_id: string }[] = [];
  for (const [groupId, group] of groups) {
    const before = current.get(groupId) ?? new Map();
    const groupRef = { id: groupId, name: group.name };
    for (const member of group.members) {
      const role = member.role ?? null;
      const username = member.username ?? null;
      const record = { group_id: groupId, user_id: member.id, username, role };
      const previous = before.get(member.id);
      before.delete(member.id);
      if (previous && previous.role === role && previous.username === username) continue;
      upserts.push({
        account_id: accountId,
        group_id: groupId,
        user_id: member.id,
        role,
        username,
        content_hash: contentHash({ role, username }),
        first_seen_at: now,
        last_seen_at: now,
        deleted_at: null,
      });
      if (!previous) {
        counts.added++;
        if (emit) events.push({ type: "group.member_added", record, group: groupRef });
      } else if (previous.role !== role) {
        counts.updated++;
        if (emit)
          events.push({
            type: "group.member_updated",
            record,
            group: groupRef,
            previous: { ...record, role: previous.role },
            changed_fields: ["role"],
          });
      }
    }
    for (const [userId, gone] of before) {
      counts.removed++;
      removed.push({ group_id: groupId, user_id: userId });
      if (emit)
        events.push({
          type: "group.member_removed",
          record: { group_id: groupId, user_id: userId, username: gone.username, role: gone.role },
          group: groupRef,
        });
    }
  }

  for (const part of chunks(upserts, 300)) {
    await trx
      .insertInto("directory_memberships")
      .values(part)
      .onConflict((oc) =>
        oc.columns(["account_id", "group_id", "user_id"]).doUpdateSet((eb) => ({
          role: eb.ref("excluded.role"),
          username: eb.ref("excluded.username"),
          content_hash: eb.ref("excluded.content_hash"),
          last_seen_at: eb.ref("excluded.last_seen_at"),
          deleted_at: null,
        })),
      )
      .execute();
  }
  for (const gone of removed) {
    await trx
      .updateTable("directory_memberships")
      .set({ deleted_at: now })
      .where("account_id", "=", accountId)
      .where("group_id", "=", gone.group_id)
      .where("user_id", "=", gone.user_id)
      .execute();
  }
  return counts;
}
