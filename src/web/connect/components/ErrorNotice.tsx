import type { Ref } from "react";
import type { RosterError } from "../api.ts";
import { errorCopy } from "../error-copy.ts";

/** A refusal in words a person understands: a heading per kind of error, Roster's message, what to do next. */
export function ErrorNotice({ error, ref }: { error: RosterError; ref?: Ref<HTMLDivElement> }) {
  const copy = errorCopy(error);
  return (
    <div className="notice notice-error" role="alert" tabIndex={-1} ref={ref} data-error-code={error.code}>
      <h2 className="notice-heading">{copy.heading}</h2>
      <p>{error.message}</p>
      {copy.hint ? <p className="notice-hint">{copy.hint}</p> : null}
    </div>
  );
}
