import { describe, expect, it } from "vitest";
import type { Role } from "../core/models/index.ts";
import { matchRecords } from "./migration-match.ts";

const user = (id: string, ...emails: string[]) => ({
  id,
  emails: emails.map((email, i) => ({ email, is_primary: i === 0 })),
});
const named = (id: string, name: string) => ({ id, name });
const role = (id: string, name: string, type: Role["type"]): Role => ({ id, name, type, remote_data: {} });
const noRoles = () => undefined;

describe("matchRecords", () => {
  it("matches users by primary e-mail whatever its case; users without an e-mail stay unmatched", () => {
    const matches = matchRecords(
      "users",
      [user("og-1", "Ada@Example.com"), user("og-2"), user("og-3", "bob@example.com")],
      [user("557058:a", "ada@example.COM"), user("557058:b"), user("557058:c", "carol@example.com")],
      noRoles,
    );
    expect(matches).toEqual([{ previous_id: "og-1", id: "557058:a", matched_by: "email" }]);
  });

  it("matches on the primary e-mail only, not a secondary one", () => {
    const matches = matchRecords(
      "users",
      [user("og-1", "ada@example.com")],
      [user("557058:a", "other@example.com", "ada@example.com")],
      noRoles,
    );
    expect(matches).toEqual([]);
  });

  it("matches groups by exact name and never guesses a name held twice on either side", () => {
    const matches = matchRecords(
      "groups",
      [named("t1", "Payments"), named("t2", "Ops"), named("t3", "Ops"), named("t4", "Web")],
      [named("a1", "Payments"), named("a2", "Ops"), named("a3", "web"), named("a4", "Infra")],
      noRoles,
    );
    expect(matches).toEqual([{ previous_id: "t1", id: "a1", matched_by: "name" }]);
    const twiceAfter = matchRecords(
      "groups",
      [named("t1", "Ops")],
      [named("a1", "Ops"), named("a2", "Ops")],
      noRoles,
    );
    expect(twiceAfter).toEqual([]);
  });

  it("matches roles by the name the successor's mapping gives; a role mapped to nothing stays unmatched", () => {
    const previous = [
      role("Owner", "Owner", "builtin"),
      role("Admin", "Admin", "builtin"),
      role("User", "User", "builtin"),
      role("Observer", "Observer", "builtin"),
      role("Stakeholder", "Stakeholder", "builtin"),
      role("og-custom", "Escalation manager", "custom"),
    ];
    const next = [
      role("product-admin", "Product admin", "builtin"),
      role("operations-global-admin", "Operations global admin", "builtin"),
      role("operations-user", "User", "builtin"),
      role("agent", "Agent", "builtin"),
      role("stakeholder", "Stakeholder", "builtin"),
      role("jsm-custom", "Escalation manager", "custom"),
    ];
    const targets: Record<string, string> = {
      Owner: "Product admin",
      Admin: "Operations global admin",
      User: "User",
      Stakeholder: "Stakeholder",
    };
    const matches = matchRecords("roles", previous, next, (r) =>
      r.type === "custom" ? r.name : targets[r.id],
    );
    expect(new Map(matches.map((m) => [m.previous_id, m.id]))).toEqual(
      new Map([
        ["Owner", "product-admin"],
        ["Admin", "operations-global-admin"],
        ["User", "operations-user"],
        ["Stakeholder", "stakeholder"],
        ["og-custom", "jsm-custom"],
      ]),
    );
    expect(matches.every((m) => m.matched_by === "role")).toBe(true);
  });

  it("matches nothing for resources that are not matched across a migration", () => {
    expect(matchRecords("licenses", [named("l", "x")], [named("m", "x")], noRoles)).toEqual([]);
  });
});
