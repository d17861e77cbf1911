/**
 * Opaque cursors for the Teams and Admin APIs: base64url of `{scope, offset}`, so a cursor only works on the
 * list that issued it (a foreign or forged cursor is a 400, reference §7 "Foreign cursors").
 */

/** The cursor for `offset` within the list named `scope` (e.g. "members:<teamId>"). */
export function encodeCursor(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString("base64url");
}

/** The offset a cursor names, or undefined when it is malformed or was issued for another list. */
export function decodeCursor(cursor: string, scope: string): number | undefined {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { s?: unknown; o?: unknown };
    return v.s === scope && Number.isInteger(v.o) && (v.o as number) >= 0 ? (v.o as number) : undefined;
  } catch {
    return undefined;
  }
}
