import { describe, expect, it } from "vitest";
import { isAppError } from "../core/errors.ts";
import { ProviderHttpError } from "../core/provider/contract.ts";
import { remoteMessage, toRemoteAppError } from "./remote-errors.ts";

describe("remote error messages", () => {
  it("reads each envelope style at the paths a provider declares", () => {
    expect(remoteMessage({ message: "Team not found" })).toBe("Team not found");
    expect(
      remoteMessage({ error: { message: "Invalid Input Provided", errors: ["Offset too large"] } }, [
        "error.message",
      ]),
    ).toBe("Invalid Input Provided");
    expect(remoteMessage({ errors: [{ title: "Forbidden" }] }, ["errors.0.title"])).toBe("Forbidden");
    expect(remoteMessage({ errorMessages: ["No user", "Try again"] }, ["errorMessages"])).toBe(
      "No user; Try again",
    );
    expect(remoteMessage({ errorMessages: [] }, ["errorMessages", "message"])).toBeUndefined();
    const joined = [["error.message", "error.errors"]] as const;
    expect(
      remoteMessage(
        { error: { message: "Invalid Input Provided", errors: ["Offset too large", "Bad"] } },
        joined,
      ),
    ).toBe("Invalid Input Provided: Offset too large; Bad");
    // `errors` sometimes comes as one string; an envelope without it keeps its message alone.
    expect(remoteMessage({ error: { message: "Invalid Input Provided", errors: "Oops" } }, joined)).toBe(
      "Invalid Input Provided: Oops",
    );
    expect(remoteMessage({ error: { message: "Not Found", code: 2100 } }, joined)).toBe("Not Found");
    expect(remoteMessage({ error: {} }, joined)).toBeUndefined();
    expect(remoteMessage("<html>", ["message"])).toBeUndefined();
  });

  it("puts the provider's message in the caller's error", () => {
    const error = toRemoteAppError(new ProviderHttpError(422, { errorMessages: ["Site is read-only"] }, {}), {
      label: "Example",
      errorMessagePaths: ["errorMessages"],
      rateLimits: { defaultDomain: "rest", defaults: {} },
    });
    expect(isAppError(error) && error.message).toBe("Example answered 422: Site is read-only");
  });
});

describe("a provider's 403", () => {
  it("is insufficient_access with the provider's reason and what was refused", () => {
    const error = toRemoteAppError(
      new ProviderHttpError(
        403,
        { error: { message: "Access Denied", errors: ["Role may not list users"] } },
        {},
      ),
      {
        label: "Example",
        errorMessagePaths: [["error.message", "error.errors"]],
        rateLimits: { defaultDomain: "rest", defaults: {} },
      },
      "listing users",
    );
    expect(error).toMatchObject({
      code: "insufficient_access",
      status: 403,
      message: expect.stringMatching(
        /^Example refused listing users \(403\): Access Denied: Role may not list users\./,
      ),
      remote: { status: 403 },
    });
  });
});

const provider = {
  label: "Opsgenie",
  rateLimits: {
    defaultDomain: "configuration",
    defaults: {},
    retryAfterHeaders: ["retry-after", "x-period"],
  },
};

describe("a provider's 429 relayed after retries", () => {
  it("keeps the wait the provider asked for, from the headers its definition names", () => {
    const now = Date.now();
    const cases: [Record<string, string>, number | undefined][] = [
      [{ "retry-after": "30" }, 30],
      [{ "x-period": "60" }, 60],
      [{ "retry-after": new Date(now + 90_000).toUTCString() }, 90],
      [{}, undefined],
    ];
    for (const [headers, seconds] of cases) {
      const error = toRemoteAppError(new ProviderHttpError(429, { message: "slow down" }, headers), provider);
      expect(error).toMatchObject({ code: "rate_limited", status: 429 });
      const known = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (seconds === undefined) expect(known).toBeUndefined();
      else expect(known).toBeCloseTo(seconds, -1);
    }
  });
});
