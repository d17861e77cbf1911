/**
 * Request-body checks that collect per-field messages instead of failing on the first problem, so a client
 * sees every bad field at once. The error they throw is the provider's: each simulator passes a builder
 * from `{ field: message }` to its validation error (Opsgenie: a 422 with `errors`).
 */
import type { Json } from "./reply.ts";

/** Builds the provider's validation error from `{ field: message }`. */
export type FieldErrorsToError = (errors: Record<string, string>) => Error;

/** Collects one message per field (the first one wins). */
export class FieldErrors {
  readonly errors: Record<string, string> = {};

  constructor(private readonly toError: FieldErrorsToError) {}

  add(field: string, message: string): void {
    this.errors[field] ??= message;
  }

  /** Throws the provider's validation error if any field was reported. */
  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw this.toError(this.errors);
  }
}

/** The request body as an object; anything else (array, string, missing) throws `toError` on `body`. */
export function bodyObject(body: unknown, toError: FieldErrorsToError): Json {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw toError({ body: "Request body must be a JSON object" });
  }
  return body as Json;
}

/** `b[field]` if it is a string (at most `max` characters), undefined if absent or null; reports otherwise. */
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

/** Like optionalString, and a missing or blank value is reported as required. */
export function requiredString(b: Json, field: string, errs: FieldErrors, max?: number): string | undefined {
  const v = optionalString(b, field, errs, max);
  if (v === undefined || v.trim() === "") {
    errs.add(field, `${field} is required`);
    return undefined;
  }
  return v;
}

/** `b[field]` if it is an array of strings, undefined if absent or null; reports otherwise. */
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

/** A loose e-mail shape check: something@something.tld, no spaces. */
export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}
