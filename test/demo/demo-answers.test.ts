import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoAnswers, recordedDir } from "./demo-requests.ts";

/** The answers were recorded before the restructuring into connections/events/directory (commit 3b1bc2f). */
describe("the demo's printed curl commands", () => {
  it("answer the same bytes as recorded", async () => {
    const answers = await demoAnswers();
    for (const [name, body] of Object.entries(answers)) {
      expect(body, name).toBe(fs.readFileSync(path.join(recordedDir, `${name}.txt`), "utf8"));
    }
    expect(Object.keys(answers)).toEqual(["users", "groups", "account", "pagerduty-users"]);
  });
});
