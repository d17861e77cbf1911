/** The connect page's calls to Roster (same origin, public, authorised by the link token alone). */
import type { CredentialField } from "../../core/provider/credential-field.ts";
import { RosterError, rosterRequest } from "../shared/roster-request.ts";

export type { CredentialField };
export { RosterError };

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

const tokenPath = (token: string) => `/link-token/${encodeURIComponent(token)}`;

export function loadSession(token: string): Promise<LinkSession> {
  if (!token) return Promise.reject(new RosterError("invalid_link_token", "This link has no token."));
  return rosterRequest<LinkSession>(`${tokenPath(token)}/session`, { method: "GET" });
}

export function connectAccount(
  token: string,
  integration: string,
  context: Record<string, string>,
): Promise<ConnectedAccount> {
  return rosterRequest<ConnectedAccount>(`${tokenPath(token)}/connect`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ integration, context }),
  });
}

/**
 * The provider's consent URL for this link, and the one-time `binding` that lets only this browser finish
 * the sign-in (see oauth-binding.ts); `mode` tells the callback page where the result goes.
 */
export function startOAuth(
  token: string,
  integration: string,
  mode: "popup" | "iframe" | "redirect",
): Promise<{ authorize_url: string; binding: string }> {
  return rosterRequest<{ authorize_url: string; binding: string }>(`${tokenPath(token)}/oauth`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ integration, mode }),
  });
}
