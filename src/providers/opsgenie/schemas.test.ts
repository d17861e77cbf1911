import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.ts";
import { enterpriseAccountResponse, requestLimitsResponse } from "./fixtures/account.ts";
import { forbiddenError, unauthorizedError, validationError } from "./fixtures/errors.ts";
import { customRoleGetResponse, customRoleListResponse } from "./fixtures/roles.ts";
import {
  emptyTeamGetResponse,
  teamGetResponse,
  teamListResponse,
  teamRolesResponse,
} from "./fixtures/teams.ts";
import {
  userContactsResponse,
  userGetResponse,
  userListResponse,
  userTeamsResponse,
} from "./fixtures/users.ts";
import {
  opsgenieAccountResponseSchema,
  opsgenieContactListResponseSchema,
  opsgenieCustomUserRoleListResponseSchema,
  opsgenieCustomUserRoleResponseSchema,
  opsgenieErrorSchema,
  opsgenieRequestLimitsResponseSchema,
  opsgenieTeamListResponseSchema,
  opsgenieTeamResponseSchema,
  opsgenieTeamRoleListResponseSchema,
  opsgenieUserListResponseSchema,
  opsgenieUserResponseSchema,
  opsgenieUserSchema,
  opsgenieUserTeamsResponseSchema,
  parseOpsgeniePayload,
} from "./schemas.ts";

const clone = <T>(value: T): T => structuredClone(value);

describe("Opsgenie payload schemas", () => {
  it("parse every reference payload unchanged (loose objects keep unknown fields)", () => {
    const cases: [{ parse(value: unknown): unknown }, unknown][] = [
      [opsgenieUserListResponseSchema, userListResponse],
      [opsgenieUserResponseSchema, userGetResponse],
      [opsgenieUserTeamsResponseSchema, userTeamsResponse],
      [opsgenieContactListResponseSchema, userContactsResponse],
      [opsgenieTeamListResponseSchema, teamListResponse],
      [opsgenieTeamResponseSchema, teamGetResponse],
      [opsgenieTeamResponseSchema, emptyTeamGetResponse],
      [opsgenieTeamRoleListResponseSchema, teamRolesResponse],
      [opsgenieCustomUserRoleListResponseSchema, customRoleListResponse],
      [opsgenieCustomUserRoleResponseSchema, customRoleGetResponse],
      [opsgenieAccountResponseSchema, enterpriseAccountResponse],
      [opsgenieRequestLimitsResponseSchema, requestLimitsResponse],
      [opsgenieErrorSchema, unauthorizedError],
      [opsgenieErrorSchema, forbiddenError],
      [opsgenieErrorSchema, validationError],
    ];
    for (const [schema, payload] of cases) expect(schema.parse(payload)).toEqual(payload);
    const parsed = opsgenieUserListResponseSchema.parse(userListResponse);
    expect(parsed.data[4]).toHaveProperty("someFutureField", { kept: true });
    expect(parsed.paging?.next).toContain("offset=5");
    expect(parsed.totalCount).toBe(7);
  });

  it("fails on a user without id or username", () => {
    const noId = clone(userListResponse);
    delete (noId.data[0] as { id?: string }).id;
    expect(() => opsgenieUserListResponseSchema.parse(noId)).toThrow();
    const { username: _username, ...noUsername } = userGetResponse.data;
    expect(opsgenieUserSchema.safeParse(noUsername).success).toBe(false);
  });

  it("fails on drifted types: role as a string, createdAt not a date-time, userContacts without a method", () => {
    expect(opsgenieUserSchema.safeParse({ ...userGetResponse.data, role: "Admin" }).success).toBe(false);
    expect(opsgenieUserSchema.safeParse({ ...userGetResponse.data, createdAt: "yesterday" }).success).toBe(
      false,
    );
    expect(
      opsgenieUserSchema.safeParse({ ...userGetResponse.data, userContacts: [{ to: "1-555" }] }).success,
    ).toBe(false);
  });

  it("fails on a team without id or name, and on a member role that is an object", () => {
    const noId = clone(teamListResponse);
    delete (noId.data[1] as { id?: string }).id;
    expect(opsgenieTeamListResponseSchema.safeParse(noId).success).toBe(false);
    const noName = clone(teamGetResponse);
    delete (noName.data as { name?: string }).name;
    expect(opsgenieTeamResponseSchema.safeParse(noName).success).toBe(false);
    const objectRole = clone(teamGetResponse) as { data: { members: { role: unknown }[] } };
    const [first] = objectRole.data.members;
    if (first) first.role = { name: "admin" };
    expect(opsgenieTeamResponseSchema.safeParse(objectRole).success).toBe(false);
  });

  it("fails on an envelope without took/requestId or with data of the wrong shape", () => {
    const { requestId: _requestId, ...noRequestId } = userTeamsResponse;
    expect(opsgenieUserTeamsResponseSchema.safeParse(noRequestId).success).toBe(false);
    expect(opsgenieUserListResponseSchema.safeParse({ ...userListResponse, data: {} }).success).toBe(false);
    expect(
      opsgenieAccountResponseSchema.safeParse({ ...enterpriseAccountResponse, data: { name: "x" } }).success,
    ).toBe(false);
  });

  it("parseOpsgeniePayload returns the parsed value or throws a remote_error naming the drifted path", () => {
    expect(parseOpsgeniePayload(opsgenieTeamListResponseSchema, teamListResponse, "teams list")).toEqual(
      teamListResponse,
    );
    const drifted = clone(userListResponse);
    delete (drifted.data[2] as { id?: string }).id;
    let thrown: unknown;
    try {
      parseOpsgeniePayload(opsgenieUserListResponseSchema, drifted, "users list");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const appError = thrown as AppError;
    expect(appError.code).toBe("remote_error");
    expect(appError.status).toBe(502);
    expect(appError.message).toContain("users list");
    expect(appError.message).toContain("field data.2.id");
    expect(appError.details?.issues).toEqual([expect.objectContaining({ path: "data.2.id" })]);
    // The payload itself is not copied into the error.
    expect(JSON.stringify(appError.details)).not.toContain("mary.smith@example.com");
  });
});
