import { countOf, formatNumber, formatTime } from "../format.ts";
import type { SeatPoint } from "../types.ts";

/** The chart's figures as a table, newest first. */
export function SeatTable({ points }: { points: SeatPoint[] }) {
  return (
    <details className="seat-table">
      <summary>Figures as a table ({countOf(points.length, "sync", "syncs")})</summary>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Seats used and available after each sync</caption>
          <thead>
            <tr>
              <th scope="col">Synced at</th>
              <th scope="col">Seats used</th>
              <th scope="col">Seats available</th>
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map((p) => (
              <tr key={p.id} data-run-id={p.sync_job_run_id}>
                <td>{formatTime(p.created_at)}</td>
                <td data-field="used">{formatNumber(p.seats_used)}</td>
                <td data-field="available">{formatNumber(p.seats_available)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
