/**
 * GenieKey authentication and key-kind authorization (reference §2). Keys are derived from seed + region,
 * so a key of the US simulator is simply unknown (401) to an EU one, like real region-bound keys.
 */
import { HttpError } from "../kit/reply.ts";
import { createRng, hashSeed, isUuid } from "../kit/rng.ts";
import type { Route } from "./route.ts";

export type Region = "us" | "eu";

/**
 * full: global API integration; readOnly: "Limit to read-only access"; noConfig: "Restrict access to
 * configurations"; team: a team's API integration; keyManagement: an API-Key-Management key with every
 * toggle on (it may not create or act on alerts/incidents).
 */
export type KeyKind = "full" | "readOnly" | "noConfig" | "team" | "keyManagement";

export interface ApiKeys {
  full: string;
  readOnly: string;
  noConfig: string;
  team: string;
  keyManagement: string;
}

export interface ApiKeyInfo {
  kind: KeyKind;
  key: string;
  /** For team keys: the team the integration belongs to. */
  teamId?: string;
}

export function deriveApiKeys(seed: number, region: Region, fullKey?: string): ApiKeys {
  const rng = createRng(hashSeed(seed, `keys:${region}`));
  const keys = {
    full: rng.uuid(),
    readOnly: rng.uuid(),
    noConfig: rng.uuid(),
    team: rng.uuid(),
    keyManagement: rng.uuid(),
  };
  if (fullKey) keys.full = fullKey;
  return keys;
}

export class KeyRing {
  private readonly byKey = new Map<string, ApiKeyInfo>();

  constructor(
    readonly keys: ApiKeys,
    teamId: string | undefined,
  ) {
    for (const kind of Object.keys(keys) as KeyKind[]) {
      this.byKey.set(keys[kind].toLowerCase(), {
        kind,
        key: keys[kind],
        teamId: kind === "team" ? teamId : undefined,
      });
    }
  }

  lookup(key: string): ApiKeyInfo | undefined {
    return this.byKey.get(key.toLowerCase());
  }

  /** Revoking a key makes it unknown (401), as when an integration is deleted or its key regenerated. */
  revoke(key: string): boolean {
    return this.byKey.delete(key.toLowerCase());
  }
}

export type AuthOutcome = { key: ApiKeyInfo } | { status: 401 | 422; message: string };

export function authenticate(header: string | undefined, ring: KeyRing): AuthOutcome {
  const match = header ? /^GenieKey\s+(\S+)\s*$/i.exec(header) : null;
  const key = match?.[1];
  if (!key || !isUuid(key)) return { status: 422, message: "Key format is not valid!" };
  const info = ring.lookup(key);
  if (!info) return { status: 401, message: "Could not authenticate" };
  return { key: info };
}

export const TEAM_KEY_MESSAGE = "Team API Keys are not authorized to perform this action.";

/** Returns the 403 message if the key may not call the route, undefined if it may. */
export function forbiddenReason(key: ApiKeyInfo, route: Route): string | undefined {
  const write = route.method !== "GET";
  if (key.kind === "readOnly" && write)
    return "You do not have permission to perform this action. The API key has read-only access.";
  if (key.kind === "noConfig" && route.config) {
    return "You do not have permission to perform this action. The API key is restricted from accessing configurations.";
  }
  if (key.kind === "keyManagement" && route.integrationOnly) {
    return "To perform this action, use an API key from an API integration.";
  }
  if (key.kind === "team" && route.accountLevel) return TEAM_KEY_MESSAGE;
  return undefined;
}

/** Team keys may change their own team only; handlers of team writes call this once the team is known. */
export function assertTeamScope(key: ApiKeyInfo, teamId: string): void {
  if (key.kind === "team" && key.teamId !== teamId)
    throw new HttpError(403, TEAM_KEY_MESSAGE, { code: 40301 });
}
