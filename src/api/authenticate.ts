import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { AppError } from "../core/errors.ts";
import type { ApiTokenRepository } from "../store/api-tokens.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The environment of the bearer token; every query a route makes is scoped to it. */
    environmentId: string;
  }
}

export interface AuthenticatorOptions {
  tokens: ApiTokenRepository;
  adminToken?: string;
  defaultEnvironmentId: string;
}

/** Bearer authentication: ROSTER_ADMIN_TOKEN (default environment) or a stored token, compared in constant time. */
export function createAuthenticator(options: AuthenticatorOptions) {
  const adminDigest = options.adminToken ? digest(options.adminToken) : undefined;
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw new AppError("unauthorized");
    const token = match[1];
    if (adminDigest && timingSafeEqual(adminDigest, digest(token))) {
      request.environmentId = options.defaultEnvironmentId;
      return;
    }
    // Stored tokens are looked up by their SHA-256, so no comparison of secrets happens in JavaScript.
    const environmentId = await options.tokens.environmentOf(token);
    if (!environmentId) throw new AppError("unauthorized", { message: "The bearer token is not valid." });
    request.environmentId = environmentId;
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
