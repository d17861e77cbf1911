import { describe, expect, it } from "vitest";
import { GrantError, Grants } from "./grants.ts";

const policy = {
  accessTtlSeconds: 3600,
  codeTtlSeconds: 600,
  rotate: true,
  reuseLeewaySeconds: 600,
  refreshScope: "offline_access",
  tokenPrefix: "t_",
};

function setup() {
  let now = 1_000_000;
  const grants = new Grants(policy, () => now);
  const code = () =>
    grants.issueCode({ clientId: "c", redirectUri: "http://x/cb", scope: "read offline_access" });
  return { grants, code, advance: (s: number) => (now += s * 1000) };
}

describe("simulated OAuth grants", () => {
  it("codes are single use; a replayed code revokes the grant it gave", () => {
    const { grants, code } = setup();
    const value = code();
    const tokens = grants.grant(grants.redeem(value));
    expect(grants.validAccessToken(tokens.access_token)).toBe(true);
    expect(() => grants.redeem(value)).toThrow(GrantError);
    expect(grants.validAccessToken(tokens.access_token)).toBe(false);
  });

  it("rotates refresh tokens; an old one works inside the leeway, and after it revokes the whole grant", () => {
    const { grants, code, advance } = setup();
    const first = grants.grant(grants.redeem(code()));
    const second = grants.refresh(first.refresh_token ?? "");
    expect(second.refresh_token).not.toBe(first.refresh_token);
    advance(60);
    expect(grants.refresh(first.refresh_token ?? "").access_token).toBeTruthy();
    advance(600);
    expect(() => grants.refresh(first.refresh_token ?? "")).toThrow(GrantError);
    expect(grants.validAccessToken(second.access_token)).toBe(false);
    expect(() => grants.refresh(second.refresh_token ?? "")).toThrow(GrantError);
    expect(grants.refreshCount).toBe(2);
  });

  it("access tokens expire with the clock; no refresh token without the refresh scope", () => {
    const { grants, advance } = setup();
    const tokens = grants.grant(
      grants.redeem(grants.issueCode({ clientId: "c", redirectUri: "http://x/cb", scope: "read" })),
    );
    expect(tokens.refresh_token).toBeUndefined();
    advance(3600);
    expect(grants.validAccessToken(tokens.access_token)).toBe(false);
  });
});
