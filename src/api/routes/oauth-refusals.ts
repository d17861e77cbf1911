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
