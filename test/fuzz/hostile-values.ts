import fc from "fast-check";

/** Names that resolve to something on a plain object's prototype chain. */
export const prototypeNames = [
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "valueOf",
];

/** Values that tripped parsers, routers and databases somewhere: traversal, URLs, NUL, CR/LF, odd unicode. */
const nastyStrings = fc.constantFrom(
  "",
  " ",
  ".",
  "..",
  "/",
  "\\",
  "%",
  "%00",
  "%E0%A4%A",
  "..%2F..",
  "http://169.254.169.254/latest",
  "http://127.0.0.1:9/hook",
  "//evil.example/x",
  "javascript:alert(1)",
  "a\u0000b",
  "\u0000",
  "\r\nx-injected: 1",
  "\t",
  "\u202e\u200b",
  "😀",
  "ключ-€",
  "\ud800",
  "null",
  "NaN",
  "-1",
  "0",
  "1e309",
  "true",
  "*",
  "?#&=;",
  "'; drop table users; --",
  "<script>alert(1)</script>",
  ...prototypeNames,
);

/** Strings a hostile caller sends: special forms, random unicode (lone surrogates included), very long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: nastyStrings },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 100, maxLength: 600 }) },
  { weight: 1, arbitrary: fc.integer({ min: 90, max: 5000 }).map((n) => "a".repeat(n)) },
);

/** Percent-encodes like a client would; a lone surrogate cannot be, so it goes out as invalid UTF-8. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

/** Raw URL fragments no well-behaved client sends. */
export const percentGarbage = fc.constantFrom(
  "%",
  "%E0%A4%A",
  "%zz",
  "%00",
  "a%2Fb",
  "..%2F..%2Fv2",
  "%2e%2e",
  "http%3A%2F%2F169.254.169.254%2Flatest",
  "%2F%2Fevil.example",
  "v2/account",
  "v2/users?x=1",
);

/** Nested arrays up to 400 deep; deeper ones are sent as raw text (`rawBodies`), as JSON.stringify would overflow. */
const nested = fc
  .integer({ min: 20, max: 400 })
  .map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`));

/** JSON scalars of the wrong kind: hostile strings, huge, tiny and negative-zero numbers, booleans, null. */
export const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 5e-324) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Any JSON value a wrong or hostile caller sends in place of the expected one. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: jsonLeaf },
  { weight: 1, arbitrary: fc.array(jsonLeaf, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, jsonLeaf, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: nested },
);

/** JSON texts no serializer produces: broken, prototype-polluting, absurdly deep or numerically huge. */
export function rawBodies(property: string): string[] {
  return [
    "{",
    "[1,",
    "",
    "\u0000",
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
    `{"${property}":${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
    `{"${property}":1e999}`,
    `{"${property}":123456789012345678901234567890}`,
    '"\\u0000"',
  ];
}
