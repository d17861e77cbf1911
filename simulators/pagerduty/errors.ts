/**
 * PagerDuty's error answers (reference §1.7): `{ error: { message, code, errors? } }`. Handlers throw these
 * HttpErrors; the dialect turns any HttpError into the envelope. Messages marked [unverified] in README.md
 * keep the documented envelope and code but their exact wording is a guess.
 */
import { HttpError } from "../kit/reply.ts";

/** 400, code 2001 "Invalid Input Provided", with one human-readable line per problem. */
export function invalidInput(...errors: string[]): HttpError {
  return new HttpError(400, "Invalid Input Provided", { code: 2001, errors });
}

/** 404, code 2100 "Not Found". */
export function notFound(): HttpError {
  return new HttpError(404, "Not Found", { code: 2100 });
}

/** 403, code 2010 "Access Denied", with the reason. */
export function accessDenied(reason: string): HttpError {
  return new HttpError(403, "Access Denied", { code: 2010, errors: [reason] });
}

/** 402, code 2014: the account lacks `ability` (plan-gated features such as teams or the audit trail). */
export function abilityMissing(ability: string): HttpError {
  return new HttpError(402, "Account does not have the abilities to perform the action", {
    code: 2014,
    errors: [`The account does not have the '${ability}' ability`],
  });
}

/** 400, code 2016: an account-level key wrote without naming the acting user in `From` (observed wording). */
export function fromRequired(): HttpError {
  return new HttpError(
    400,
    `You must specify a user's email address in the "From" header to perform this action`,
    { code: 2016 },
  );
}
