import type { RosterApi } from "../api.ts";
import { accountLabel, formatTime, noun, seatsText } from "../format.ts";
import type { Account, SeatPoint } from "../types.ts";
import { useLoad } from "../use-load.ts";
import { AccountTitle } from "./AccountTitle.tsx";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { SeatChart } from "./SeatChart.tsx";
import { SeatTable } from "./SeatTable.tsx";

/** Most points one card reads: about a year of hourly syncs would be 8760; a chart needs far fewer. */
const MAX_POINTS = 1000;

/** One account's seats: the latest figures and the history (GET /integrated-account/{id}/seat-history). */
export function SeatCard({ api, account }: { api: RosterApi; account: Account }) {
  const history = useLoad(
    () =>
      api
        .all<SeatPoint>(`/integrated-account/${account.id}/seat-history`, { limit: 1000 }, MAX_POINTS)
        .then((points) => points.reverse()),
    `seats:${account.id}`,
  );
  const points = history.data;
  const latest = points?.at(-1);
  const titleId = `seats-${account.id}`;
  return (
    <article className="card" aria-labelledby={`${titleId} ${titleId}-ref`} data-account-id={account.id}>
      <header className="card-head">
        <AccountTitle account={account} id={titleId} />
      </header>
      {history.error && <ErrorNotice error={history.error} />}
      {points && !latest && (
        <p className="muted">No seat figures yet: they are recorded by each completed sync.</p>
      )}
      {latest && (
        <>
          <p className="seats-now">
            <span className="big" data-field="seats-now">
              {seatsText(latest.seats_used, latest.seats_available)}
            </span>{" "}
            <span className="muted small">
              {noun(latest.seats_available ?? latest.seats_used ?? 0, "seat", "seats")} used · as of{" "}
              {formatTime(latest.created_at)}
            </span>
          </p>
          <SeatChart points={points ?? []} label={`Seats of ${accountLabel(account)}`} />
          <SeatTable points={points ?? []} />
        </>
      )}
    </article>
  );
}
