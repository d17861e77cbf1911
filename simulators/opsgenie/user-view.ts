/**
 * User serialization: the lean list view of `GET /v2/users` and the full record of `GET /v2/users/{id}`.
 * List items are serialized once and cached (Directory.listJson) because list pages dominate traffic.
 */
import type { Directory } from "./directory.ts";
import type { Contact, User } from "./model.ts";

type Json = Record<string, unknown>;

/** Optional fields appear only when set, as the observed list fixtures show (reference §3.1). */
function withOptional(out: Json, user: User): Json {
  if (user.skypeUsername) out.skypeUsername = user.skypeUsername;
  if (user.tags.length > 0) out.tags = user.tags;
  if (Object.keys(user.details).length > 0) out.details = user.details;
  if (user.mutedUntil) out.mutedUntil = user.mutedUntil;
  return out;
}

export function listView(user: User): Json {
  return withOptional(
    {
      blocked: user.blocked,
      verified: user.verified,
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      role: user.role,
      timeZone: user.timeZone,
      locale: user.locale,
      userAddress: user.userAddress,
      createdAt: user.createdAt,
    },
    user,
  );
}

export function listJson(dir: Directory, user: User): string {
  let json = dir.listJson.get(user.id);
  if (json === undefined) {
    json = JSON.stringify(listView(user));
    dir.listJson.set(user.id, json);
  }
  return json;
}

/** The `userContacts` entry shape (UserContact in the spec): note `contactMethod`, not `method`. */
export function userContact(c: Contact): Json {
  const out: Json = { to: c.to, id: c.id, contactMethod: c.method, enabled: c.enabled };
  if (c.disabledReason) out.disabledReason = c.disabledReason;
  return out;
}

/** The `/v2/users/{id}/contacts` shape (Contact in the spec): `method` and a nested `status`. */
export function contactView(c: Contact): Json {
  const status: Json = { enabled: c.enabled };
  if (c.disabledReason) status.disabledReason = c.disabledReason;
  return { id: c.id, method: c.method, to: c.to, status, applyOrder: c.applyOrder };
}

export function fullView(user: User, expandContacts: boolean): Json {
  const out = listView(user);
  // The full record always carries tags and details, even when empty.
  out.tags = user.tags;
  out.details = user.details;
  if (expandContacts) out.userContacts = user.contacts.map(userContact);
  return out;
}
