import { type Dispatcher, request } from "undici";
import { AppError } from "../../core/errors.ts";
import type { OAuthClient } from "./oauth-client.ts";
import { type TokenResponse, tokenResponseSchema } from "./token-set.ts";

/** The authorization server refused the grant (RFC 6749 §5.2), e.g. `invalid_grant` for a revoked refresh token. */
export class OAuthGrantRefused extends Error {
  override name = "OAuthGrantRefused";
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(`The authorization server refused the grant: ${error}${description ? ` (${description})` : ""}`);
  }
}

/** How token-endpoint calls go out: their connection pool, and how long one may take in all (ms). */
export interface TokenTransport {
  /** An explicit undici dispatcher, never the global one. */
  dispatcher: Dispatcher;
  /** Connecting, sending and reading the whole answer together; then the call is abandoned. */
  timeoutMs: number;
}

/**
 * One call to the token endpoint (`grant_type` authorization_code or refresh_token) with the client's id and
 * secret in the body (`client_secret_post`, RFC 6749 §2.3.1, what the declared providers document), as JSON or a form
 * per the provider's `tokenBody`. Never retried: a refresh token may be single-use.
 * Throws OAuthGrantRefused for an RFC 6749 error answer (4xx with `error`), AppError `provider_unreachable`
 * when the server cannot be reached, does not answer in full within `transport.timeoutMs`, fails (5xx) or
 * answers something that is not a token.
 */
export async function callTokenEndpoint(
  client: OAuthClient,
  params: Record<string, string>,
  transport: TokenTransport,
): Promise<TokenResponse> {
  const fields = { ...params, client_id: client.clientId, client_secret: client.clientSecret };
  const json = client.spec.tokenBody === "json";
  // undici's own timeouts bound each phase (a trickling answer resets bodyTimeout); this bounds the whole call.
  const signal = AbortSignal.timeout(transport.timeoutMs);
  let status: number;
  let text: string;
  try {
    const res = await request(`${client.baseUrl}${client.spec.tokenPath}`, {
      method: "POST",
      dispatcher: transport.dispatcher,
      headers: {
        accept: "application/json",
        "content-type": json ? "application/json" : "application/x-www-form-urlencoded",
      },
      body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
      headersTimeout: transport.timeoutMs,
      bodyTimeout: transport.timeoutMs,
      signal,
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (error) {
    const seconds = Math.round(transport.timeoutMs / 100) / 10;
    throw new AppError("provider_unreachable", {
      message:
        signal.aborted || isTimeout(error)
          ? `${client.provider.label}'s authorization server did not answer within ${seconds} s. Try again later.`
          : `${client.provider.label}'s authorization server could not be reached. Try again later.`,
    });
  }
  const body = parseJson(text);
  if (status >= 400 && status < 500 && body && typeof body.error === "string") {
    const description = typeof body.error_description === "string" ? body.error_description : undefined;
    throw new OAuthGrantRefused(status, body.error, description);
  }
  const token = status >= 200 && status < 300 ? tokenResponseSchema.safeParse(body) : undefined;
  if (!token?.success)
    throw new AppError("provider_unreachable", {
      message: `${client.provider.label}'s authorization server failed (${status}). Try again later.`,
    });
  return token.data;
}

/** undici's per-phase timeouts (the same length as the whole call's, so rarely first). */
function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT";
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
