import { describe, expect, it } from "vitest";
import { isAppError } from "../../core/errors.ts";
import { userListResponse } from "./fixtures/users.ts";
import { pagerdutyErrorSchema, pagerdutyUserSchema, parsePagerdutyPayload } from "./schemas.ts";

describe("PagerDuty payload schemas", () => {
  it("keeps every field of a record, known or not, so remote_data is the record as received", () => {
    const raw = userListResponse.users[0];
    expect(pagerdutyUserSchema.parse(raw)).toEqual(raw);
  });

  it("fails loudly, naming the field, when a user lacks its e-mail", () => {
    const { email: _email, ...drifted } = userListResponse.users[0] as Record<string, unknown>;
    try {
      parsePagerdutyPayload(pagerdutyUserSchema, drifted, "user");
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("remote_error");
      expect(isAppError(error) && error.details).toEqual({
        issues: [expect.objectContaining({ path: "email" })],
      });
    }
  });

  it("reads the error envelope with `errors` as a list or as one string", () => {
    for (const errors of [["Offset must be less than 10000."], "Email has already been taken"]) {
      expect(
        pagerdutyErrorSchema.safeParse({ error: { message: "Invalid Input Provided", code: 2001, errors } })
          .success,
      ).toBe(true);
    }
  });
});
