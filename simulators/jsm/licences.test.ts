/** Seats: the jira-servicedesk application role counts active JSM agents against the seats bought. */
import { describe, expect, it } from "vitest";
import { call, useSimulator } from "./test-helpers.ts";

const ROLE = "/rest/api/3/applicationrole/jira-servicedesk";

describe("seats", () => {
  const sim = useSimulator({ seed: 10, users: 50, teams: 2, seats: 60 });

  it("userCount follows agents added and deactivated; remainingSeats = numberOfSeats - userCount", async () => {
    const before = (await call(sim(), ROLE)).json;
    expect(before).toMatchObject({ key: "jira-servicedesk", numberOfSeats: 60, hasUnlimitedSeats: false });
    expect(before.remainingSeats).toBe(60 - before.userCount);
    const added = sim().addUser({ name: "New Agent" });
    sim().addUser({ name: "Business User", agent: false });
    const after = (await call(sim(), ROLE)).json;
    expect(after.userCount).toBe(before.userCount + 1);
    expect(after.remainingSeats).toBe(before.remainingSeats - 1);
    sim().updateUser(added.accountId, { active: false });
    expect((await call(sim(), ROLE)).json.userCount).toBe(before.userCount);
  });

  it("userCount equals the active people whose /user shows the jira-servicedesk role", async () => {
    const people = (await call(sim(), "/rest/api/3/users/search?maxResults=1000")).json.filter(
      (u: { accountType: string; active: boolean }) => u.accountType === "atlassian" && u.active,
    );
    let agents = 0;
    for (const u of people) {
      const one = await call(
        sim(),
        `/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}&expand=applicationRoles`,
      );
      if (one.json.applicationRoles.items.some((r: { key: string }) => r.key === "jira-servicedesk"))
        agents++;
    }
    expect((await call(sim(), ROLE)).json.userCount).toBe(agents);
    expect((await call(sim(), "/rest/api/3/applicationrole")).json).toHaveLength(1);
    expect((await call(sim(), "/rest/api/3/applicationrole/jira-software")).status).toBe(404);
  });
});

describe("unlimited seats", () => {
  const sim = useSimulator({ seed: 11, users: 5, teams: 1, seats: null });

  it("reports hasUnlimitedSeats", async () => {
    const role = (await call(sim(), ROLE)).json;
    expect(role).toMatchObject({ hasUnlimitedSeats: true, numberOfSeats: -1, remainingSeats: -1 });
    expect(role.userCount).toBeGreaterThan(0);
  });
});
