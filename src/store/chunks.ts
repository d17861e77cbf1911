/** Splits rows for multi-row statements: SQLite and PostgreSQL both cap the parameters of one statement. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
