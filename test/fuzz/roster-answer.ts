import { expect } from "vitest";
import { errorCatalog } from "../../src/core/errors.ts";

/** Provider-facing failures: legitimate 5xx answers (the provider failed, not Roster). */
const PROVIDER_FAILURES = new Set(["remote_error", "provider_unreachable", "provider_timeout"]);

export interface InjectedAnswer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/**
 * What every answer of Roster must be, whatever was sent: an `x-request-id`; no 5xx except a provider's own
 * failure (502/504); and every error in Roster's shape `{ statusCode, error, code, message, details? }` with a
 * code from the catalog. `where` names the request in failure messages.
 */
export function expectRosterAnswer(answer: InjectedAnswer, where: string, method: string): void {
  expect(answer.headers["x-request-id"], `${where}: x-request-id`).toBeTruthy();
  if (answer.statusCode < 400 || method === "HEAD") {
    expect(answer.statusCode, where).toBeLessThan(500);
    return;
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.body);
  } catch {
    throw new Error(
      `${where}: ${answer.statusCode} answered with a body that is not JSON: ${answer.body.slice(0, 200)}`,
    );
  }
  const summary = `${where}: ${answer.statusCode} ${answer.body.slice(0, 300)}`;
  expect(body.statusCode, summary).toBe(answer.statusCode);
  expect(typeof body.error, summary).toBe("string");
  expect(typeof body.message, summary).toBe("string");
  expect(typeof body.code === "string" && Object.hasOwn(errorCatalog, body.code), summary).toBe(true);
  if (body.details !== undefined) expect(typeof body.details, summary).toBe("object");
  if (answer.statusCode >= 500) {
    expect([502, 504], summary).toContain(answer.statusCode);
    expect(PROVIDER_FAILURES.has(body.code as string), summary).toBe(true);
  }
}
