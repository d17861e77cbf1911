/** The connect page's calls to Roster (same origin, public, authorised by the link token alone). */

import type { CredentialField } from "../../core/provider/credential-field.ts";

export type { CredentialField };

export interface IntegrationOption {
  name: string;
  label: string;
  /** "key" (the credential fields) and, when the operator configured it, "oauth" (the provider's consent). */
  auth_methods: ("key" | "oauth")[];
  regions: string[];
  credentials: { fields: CredentialField[] };
  setup_steps: string[];
}

export interface LinkSession {
  integration: string | null;
  integrations: IntegrationOption[];
  reconnect: boolean;
  redirect_uri: string | null;
  origin: string | null;
  expires_at: string;
}

export interface ConnectedAccount {
  integrated_account_id: string;
  integration: string;
}

/** A refusal from Roster (its error envelope) or `network_error` when Roster could not be reached. */
export class RosterError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = "RosterError";
  }
}

const tokenPath = (token: string) => `/link-token/${encodeURIComponent(token)}`;

export function loadSession(token: string): Promise<LinkSession> {
  if (!token) return Promise.reject(new RosterError("invalid_link_token", "This link has no token."));
  return request<LinkSession>(`${tokenPath(token)}/session`, { method: "GET" });
}

export function connectAccount(
  token: string,
  integration: string,
  context: Record<string, string>,
): Promise<ConnectedAccount> {
  return request<ConnectedAccount>(`${tokenPath(token)}/connect`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ integration, context }),
  });
}

/** The provider's consent URL for this link; `mode` tells the callback page where the result goes. */
export function startOAuth(
  token: string,
  integration: string,
  mode: "popup" | "iframe" | "redirect",
): Promise<{ authorize_url: string }> {
  return request<{ authorize_url: string }>(`${tokenPath(token)}/oauth`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ integration, mode }),
  });
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    // no-store: a session must never come from a cache (the token may have been used meanwhile).
    response = await fetch(path, { ...init, cache: "no-store", credentials: "omit" });
  } catch {
    throw new RosterError(
      "network_error",
      "Roster could not be reached. Check your connection and try again.",
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  const envelope = (body ?? {}) as { code?: unknown; message?: unknown };
  throw new RosterError(
    typeof envelope.code === "string" ? envelope.code : "unexpected_error",
    typeof envelope.message === "string" ? envelope.message : `Roster answered ${response.status}.`,
    response.status,
  );
}
