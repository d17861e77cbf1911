import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseRecord, parseRecords, parseSubRecords } from "./parse-records.ts";

const schema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  role: z.looseObject({ id: z.string() }).optional(),
});

describe("parseRecords", () => {
  it("keeps the good records in order and names each bad one by id and first failing field", () => {
    const { records, warnings } = parseRecords(
      schema,
      [
        { id: "a", name: "Ann" },
        { id: "b", name: 7 },
        { id: "c", name: "Cy", role: { id: 3 } },
        { id: "d", name: "Di", extra: true },
      ],
      "user",
    );
    expect(records.map((r) => r.id)).toEqual(["a", "d"]);
    expect(records[1]).toEqual({ id: "d", name: "Di", extra: true });
    expect(warnings).toEqual([
      {
        code: "malformed_record",
        id: "b",
        message: expect.stringContaining("user b was left out: field name"),
      },
      { code: "malformed_record", id: "c", message: expect.stringContaining("field role.id") },
    ]);
  });

  it("without a readable id the warning has none (a sync then protects the whole resource); a known id fills in", () => {
    const [nameless] = parseRecords(schema, [{ name: "x" }], "team").warnings;
    expect(nameless).toEqual({ code: "malformed_record", message: expect.stringContaining("field id") });
    expect(parseRecords(schema, ["text"], "team").warnings[0]?.message).toContain("the record itself");
    const known = parseRecord(schema, { name: 1 }, "team", { id: "t1" });
    expect(known).toEqual({ ok: false, warning: expect.objectContaining({ id: "t1" }) });
    expect(parseRecord(schema, { key: 12, name: 1 }, "issue", { idField: "key" })).toEqual({
      ok: false,
      warning: expect.objectContaining({ id: "12" }),
    });
  });

  it("a sub-list is whole, or leaves out its record with a warning naming the record", () => {
    const member = z.looseObject({ accountId: z.string().min(1) });
    const team = { what: "team", id: "t1" };
    expect(parseSubRecords(member, [{ accountId: "a" }, { accountId: "b" }], team, "member")).toEqual({
      ok: true,
      value: [{ accountId: "a" }, { accountId: "b" }],
    });
    expect(parseSubRecords(member, [], team, "member")).toEqual({ ok: true, value: [] });
    const one = parseSubRecords(member, [{ accountId: "a" }, { accountId: null }], team, "member");
    expect(one).toEqual({
      ok: false,
      warning: {
        code: "malformed_record",
        id: "t1",
        message: expect.stringMatching(
          /^The team t1 was left out: a member could not be read \(.*field accountId/,
        ),
      },
    });
    const two = parseSubRecords(member, [{}, { accountId: 3 }], team, "member");
    expect(two.ok ? "" : two.warning.message).toMatch(
      /^The team t1 was left out: 2 members could not be read/,
    );
  });
});
