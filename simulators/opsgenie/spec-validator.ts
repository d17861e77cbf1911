/**
 * A compact validator for the Swagger 2.0 schema subset the Opsgenie spec uses (type, properties,
 * required, items, additionalProperties, enum, $ref, allOf). Test-only: ajv is not a dependency, and
 * this is enough to prove that simulator responses have the spec's shapes and types.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

export interface Spec {
  definitions: Record<string, Schema>;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The official spec beside the project (`../shared/reference/opsgenie-oas/swagger.json`), if present. */
export const SPEC_PATH = path.resolve(REPO_ROOT, "../shared/reference/opsgenie-oas/swagger.json");

export function loadSpec(): Spec | undefined {
  return existsSync(SPEC_PATH) ? (JSON.parse(readFileSync(SPEC_PATH, "utf8")) as Spec) : undefined;
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

/** Returns a list of "path: problem" strings; empty means valid. */
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

export const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
