import crypto from "node:crypto";

/** Ids are opaque strings; the prefix tells a person what kind of object an id names. */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
