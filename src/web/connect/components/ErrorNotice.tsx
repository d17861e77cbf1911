import type { Ref } from "react";
import type { CredentialField, RosterError } from "../api.ts";
import { errorCopy } from "../error-copy.ts";

/** A refusal in words a person understands: a heading per kind of error, Roster's message, what to do next. */
export function ErrorNotice({
  error,
  fields,
  ref,
}: {
  error: RosterError;
  /** The form's fields, so a refused field is named by its label. */
  fields?: readonly CredentialField[];
  ref?: Ref<HTMLDivElement>;
}) {
  const copy = errorCopy(error, fields);
  return (
    <div className="notice notice-error" role="alert" tabIndex={-1} ref={ref} data-error-code={error.code}>
      <h2 className="notice-heading">{copy.heading}</h2>
      <p>{copy.message ?? error.message}</p>
      {copy.hint ? <p className="notice-hint">{copy.hint}</p> : null}
    </div>
  );
}
