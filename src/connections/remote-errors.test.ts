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
    expect(remoteMessage("<html>", ["message"])).toBeUndefined();
  });

  it("puts the provider's message in the caller's error", () => {
    const error = toRemoteAppError(new ProviderHttpError(422, { errorMessages: ["Site is read-only"] }, {}), {
      label: "Example",
      errorMessagePaths: ["errorMessages"],
    });
    expect(isAppError(error) && error.message).toBe("Example answered 422: Site is read-only");
  });
});
