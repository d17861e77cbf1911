import type { FastifyRequest } from "fastify";
import { AppError } from "../core/errors.ts";

const NUL = "\u0000";

/**
 * Refuses a request whose path parameters, query or JSON body hold U+0000 in any string, value or key:
 * 400 `validation_failed` naming the first such field (`params.id`, `querystring.q`, `body.context.api_key`).
 * PostgreSQL cannot store or compare NUL in text, so without this one guard the same input would be a 500
 * there and a plain miss on SQLite; no Roster input has a use for it. Runs as a preValidation hook, after
 * authentication and body parsing.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  const parts: [string, unknown][] = [
    ["params", request.params],
    ["querystring", request.query],
    ["body", request.body],
  ];
  for (const [name, value] of parts) {
    const path = nulPath(name, value);
    if (path === undefined) continue;
    const message = "must not contain the NUL character (U+0000)";
    throw new AppError("validation_failed", {
      message: `${path}: ${message}`,
      details: { issues: [{ path, message }] },
    });
  }
}

/** The path of the first string holding NUL in a parsed JSON-like value; iterative, so any nesting is safe. */
function nulPath(root: string, value: unknown): string | undefined {
  const stack: [string, unknown][] = [[root, value]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [path, current] = next;
    if (typeof current === "string") {
      if (current.includes(NUL)) return path;
    } else if (current !== null && typeof current === "object") {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes(NUL)) return path;
        stack.push([`${path}.${publicName(path, key)}`, child]);
      }
    }
  }
  return undefined;
}

/** A wildcard route's rest of the path (the router's `*`) is the parameter the API documents as `path`. */
function publicName(path: string, key: string): string {
  return path === "params" && key === "*" ? "path" : key;
}
