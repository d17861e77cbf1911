import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;

/**
 * A text key that sorts in creation order: `<ms, 15 digits>-<counter, 6 digits>-<random>`. The clock is
 * never allowed to go backwards within a process, and the counter orders events of the same millisecond
 * (one commit inserts many). Text, so both databases compare it alike and pg never hands back a bigint string.
 */
export function nextSequence(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else {
    counter += 1;
    if (counter > 999_999) {
      lastMs += 1;
      counter = 0;
    }
  }
  return `${String(lastMs).padStart(15, "0")}-${String(counter).padStart(6, "0")}-${randomBytes(3).toString("hex")}`;
}
