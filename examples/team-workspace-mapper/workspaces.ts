import { readJsonFile, writeJsonFile } from "../shared/json-file.ts";

/** A workspace of the product, kept in step with one team of one integrated account. */
export interface Workspace {
  /** The product's id of the workspace: `<integrated account id>/<team id>`. */
  id: string;
  integrated_account_id: string;
  team_id: string;
  name: string;
  /** The team is gone: the workspace is kept, read-only, rather than deleted. */
  archived: boolean;
  /** User ids of the team's members, sorted. */
  members: string[];
}

/** A team as the mapper needs it: the unified Group's id, name and (when read with them) members. */
export interface TeamView {
  id: string;
  name: string | null;
  members?: { id: string }[];
}

/**
 * The product's workspaces, in a JSON file (`{ "workspaces": [...] }`, sorted by id). Every change is written
 * at once, whole. Each operation is idempotent: Roster delivers at least once, and a reconcile may overlap with
 * events that were already in flight.
 */
export class Workspaces {
  private readonly byId: Map<string, Workspace>;

  constructor(private readonly file: string) {
    const stored = readJsonFile<{ workspaces: Workspace[] }>(file, { workspaces: [] });
    this.byId = new Map(stored.workspaces.map((w) => [w.id, w]));
  }

  list(): Workspace[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(account: string, teamId: string): Workspace | undefined {
    return this.byId.get(`${account}/${teamId}`);
  }

  /** Creates the team's workspace, or renames and un-archives it; sets the members when the team has them. */
  upsert(account: string, team: TeamView): Workspace {
    const id = `${account}/${team.id}`;
    const workspace = this.byId.get(id) ?? {
      id,
      integrated_account_id: account,
      team_id: team.id,
      name: team.name ?? team.id,
      archived: false,
      members: [],
    };
    if (team.name) workspace.name = team.name;
    workspace.archived = false;
    if (team.members) workspace.members = [...new Set(team.members.map((m) => m.id))].sort();
    this.byId.set(id, workspace);
    this.save();
    return workspace;
  }

  rename(account: string, team: TeamView): void {
    const workspace = this.get(account, team.id);
    if (!workspace) {
      this.upsert(account, team);
      return;
    }
    if (team.name) workspace.name = team.name;
    this.save();
  }

  archive(account: string, teamId: string): void {
    const workspace = this.get(account, teamId);
    if (!workspace || workspace.archived) return;
    workspace.archived = true;
    this.save();
  }

  addMember(account: string, team: TeamView, userId: string): void {
    const workspace = this.get(account, team.id) ?? this.upsert(account, { id: team.id, name: team.name });
    if (!workspace.members.includes(userId)) workspace.members = [...workspace.members, userId].sort();
    this.save();
  }

  removeMember(account: string, teamId: string, userId: string): void {
    const workspace = this.get(account, teamId);
    if (!workspace) return;
    workspace.members = workspace.members.filter((m) => m !== userId);
    this.save();
  }

  /** A team got a new id (an account migrated to its successor provider): its workspace follows it. */
  rekey(account: string, previousTeamId: string, team: TeamView): void {
    const previous = this.get(account, previousTeamId);
    if (previous) this.byId.delete(previous.id);
    const workspace = this.upsert(account, { members: previous?.members.map((id) => ({ id })), ...team });
    workspace.archived = false;
    this.save();
  }

  /**
   * Makes the account's workspaces exactly its teams: one per team with the team's name and members, and the
   * workspaces of teams that are gone archived. Returns how many workspaces changed.
   */
  reconcile(account: string, teams: readonly TeamView[]): number {
    const before = JSON.stringify(this.list());
    const seen = new Set<string>();
    for (const team of teams) {
      seen.add(this.upsert(account, { ...team, members: team.members ?? [] }).id);
    }
    for (const workspace of this.byId.values())
      if (workspace.integrated_account_id === account && !seen.has(workspace.id)) workspace.archived = true;
    this.save();
    const after = this.list();
    const was = new Map((JSON.parse(before) as Workspace[]).map((w) => [w.id, JSON.stringify(w)]));
    return after.filter((w) => was.get(w.id) !== JSON.stringify(w)).length;
  }

  private save(): void {
    writeJsonFile(this.file, { workspaces: this.list() });
  }
}
