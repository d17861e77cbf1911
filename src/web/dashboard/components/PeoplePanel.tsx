import { type FormEvent, useState } from "react";
import type { RosterApi } from "../api.ts";
import type { PersonHit } from "../types.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { PersonPage } from "./PersonPage.tsx";

/** People search across every synced account (GET /search/users), and a person's page. */
export function PeoplePanel({ api }: { api: RosterApi }) {
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<PersonHit[] | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [person, setPerson] = useState<PersonHit | undefined>();

  async function search(event: FormEvent) {
    event.preventDefault();
    if (!q.trim()) return;
    setError(undefined);
    setPerson(undefined);
    try {
      const page = await api.get<{ result: PersonHit[] }>("/search/users", { q: q.trim(), limit: 50 });
      setHits(page.result);
    } catch (e) {
      setError(e as Error);
    }
  }

  if (person) return <PersonPage api={api} person={person} onBack={() => setPerson(undefined)} />;
  return (
    <section aria-label="People search">
      <search>
        <form className="search" onSubmit={search}>
          <label htmlFor="people-q">Name, username or e-mail</label>
          <div className="row">
            <input id="people-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            <button type="submit" className="primary">
              Search
            </button>
          </div>
          <p className="small muted">Searches the synced directory of every account.</p>
        </form>
      </search>
      {error && <ErrorNotice error={error} />}
      {hits && hits.length === 0 && <p className="muted">Nobody found.</p>}
      {hits && hits.length > 0 && (
        <ul className="people" aria-label="Search results">
          {hits.map((hit) => (
            <li key={`${hit.integrated_account_id}:${hit.id}`}>
              <button type="button" className="person" onClick={() => setPerson(hit)}>
                <span className="name">{hit.name ?? hit.username ?? hit.id}</span>
                <span className="small muted">
                  {hit.email ?? hit.username} · {hit.integration} · {hit.tenant_id}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
