/** The simulated site must look like an Atlassian Cloud site. */
import { describe, expect, it } from "vitest";
import { startJsmSimulator } from "./index.ts";
import { checkSite } from "./site.ts";

describe("site", () => {
  it("accepts <name>.atlassian.net and refuses anything else", async () => {
    expect(checkSite("acme-2.atlassian.net")).toBe("acme-2.atlassian.net");
    for (const bad of [
      "Acme.atlassian.net",
      "acme.atlassian.net.evil.com",
      "https://acme.atlassian.net",
      "acme.jira.com",
      ".atlassian.net",
    ])
      expect(() => checkSite(bad)).toThrow(/atlassian\.net/);
    await expect(startJsmSimulator({ site: "evil.example" })).rejects.toThrow(/atlassian\.net/);
  });
});
