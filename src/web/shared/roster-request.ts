/** An answer of Roster's other than 2xx, in Roster's error shape (`code`, `message`), or a network failure. */
export class RosterError extends Error {
  constructor(
    /** Roster's error `code`; `network_error` when Roster could not be reached, `unexpected_error` without one. */
    readonly code: string,
    message: string,
    /** The HTTP status; 0 when no answer came. */
    readonly status = 0,
  ) {
    super(message);
    this.name = "RosterError";
  }
}

/**
 * Calls Roster's API from a page on its own origin and returns the parsed JSON body of a 2xx answer. Never
 * cached (a link session or a sync run must never come from a cache) and without cookies (the pages
 * authenticate with a link token or an API token, nothing ambient). Throws RosterError otherwise.
 */
export async function rosterRequest<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, cache: "no-store", credentials: "omit" });
  } catch {
    throw new RosterError(
      "network_error",
      "Roster could not be reached. Check the connection and try again.",
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
