/**
 * PagerDuty-style ids: "P" and six upper-case letters or digits (e.g. "PXPGF42"), the observed pattern of the
 * spec's examples (not a documented contract). One mint per simulator keeps every id unique across kinds.
 */
import type { Rng } from "../kit/rng.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Draws unique ids from a seeded stream, so a seed and a sequence of writes always give the same ids. */
export class IdMint {
  private readonly taken = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** A fresh id; draws 6 characters per attempt (a clash, about 1 in 10^5 at 20,000 ids, draws again). */
  next(): string {
    for (;;) {
      let id = "P";
      for (let i = 0; i < 6; i++) id += ALPHABET[Math.floor(this.rng.next() * ALPHABET.length)];
      if (!this.taken.has(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }
}
