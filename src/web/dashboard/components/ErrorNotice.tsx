import { RosterError } from "../api.ts";

/** An error in words, with Roster's code for reference; announced to screen readers as it appears. */
export function ErrorNotice({ error, id }: { error: Error; id?: string }) {
  const code = error instanceof RosterError ? error.code : "unexpected_error";
  return (
    <div className="notice error" role="alert" id={id} data-error-code={code}>
      <p>{error.message}</p>
      <p className="muted small">Code: {code}</p>
    </div>
  );
}
