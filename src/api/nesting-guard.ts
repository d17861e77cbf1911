import type { FastifyRequest } from "fastify";
import { AppError } from "../core/errors.ts";

/** The deepest JSON body Roster accepts, in levels of objects and arrays; provider payloads need a handful. */
export const MAX_BODY_DEPTH = 100;

/**
 * Refuses a JSON body nested deeper than MAX_BODY_DEPTH: 400 `validation_failed` on `body`. Without it a small
 * body of thousands of nested brackets (well under the size limit) parses, then overflows the stack where it is
 * serialized again for the provider, and would be answered as a provider failure. Runs as a preValidation hook.
 */
export async function refuseDeepNesting(request: FastifyRequest): Promise<void> {
  const depth = depthBeyond(request.body, MAX_BODY_DEPTH);
  if (depth === undefined) return;
  const message = `must not be nested deeper than ${MAX_BODY_DEPTH} levels of objects and arrays`;
  throw new AppError("validation_failed", {
    message: `body: ${message}`,
    details: { issues: [{ path: "body", message }], max_depth: MAX_BODY_DEPTH },
  });
}

/** The first depth past `limit` that a JSON-like value reaches, or undefined; iterative, so any nesting is safe. */
function depthBeyond(value: unknown, limit: number): number | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return depth;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return undefined;
}
