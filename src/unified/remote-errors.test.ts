import { describe, expect, it } from "vitest";
import { ProviderHttpError } from "../core/provider.ts";
import { toRemoteAppError } from "./remote-errors.ts";

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
