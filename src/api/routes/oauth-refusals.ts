import { AppError } from "../../core/errors.ts";
import type { LinkToken } from "../../store/link-tokens.ts";
import type { OAuthStateRefusal } from "../../store/oauth-states.ts";

/** Appended to every refusal of an OAuth answer: what the person can do next. */
export const START_AGAIN = "Go back to the connect page and start again, or ask for a new link.";

/** Why a `state` cannot be used, in plain words. */
export function stateRefusalMessage(reason: OAuthStateRefusal | "missing"): string {
  switch (reason) {
    case "missing":
      return `The answer carries no state. ${START_AGAIN}`;
    case "used":
      return `This sign-in answer was already used. ${START_AGAIN}`;
    case "expired":
      return `This sign-in took too long and has expired. ${START_AGAIN}`;
    case "unknown":
      return `This sign-in answer was not started by Roster. ${START_AGAIN}`;
  }
}

/**
 * The link token behind a state, if it can still be used (the connect page's rules).
 * Throws AppError `invalid_link_token` (404, gone), `link_token_used` or `link_token_expired` (410).
 */
export function usableLink(link: LinkToken | undefined): LinkToken {
  if (!link) throw new AppError("invalid_link_token");
  if (link.used_at) throw new AppError("link_token_used");
  if (Date.parse(link.expires_at) <= Date.now()) throw new AppError("link_token_expired");
  return link;
}
