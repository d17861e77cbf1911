/**
 * Looks `key` up as an own property of `record` only. A name that comes from a request (a resource, a
 * category, a region, a filter, an error code) must never resolve to something inherited from
 * Object.prototype, such as `constructor`, `__proto__` or `hasOwnProperty`. Returns undefined otherwise.
 */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
