/**
 * API keys and authentication (reference §1.1): `Authorization: Token token=<key>` exactly, keys derived from
 * seed + region (so a key of the US simulator is unknown, 401, to an EU one, as real keys are valid in one
 * region only), and the kinds a client meets: full-access and read-only account keys, user keys acting as a
 * user with that user's role, and a revoked key.
 */
import type { IncomingHttpHeaders } from "node:http";
import { createRng, hashSeed, type Rng } from "../kit/rng.ts";
import type { Actor } from "./audit.ts";

export type Region = "us" | "eu";

/**
 * full: account key with full access; readOnly: account key with read-only access; user: the user key of an
 * admin; restrictedUser: the user key of a restricted-access user (may not read the directory); revoked: a key
 * that was deleted (401).
 */
export type KeyKind = "full" | "readOnly" | "user" | "restrictedUser" | "revoked";

/** One key of each kind. */
export type ApiKeys = Record<KeyKind, string>;

/** An authenticated caller. */
export interface KeyInfo {
  kind: Exclude<KeyKind, "revoked">;
  key: string;
  /** The id audit records give the key (`api_key_reference`). */
  id: string;
  /** Account keys may write unless read-only; user keys act with their user's role. */
  level: "account" | "user";
  readOnly: boolean;
  /** User keys: the user they act as. */
  userId?: string;
}

const KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** 20 characters, user keys starting "u+" (the observed shape of PagerDuty keys, not a documented one). */
function drawKey(rng: Rng, prefix = ""): string {
  let key = prefix;
  while (key.length < 20) key += KEY_CHARS[Math.floor(rng.next() * KEY_CHARS.length)];
  return key;
}

/** The keys of a seed and region; `fullKey` replaces the full-access one. */
export function deriveApiKeys(seed: number, region: Region, fullKey?: string): ApiKeys {
  const rng = createRng(hashSeed(seed, `keys:${region}`));
  return {
    full: fullKey ?? drawKey(rng),
    readOnly: drawKey(rng),
    user: drawKey(rng, "u+"),
    restrictedUser: drawKey(rng, "u+"),
    revoked: drawKey(rng),
  };
}

/** The account's keys and which of them still work. */
export class KeyRing {
  private readonly byKey = new Map<string, KeyInfo>();
  private readonly revoked = new Set<string>();

  /** `userIds` are the users the two user keys act as; `nextId` mints the keys' audit ids. */
  constructor(
    readonly keys: ApiKeys,
    userIds: { user: string; restrictedUser: string },
    nextId: () => string,
  ) {
    const add = (kind: KeyInfo["kind"], info: Omit<KeyInfo, "kind" | "key" | "id">): void => {
      this.byKey.set(keys[kind], { kind, key: keys[kind], id: nextId(), ...info });
    };
    add("full", { level: "account", readOnly: false });
    add("readOnly", { level: "account", readOnly: true });
    add("user", { level: "user", readOnly: false, userId: userIds.user });
    add("restrictedUser", { level: "user", readOnly: false, userId: userIds.restrictedUser });
    this.reset();
  }

  /** The caller a key authenticates, or undefined when it is unknown or revoked. */
  lookup(key: string): KeyInfo | undefined {
    return this.revoked.has(key) ? undefined : this.byKey.get(key);
  }

  /** Revokes a key (401 from now on); false when it is not a key of this account or already revoked. */
  revoke(key: string): boolean {
    if (!this.byKey.has(key) || this.revoked.has(key)) return false;
    this.revoked.add(key);
    return true;
  }

  /** Back to the start: only the `revoked` key is revoked. */
  reset(): void {
    this.revoked.clear();
    this.revoked.add(this.keys.revoked);
  }
}

/** Whose rate-limit budget a key spends: an account key's own, or its user's (shared by all their keys). */
export function limitSubject(key: KeyInfo): string {
  return key.userId ? `user:${key.userId}` : `key:${key.key}`;
}

/** Why a request is refused before routing. */
export type AuthRefusal = { status: 401 } | { status: 400; reason: string };

/**
 * Authenticates `Authorization: Token token=<key>`, or `Bearer <OAuth access token>` (reference §1.1) through
 * `bearer` (any other form, an unknown or a revoked key or token: 401) and
 * checks `Accept`: absent, or naming another media type, means version 2 (reference §1.1); an explicit
 * `application/vnd.pagerduty+json;version=N` other than 2 is refused with a 400 [unverified].
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  ring: KeyRing,
  bearer: (token: string) => KeyInfo | undefined = () => undefined,
): { key: KeyInfo } | AuthRefusal {
  const match = /^Token token=(\S+)$/.exec(headers.authorization ?? "");
  const oauth = /^Bearer (\S+)$/.exec(headers.authorization ?? "");
  const key = match?.[1] ? ring.lookup(match[1]) : oauth?.[1] ? bearer(oauth[1]) : undefined;
  if (!key) return { status: 401 };
  const version = /application\/vnd\.pagerduty\+json\s*;\s*version=([^\s,;]*)/i.exec(
    headers.accept ?? "",
  )?.[1];
  if (version !== undefined && version !== "2")
    return { status: 400, reason: `API version '${version}' is not supported; send version=2` };
  return { key };
}

/** The actor audit records name for a change made with `key` (`user` is the key's user, for user keys). */
export function actorOf(key: KeyInfo, user?: { id: string; name: string }): Actor {
  const method = { type: "api_token" as const, truncated_token: key.key.slice(-4) };
  if (user) return { ref: { id: user.id, type: "user_reference", summary: user.name }, method };
  const summary = key.readOnly ? "Read-only API key" : "Full access API key";
  return { ref: { id: key.id, type: "api_key_reference", summary }, method };
}
