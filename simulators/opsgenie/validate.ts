/**
 * Body checks that collect per-field messages into Opsgenie's 422 `errors` object instead of failing
 * on the first problem, so a client sees every bad field at once.
 */
import { type Json, unprocessable } from "./envelope.ts";

export class FieldErrors {
  readonly errors: Record<string, string> = {};

  add(field: string, message: string): void {
    this.errors[field] ??= message;
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw unprocessable(this.errors);
  }
}

/** The request body as an object; anything else (array, string, missing) is a 422 on `body`. */
export function bodyObject(body: unknown): Json {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw unprocessable({ body: "Request body must be a JSON object" });
  }
  return body as Json;
}

export function optionalString(b: Json, field: string, errs: FieldErrors, max?: number): string | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") {
    errs.add(field, `${field} must be a string`);
    return undefined;
  }
  if (max !== undefined && v.length > max) errs.add(field, `${field} must be at most ${max} characters`);
  return v;
}

export function requiredString(b: Json, field: string, errs: FieldErrors, max?: number): string | undefined {
  const v = optionalString(b, field, errs, max);
  if (v === undefined || v.trim() === "") {
    errs.add(field, `${field} is required`);
    return undefined;
  }
  return v;
}

export function optionalStringArray(b: Json, field: string, errs: FieldErrors): string[] | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
    errs.add(field, `${field} must be an array of strings`);
    return undefined;
  }
  return v as string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}
