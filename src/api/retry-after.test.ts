import type { FastifyReply } from "fastify";
import { describe, expect, it } from "vitest";
import { AppError } from "../core/errors.ts";
import { setRetryAfter } from "./retry-after.ts";

function retryAfterOf(status: number, error: unknown): string | undefined {
  const headers: Record<string, string> = {};
  const reply = { header: (name: string, value: string) => (headers[name] = value) };
  setRetryAfter(reply as unknown as FastifyReply, status, error);
  return headers["retry-after"];
}

describe("Retry-After on Roster's 429s", () => {
  it("sends whole seconds, at least 1, from what the error knows, else 1", () => {
    expect(retryAfterOf(429, new AppError("rate_limited", { retryAfterSeconds: 14.2 }))).toBe("15");
    expect(retryAfterOf(429, new AppError("rate_limited", { retryAfterSeconds: 0.05 }))).toBe("1");
    expect(retryAfterOf(429, new AppError("rate_limited", { retryAfterSeconds: 0 }))).toBe("1");
    expect(retryAfterOf(429, new AppError("rate_limited"))).toBe("1");
    expect(retryAfterOf(429, new Error("framework's own 429"))).toBe("1");
    expect(retryAfterOf(502, new AppError("remote_error"))).toBeUndefined();
  });
});
