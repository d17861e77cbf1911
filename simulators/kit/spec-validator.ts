/**
 * A compact validator for the JSON-schema subset provider specs use, Swagger 2.0 and OpenAPI 3.0 alike: type,
 * properties, required, items, additionalProperties, enum, allOf / oneOf / anyOf, OpenAPI's `nullable`, string
 * and array lengths, numeric bounds, and `$ref` as a JSON pointer anywhere in the document
 * (`#/definitions/User`, `#/components/schemas/Tag/allOf/0`, `#/components/responses/X/content/application~1json/schema`).
 * Test-only: ajv is not a dependency, and this is enough to prove that simulator responses have the spec's
 * shapes and types. Formats, `discriminator` and readOnly/writeOnly are not checked.
 */
import { existsSync, readFileSync } from "node:fs";

/** The supported part of a JSON schema. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
  $ref?: string;
  allOf?: Schema[];
  /** Exactly one branch must match. */
  oneOf?: Schema[];
  /** At least one branch must match. */
  anyOf?: Schema[];
  /** OpenAPI 3.0: null is also valid. */
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** A whole spec document (what `$ref` pointers are resolved against). */
export type Spec = object;

/** The spec in the JSON file at `file`, or undefined when there is no such file (the tests then skip). */
export function loadSpec(file: string): Spec | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Spec) : undefined;
}

/** Follows a local JSON pointer ("#/a/b~1c/0"); undefined when it leads nowhere. */
export function resolvePointer(spec: Spec, pointer: string): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  let node: unknown = spec;
  for (const raw of pointer.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    default:
      return true;
  }
}

function boundsErrors(schema: Schema, value: unknown, at: string): string[] {
  const errors: string[] = [];
  const length = typeof value === "string" ? value.length : Array.isArray(value) ? value.length : undefined;
  const [min, max] = Array.isArray(value)
    ? [schema.minItems, schema.maxItems]
    : [schema.minLength, schema.maxLength];
  if (length !== undefined && min !== undefined && length < min) errors.push(`${at}: shorter than ${min}`);
  if (length !== undefined && max !== undefined && length > max) errors.push(`${at}: longer than ${max}`);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  return errors;
}

function branchErrors(spec: Spec, schema: Schema, value: unknown, at: string): string[] {
  const errors: string[] = [];
  if (schema.oneOf) {
    const results = schema.oneOf.map((branch) => validate(spec, branch, value, at));
    const matched = results.filter((r) => r.length === 0).length;
    if (matched !== 1) {
      const closest = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
      errors.push(
        `${at}: matches ${matched} of ${results.length} oneOf branches`,
        ...(matched ? [] : closest),
      );
    }
  }
  if (schema.anyOf) {
    const results = schema.anyOf.map((branch) => validate(spec, branch, value, at));
    if (!results.some((r) => r.length === 0)) {
      const closest = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
      errors.push(`${at}: matches none of the anyOf branches`, ...closest);
    }
  }
  return errors;
}

/** Checks `value` against `schema`; returns "path: problem" strings ("$.data[0].id: ..."), empty when valid. */
export function validate(spec: Spec, schema: Schema, value: unknown, at = "$"): string[] {
  if (schema.$ref) {
    const target = resolvePointer(spec, schema.$ref);
    if (typeof target !== "object" || target === null) return [`${at}: unknown $ref ${schema.$ref}`];
    return validate(spec, target as Schema, value, at);
  }
  if (value === null && schema.nullable) return [];
  const errors: string[] = [];
  for (const part of schema.allOf ?? []) errors.push(...validate(spec, part, value, at));
  errors.push(...branchErrors(spec, schema, value, at));
  if (schema.type && !typeOk(schema.type, value))
    return [...errors, `${at}: expected ${schema.type}, got ${JSON.stringify(value)}`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  errors.push(...boundsErrors(schema, value, at));
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  if (isObject) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${at}: missing required ${key}`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (obj[key] !== undefined) errors.push(...validate(spec, sub, obj[key], `${at}.${key}`));
    }
    if (typeof schema.additionalProperties === "object") {
      for (const [key, v] of Object.entries(obj)) {
        if (!schema.properties?.[key])
          errors.push(...validate(spec, schema.additionalProperties, v, `${at}.${key}`));
      }
    }
  }
  if (Array.isArray(value) && schema.items) {
    for (let i = 0; i < value.length; i++)
      errors.push(...validate(spec, schema.items, value[i], `${at}[${i}]`));
  }
  return errors;
}

/** A `$ref` to the Swagger 2.0 definition `name`. */
export const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

/** A `$ref` to the OpenAPI 3 component schema `name`. */
export const componentRef = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/**
 * The documented body schema of `method` on `path` (the spec's template, e.g. "/users/{id}") answering
 * `status`, from the operation's own responses or else its `default`: OpenAPI 3's
 * `content["application/json"].schema` or Swagger 2's `schema`. `null` when that answer is documented
 * without a body (e.g. a 204); undefined when the operation or the status is not documented.
 */
export function responseSchema(
  spec: Spec,
  path: string,
  method: string,
  status: number,
): Schema | null | undefined {
  const operation = resolvePointer(spec, `#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}`) as
    | Record<string, { responses?: Record<string, unknown> }>
    | undefined;
  const responses = operation?.[method.toLowerCase()]?.responses;
  let response = responses?.[String(status)] ?? responses?.default;
  if (typeof response !== "object" || response === null) return undefined;
  const pointer = (response as Schema).$ref;
  if (pointer) response = resolvePointer(spec, pointer);
  const r = response as { content?: Record<string, { schema?: Schema }>; schema?: Schema } | undefined;
  return r?.content?.["application/json"]?.schema ?? r?.schema ?? null;
}
