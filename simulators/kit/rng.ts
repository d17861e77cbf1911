/**
 * A small seeded PRNG (mulberry32) so a seed always yields the same directory, keys and fault sequence.
 * Math.random is never used by a simulator: determinism is what makes simulator-backed tests repeatable.
 */

/** A seeded random stream; every method draws from it, so the order of calls fixes the output. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with the given probability (0..1); draws once. */
  chance(probability: number): boolean;
  /** One item, uniformly; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** A UUID v4-shaped string drawn from this generator. */
  uuid(): string;
  /** `count` distinct items (or all of them if fewer), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** Folds a string into a 32-bit seed (FNV-1a), used to derive independent streams from one seed. */
export function hashSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed | 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const HEX = "0123456789abcdef";

/** A generator seeded with a 32-bit integer (derive independent streams with `hashSeed`). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    uuid(): string {
      let out = "";
      for (let i = 0; i < 32; i++) {
        let digit = Math.floor(next() * 16);
        if (i === 12) digit = 4;
        if (i === 16) digit = 8 + (digit % 4);
        out += HEX[digit];
        if (i === 7 || i === 11 || i === 15 || i === 19) out += "-";
      }
      return out;
    },
    sample<T>(items: readonly T[], count: number): T[] {
      const copy = items.slice();
      const n = Math.min(count, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        const tmp = copy[i] as T;
        copy[i] = copy[j] as T;
        copy[j] = tmp;
      }
      return copy.slice(0, n);
    },
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID-shaped string (8-4-4-4-12 hex digits, any case, any version). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
