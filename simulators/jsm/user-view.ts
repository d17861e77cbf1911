/**
 * An account as Jira answers it (reference §4.3): a hidden e-mail is `emailAddress: null`, a hidden time zone
 * falls back to the instance default, erased accounts keep only their id; `app` accounts carry `appType`.
 */
import type { Json } from "../kit/reply.ts";
import type { Account } from "./model.ts";

/** The instance default time zone a hidden one falls back to. */
export const INSTANCE_TIME_ZONE = "Etc/UTC";

const avatar = (a: Account, size: number): string =>
  `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/${encodeURIComponent(a.accountId)}/${size}`;

/** The Jira user object of `a`; `baseUrl` makes `self`. `expand` adds `applicationRoles` and `groups`. */
export function jiraUser(a: Account, baseUrl: string, expand = false): Json {
  const out: Json = {
    self: `${baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(a.accountId)}`,
    accountId: a.accountId,
    accountType: a.accountType,
  };
  if (a.appType) out.appType = a.appType;
  out.emailAddress = a.emailVisible && !a.erased ? a.email : null;
  out.avatarUrls = Object.fromEntries([48, 24, 16, 32].map((s) => [`${s}x${s}`, avatar(a, s)]));
  out.displayName = a.erased ? "Former user" : a.displayName;
  out.active = a.active && !a.erased;
  out.timeZone = a.timeZone ?? INSTANCE_TIME_ZONE;
  out.locale = a.locale;
  if (expand) {
    const roles = a.agent ? [{ key: "jira-servicedesk", name: "Jira Service Management" }] : [];
    out.applicationRoles = { size: roles.length, items: roles };
    out.groups = { size: 0, items: [] };
  }
  return out;
}
