/**
 * Reads a dotted path ("paging.next") from a parsed JSON value. An empty path returns the value itself,
 * so a provider whose body is a bare array can say `itemsPath: ""`.
 */
export function getPath(value: unknown, path: string): unknown {
  if (path === "") return value;
  let current: unknown = value;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    // Own properties only: a path from configuration must never reach the prototype chain.
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
