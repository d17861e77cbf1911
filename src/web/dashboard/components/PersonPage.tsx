import { useEffect, useRef } from "react";
import type { RosterApi } from "../api.ts";
import type { PersonHit, StoredGroup, StoredUser } from "../types.ts";
import { useLoad } from "../use-load.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

interface Membership {
  hit: PersonHit;
  user: StoredUser;
  teams: { id: string; name: string | null; role: string | null }[];
}

/**
 * A person across accounts: the same e-mail in every synced account, each with the person's teams and roles
 * there, read from the stored directory (`source=store`), so no provider is called.
 */
export function PersonPage({
  api,
  person,
  onBack,
}: {
  api: RosterApi;
  person: PersonHit;
  onBack: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const memberships = useLoad(
    () => loadMemberships(api, person),
    `person:${person.integrated_account_id}:${person.id}`,
  );
  return (
    <section aria-labelledby="person-name" className="person-page">
      <button type="button" className="link-button" onClick={onBack}>
        ← Back to results
      </button>
      <h2 id="person-name" tabIndex={-1} ref={heading}>
        {person.name ?? person.username ?? person.id}
      </h2>
      <p className="muted">{person.email ?? person.username}</p>
      {memberships.error && <ErrorNotice error={memberships.error} />}
      {!memberships.data && !memberships.error && <p className="muted">Loading…</p>}
      {memberships.data && (
        <ul className="cards">
          {memberships.data.map(({ hit, user, teams }) => (
            <li key={`${hit.integrated_account_id}:${user.id}`}>
              <article className="card" data-account-id={hit.integrated_account_id}>
                <h3>
                  {hit.integration} · {hit.tenant_id}
                </h3>
                <dl className="facts">
                  <dt>Username</dt>
                  <dd>{user.username ?? "–"}</dd>
                  <dt>Status</dt>
                  <dd>{user.status ?? "–"}</dd>
                  <dt>Roles</dt>
                  <dd data-field="roles">
                    {(user.roles ?? []).map((r) => r.name ?? r.id).join(", ") || "none"}
                  </dd>
                  <dt>Teams</dt>
                  <dd data-field="teams">
                    {teams.length === 0
                      ? "none"
                      : teams.map((t) => `${t.name ?? t.id}${t.role ? ` (${t.role})` : ""}`).join(", ")}
                  </dd>
                </dl>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

async function loadMemberships(api: RosterApi, person: PersonHit): Promise<Membership[]> {
  // The same person in other accounts: search hits with the same e-mail (case-insensitive).
  const email = person.email?.toLowerCase();
  const hits = email
    ? (await api.get<{ result: PersonHit[] }>("/search/users", { q: email, limit: 100 })).result.filter(
        (h) => h.email?.toLowerCase() === email,
      )
    : [];
  if (!hits.some((h) => h.integrated_account_id === person.integrated_account_id && h.id === person.id))
    hits.unshift(person);
  return Promise.all(hits.map((hit) => loadMembership(api, hit)));
}

async function loadMembership(api: RosterApi, hit: PersonHit): Promise<Membership> {
  const query = { integrated_account_id: hit.integrated_account_id, source: "store" };
  const user = await api.get<StoredUser>(
    `/unified/user-directory/users/${encodeURIComponent(hit.id)}`,
    query,
  );
  // Teams come from the stored groups' members: a provider's user record does not always list them.
  const groups = await api.all<StoredGroup>(
    "/unified/user-directory/groups",
    { ...query, include: "members", ignore_remote_data: "true", limit: 500 },
    10_000,
  );
  const teams = groups.flatMap((g) => {
    const member = g.members?.find((m) => m.id === hit.id);
    return member ? [{ id: g.id, name: g.name, role: member.role ?? null }] : [];
  });
  return { hit, user, teams };
}
