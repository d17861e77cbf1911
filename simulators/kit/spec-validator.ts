/**
 * A compact validator for the Swagger 2.0 / OpenAPI schema subset provider specs use (type, properties,
 * required, items, additionalProperties, enum, $ref to `#/definitions/...`, allOf). Test-only: ajv is not a
 * dependency, and this is enough to prove that simulator responses have the spec's shapes and types.
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
}

/** A spec's named schemas (what `$ref`s point to). */
export interface Spec {
  definitions: Record<string, Schema>;
}

/** The spec in the JSON file at `file`, or undefined when there is no such file (the tests then skip). */
export function loadSpec(file: string): Spec | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Spec) : undefined;
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

/** Checks `value` against `schema`; returns "path: problem" strings ("$.data[0].id: ..."), empty when valid. */
export function validate(spec: Spec, schema: Schema, value: unknown, at = "$"): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace("#/definitions/", "");
    const target = spec.definitions[name];
    if (!target) return [`${at}: unknown $ref ${schema.$ref}`];
    return validate(spec, target, value, at);
  }
  const errors: string[] = [];
  for (const part of schema.allOf ?? []) errors.push(...validate(spec, part, value, at));
  if (schema.type && !typeOk(schema.type, value))
    return [...errors, `${at}: expected ${schema.type}, got ${JSON.stringify(value)}`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
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

/** A `$ref` to the definition `name`. */
export const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
