import type { CredentialField, RosterError } from "./api.ts";

/** What the SDK receives (`roster:error`) when the link itself cannot be used. */
export type TokenErrorType = "invalid_token" | "expired_token" | "used_token";

const tokenErrorTypes: Record<string, TokenErrorType> = {
  invalid_link_token: "invalid_token",
  link_token_expired: "expired_token",
  link_token_used: "used_token",
};

/** The link is unusable (unknown, forged, expired or used): no retry on this page can help. */
export function tokenErrorType(error: RosterError): TokenErrorType | undefined {
  return Object.hasOwn(tokenErrorTypes, error.code) ? tokenErrorTypes[error.code] : undefined;
}

export interface ErrorCopy {
  heading: string;
  /** Replaces Roster's own message when it can be said in the form's words. */
  message?: string;
  /** What the person can do next, shown under Roster's own message. */
  hint?: string;
}

const askForNewLink =
  "Go back to the app that sent you here and start the connection again to get a new link.";

const copyByCode: Record<string, ErrorCopy> = {
  invalid_credentials: { heading: "The key was not accepted", hint: "Check that you copied the whole key." },
  insufficient_access: {
    heading: "The key does not have enough access",
    hint: "Give the key that access, or use another key, then try again.",
  },
  validation_failed: { heading: "Some details are missing or not valid" },
  provider_unreachable: {
    heading: "The provider could not be reached",
    hint: "This is usually temporary. Wait a moment and try again.",
  },
  provider_timeout: { heading: "The provider did not answer in time", hint: "Try again in a moment." },
  remote_error: { heading: "The provider answered with an error", hint: "Try again in a moment." },
  rate_limited: { heading: "Too many attempts", hint: "Wait a minute, then try again." },
  network_error: { heading: "Roster could not be reached" },
  invalid_link_token: { heading: "This link is not valid", hint: askForNewLink },
  link_token_expired: { heading: "This link has expired", hint: askForNewLink },
  link_token_used: {
    heading: "This link was already used",
    hint: `The account is probably connected already. ${askForNewLink}`,
  },
  oauth_denied: { heading: "Access was not granted", hint: "Continue again and approve the access." },
  oauth_error: { heading: "The provider's sign-in failed", hint: "Continue again, or enter a key instead." },
  oauth_state_invalid: { heading: "This sign-in cannot be used", hint: "Continue again from this page." },
  oauth_binding_mismatch: {
    heading: "The sign-in was finished in another browser",
    hint: "Continue again from this page, and approve in the window that opens.",
  },
  consent_closed: { heading: "The sign-in window was closed", hint: "Continue again when you are ready." },
  popup_blocked: {
    heading: "The sign-in window was blocked",
    hint: "Allow pop-ups for this site, or enter a key instead.",
  },
};

const unknownError: ErrorCopy = { heading: "Something went wrong", hint: "Try again in a moment." };

/** A refused field, as the API names it: `context.api_key: must not ...` (`body.` when the framework found it). */
const FIELD_ISSUE = /^(?:body\.)?context\.(\w+): (.+?)\.?$/s;

/** Words for a refusal; `fields` (the form's credential fields) let a refused field be named by its label. */
export function errorCopy(error: RosterError, fields: readonly CredentialField[] = []): ErrorCopy {
  const issue = error.code === "validation_failed" ? FIELD_ISSUE.exec(error.message) : null;
  const field = issue ? fields.find((candidate) => candidate.name === issue[1]) : undefined;
  if (issue && field) {
    return {
      heading: `Check the ${field.label}`,
      message: `The ${field.label} ${issue[2]}.`,
      hint: "Copy it again from where it was created and paste it as it is.",
    };
  }
  // The provider check says "choose region XX" when the key exists in another region: name that case.
  if (error.code === "invalid_credentials" && /choose region/i.test(error.message)) {
    return {
      heading: "This key belongs to another region",
      hint: "Pick that region in the form and submit again.",
    };
  }
  // Own keys only: a code such as "constructor" must not resolve to Object.prototype's members.
  return (Object.hasOwn(copyByCode, error.code) && copyByCode[error.code]) || unknownError;
}
