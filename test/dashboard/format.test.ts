import { describe, expect, it } from "vitest";
import { accountLabel, countOf, shortId } from "../../src/web/dashboard/format.ts";

describe("the dashboard's words", () => {
  it("puts a count's noun in the right number", () => {
    expect(countOf(1, "sync", "syncs")).toBe("1 sync");
    expect(countOf(0, "sync", "syncs")).toBe("0 syncs");
    expect(countOf(2, "attempt", "attempts")).toBe("2 attempts");
  });

  it("names two accounts of one provider and tenant apart, by how they were linked and a short id", () => {
    const key = { id: "acc_0123456789abcdef0123456789abcdef", integration: "opsgenie", tenant_id: "acme" };
    expect(shortId(key.id)).toBe("acc_01234567…");
    expect(shortId("acc_short")).toBe("acc_short");
    expect(accountLabel({ ...key, auth_method: "key" })).toBe("opsgenie · acme · API key · acc_01234567…");
    expect(accountLabel({ ...key, id: "acc_fedcba9876543210", auth_method: "oauth" })).toBe(
      "opsgenie · acme · OAuth · acc_fedcba98…",
    );
  });
});
