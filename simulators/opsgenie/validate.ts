/** Opsgenie's body validation: the kit's field checks, failing with Opsgenie's 422 and its `errors` object. */
import { FieldErrors, bodyObject as kitBodyObject } from "../kit/field-checks.ts";
import type { Json } from "../kit/reply.ts";
import { unprocessable } from "./envelope.ts";

/** A collector whose throwIfAny() answers 422 "Request body is not processable..." with every bad field. */
export function fieldErrors(): FieldErrors {
  return new FieldErrors(unprocessable);
}

/** The request body as an object; anything else (array, string, missing) is a 422 on `body`. */
export function bodyObject(body: unknown): Json {
  return kitBodyObject(body, unprocessable);
}
