import { AppError } from "../core/errors.ts";
import type { Budget } from "./rate-limit/bucket-store.ts";

export interface ProviderResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  json(): unknown;
  attempts: number;
  /** Time spent waiting for rate-limit tokens and retry delays. */
  waitedMs: number;
  durationMs: number;
  url: string;
  /** The account's remaining budget in the request's rate-limit domain, when Roster paces it. */
  budget?: Budget;
}

/** Node gives repeated headers as arrays; callers get one comma-joined string per lower-case name. */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

export function makeResponse(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  url: string,
): ProviderResponse {
  return {
    status,
    headers,
    body,
    url,
    attempts: 0,
    waitedMs: 0,
    durationMs: 0,
    json() {
      if (body.length === 0) return null;
      try {
        return JSON.parse(body.toString("utf8"));
      } catch (cause) {
        throw new AppError("remote_error", {
          message: "The provider answered with a body that is not JSON.",
          cause,
        });
      }
    },
  };
}
