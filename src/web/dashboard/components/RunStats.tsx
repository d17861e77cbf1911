import type { RunStats as Stats } from "../types.ts";

/** A run's stats: records created, updated, deleted and unchanged, and provider requests made. */
export function RunStats({ stats, caption }: { stats: Stats; caption: string }) {
  const items: [string, number][] = [
    ["Created", stats.created],
    ["Updated", stats.updated],
    ["Deleted", stats.deleted],
    ["Unchanged", stats.unchanged],
    ["Requests", stats.requests],
  ];
  return (
    <figure className="stats">
      <figcaption className="small muted">{caption}</figcaption>
      <dl>
        {items.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-stat={label.toLowerCase()}>{value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
