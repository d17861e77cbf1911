/**
 * Data anomalies a real account shows now and then, switched on by tests (`PUT /__sim/anomalies`):
 * a team deleted between the team list and its detail read, a plan without custom user roles, a user
 * record whose field is missing or of the wrong type, and a key whose configuration access was restricted
 * after it was linked. All off by default: the simulator is then unchanged.
 */

import { HttpError, type Json } from "../kit/reply.ts";
import type { ApiKeyInfo } from "./auth.ts";

/** Opsgenie's answer to any /v2/roles call on a plan without custom user roles. */
export const CUSTOM_ROLES_PLAN_MESSAGE = "Account plan does not have the right to use custom user roles.";

/** One broken user field: `value` replaces it; without `value` the field is left out. */
export interface UserCorruption {
  id: string;
  field: string;
  value?: unknown;
}

export interface AnomalyConfig {
  /** Teams still listed by `GET /v2/teams` whose reads by id or name answer 404 "Team not found". */
  vanishedTeams: string[];
  /** Every `/v2/roles` call answers 422 with {@link CUSTOM_ROLES_PLAN_MESSAGE}. */
  customRolesRefused: boolean;
  /** Users served broken by `GET /v2/users` and `GET /v2/users/{id}`. */
  corruptUsers: UserCorruption[];
  /**
   * Keys whose integration got "Restrict access to configurations" switched on after linking: they now act
   * as that kind of key (403 on every configuration call, reference §2.3).
   */
  configRestrictedKeys: string[];
}

export const NO_ANOMALIES: AnomalyConfig = {
  vanishedTeams: [],
  customRolesRefused: false,
  corruptUsers: [],
  configRestrictedKeys: [],
};

export class Anomalies {
  config: AnomalyConfig = structuredClone(NO_ANOMALIES);
  private vanished = new Set<string>();
  private corrupt = new Map<string, UserCorruption[]>();

  /** Replaces the given settings; the others stay. */
  set(config: Partial<AnomalyConfig>): AnomalyConfig {
    this.config = { ...this.config, ...structuredClone(config) };
    this.vanished = new Set(this.config.vanishedTeams);
    this.corrupt = new Map();
    for (const c of this.config.corruptUsers) this.corrupt.set(c.id, [...(this.corrupt.get(c.id) ?? []), c]);
    return structuredClone(this.config);
  }

  /** The key as it acts now: a key restricted after linking acts as a `noConfig` key. */
  currentKey(key: ApiKeyInfo): ApiKeyInfo {
    const restricted = this.config.configRestrictedKeys.some(
      (k) => k.toLowerCase() === key.key.toLowerCase(),
    );
    return restricted ? { ...key, kind: "noConfig" } : key;
  }

  teamVanished(teamId: string): boolean {
    return this.vanished.has(teamId);
  }

  /** Throws the plan refusal when custom roles are refused. */
  assertCustomRoles(): void {
    if (this.config.customRolesRefused) throw new HttpError(422, CUSTOM_ROLES_PLAN_MESSAGE);
  }

  isCorrupt(userId: string): boolean {
    return this.corrupt.has(userId);
  }

  /** The user's view with its broken fields (the view itself when the user is not corrupted). */
  corruptUser(userId: string, view: Json): Json {
    const changes = this.corrupt.get(userId);
    if (!changes) return view;
    const out = { ...view };
    for (const change of changes) {
      if ("value" in change) out[change.field] = change.value;
      else delete out[change.field];
    }
    return out;
  }
}

/** Validates a JSON body for PUT /__sim/anomalies. */
export function checkAnomalies(input: unknown): Partial<AnomalyConfig> {
  if (typeof input !== "object" || input === null) throw new Error("anomalies must be an object");
  const out: Partial<AnomalyConfig> = {};
  for (const [name, value] of Object.entries(input)) {
    if (name === "vanishedTeams") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
        throw new Error("vanishedTeams must be an array of team ids");
      out.vanishedTeams = value;
    } else if (name === "configRestrictedKeys") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
        throw new Error("configRestrictedKeys must be an array of API keys");
      out.configRestrictedKeys = value;
    } else if (name === "customRolesRefused") {
      if (typeof value !== "boolean") throw new Error("customRolesRefused must be a boolean");
      out.customRolesRefused = value;
    } else if (name === "corruptUsers") {
      if (!Array.isArray(value)) throw new Error("corruptUsers must be an array");
      out.corruptUsers = value.map((entry, i) => {
        const e = (typeof entry === "object" && entry !== null ? entry : {}) as Json;
        if (typeof e.id !== "string" || typeof e.field !== "string" || e.field === "")
          throw new Error(`corruptUsers[${i}] needs a user id and a field`);
        return "value" in e ? { id: e.id, field: e.field, value: e.value } : { id: e.id, field: e.field };
      });
    } else
      throw new Error(
        `unknown anomaly "${name}" (known: vanishedTeams, customRolesRefused, corruptUsers, configRestrictedKeys)`,
      );
  }
  return out;
}
