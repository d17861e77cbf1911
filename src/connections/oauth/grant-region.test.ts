import { describe, expect, it } from "vitest";
import { findProvider } from "../../providers/index.ts";
import { grantRegion } from "./grant-region.ts";

// A token endpoint's answer as PagerDuty sends it (developer-docs 10-Act-as-User-OAuth-PKCE.md), the ID token
// carrying only what the region is read from; the signature segment is never read.
const answer = (claims: unknown) => ({
  access_token: "pdus+_at",
  scope: "openid users.read",
  id_token: `${segment({ alg: "RS256" })}.${segment(claims)}.c2ln`,
});
const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("grantRegion", () => {
  const pagerduty = findProvider("pagerduty");
  if (!pagerduty) throw new Error("pagerduty is not declared");

  it("takes the region the ID token's aud names, also over a reconnected account's region", () => {
    const eu = answer({ aud: ["https://api.eu.pagerduty.com", "client-1"] });
    expect(grantRegion(pagerduty, eu, undefined)).toBe("eu");
    expect(grantRegion(pagerduty, eu, "us")).toBe("eu");
    expect(grantRegion(pagerduty, answer({ aud: "https://api.pagerduty.com" }), "eu")).toBe("us");
  });

  it("keeps the reconnected account's region, else the first one, when the answer does not tell", () => {
    const none = { access_token: "pdus+_at" };
    expect(grantRegion(pagerduty, none, "eu")).toBe("eu");
    expect(grantRegion(pagerduty, none, undefined)).toBe("us");
    expect(grantRegion(pagerduty, { ...none, id_token: "not-a-jwt" }, "eu")).toBe("eu");
    expect(grantRegion(pagerduty, { ...none, id_token: "a.%%%.c" }, undefined)).toBe("us");
  });

  it("never takes a host from the token: an aud naming another URL changes nothing", () => {
    const elsewhere = answer({
      aud: ["https://api.eu.pagerduty.com.attacker.example", "http://127.0.0.1:1"],
    });
    expect(grantRegion(pagerduty, elsewhere, "eu")).toBe("eu");
    expect(grantRegion(pagerduty, elsewhere, undefined)).toBe("us");
  });
});
