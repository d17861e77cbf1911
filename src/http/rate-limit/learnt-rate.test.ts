import { describe, expect, it } from "vitest";
import { cutLearnt, learningDefaults, learntWindows, parseLearntRate, raiseLearnt } from "./learnt-rate.ts";

const assumed = [
  { limit: 10, periodSeconds: 1 },
  { limit: 600, periodSeconds: 60 },
];

describe("learnt rates (AIMD per window)", () => {
  it("uses the assumed limits until something is learnt", () => {
    expect(learntWindows(assumed, undefined)).toEqual(assumed);
    expect(learntWindows(assumed, raiseLearnt(assumed, undefined, {}, 0))).toEqual(assumed);
  });

  it("while probing, a period of clean answers at the full rate raises the limit by probeGrowth", () => {
    const raised = raiseLearnt(assumed, undefined, { "1": 10 }, 0);
    expect(raised["1"]?.limit).toBeCloseTo(10 * (1 + learningDefaults.probeGrowth), 6);
    expect(raised["1"]?.probing).toBe(true);
    // Only the window the requests waited for grows.
    expect(raised["60"]).toBeUndefined();
    expect(learntWindows(assumed, raised)[1]).toEqual(assumed[1]);
  });

  it("a 429 cuts the tripped window, ends probing and holds it for its period", () => {
    const raised = raiseLearnt(assumed, undefined, { "1": 40 }, 0);
    const before = raised["1"]?.limit ?? 0;
    const cut = cutLearnt(assumed, raised, [1], 5_000);
    expect(cut["1"]).toEqual({
      limit: before * learningDefaults.cutFactor,
      probing: false,
      base: before * learningDefaults.cutFactor,
      heldUntil: 6_000,
    });
    // 429s during the hold answer requests sent before the cut: no second cut, and no raise either.
    expect(cutLearnt(assumed, cut, [1], 5_500)).toEqual(cut);
    expect(raiseLearnt(assumed, cut, { "1": 100 }, 5_900)).toEqual(cut);
    // After the hold, growth is linear: a period at the full rate adds linearGrowth of the post-cut limit.
    const limit = cut["1"]?.limit ?? 0;
    const later = raiseLearnt(assumed, cut, { "1": limit }, 6_000);
    expect(later["1"]?.limit).toBeCloseTo(limit * (1 + learningDefaults.linearGrowth), 6);
    // A further 429 after the hold cuts again.
    expect(cutLearnt(assumed, later, [1], 6_100)["1"]?.limit).toBeCloseTo(
      (later["1"]?.limit ?? 0) * learningDefaults.cutFactor,
      6,
    );
  });

  it("ignores a 429 to a request sent before the last cut, and cuts again on one sent after it", () => {
    const cut = cutLearnt(assumed, undefined, [1], 5_000, learningDefaults, 4_990);
    const limit = cut["1"]?.limit ?? 0;
    // Sent before the cut: it answers the old rate.
    expect(cutLearnt(assumed, cut, [1], 5_100, learningDefaults, 4_995)).toEqual(cut);
    // Sent after the cut, still refused: the cut rate is too high too, hold or not.
    const again = cutLearnt(assumed, cut, [1], 5_300, learningDefaults, 5_200);
    expect(again["1"]?.limit).toBeCloseTo(limit * learningDefaults.cutFactor, 6);
    expect(again["1"]?.heldUntil).toBe(6_300);
  });

  it("stays between a floor and a ceiling relative to the assumed limit", () => {
    let state = raiseLearnt(assumed, undefined, {}, 0);
    for (let t = 0; t < 200; t++) state = cutLearnt(assumed, state, [1], t * 2_000);
    expect(state["1"]?.limit).toBe(Math.max(1, 10 * learningDefaults.floorFactor));
    const high = raiseLearnt(assumed, undefined, { "1": 1e9 }, 0);
    expect(high["1"]?.limit).toBe(10 * learningDefaults.ceilingFactor);
  });

  it("reads stored state back and drops what is malformed", () => {
    const state = cutLearnt(assumed, undefined, [60], 0);
    expect(parseLearntRate(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(parseLearntRate({})).toBeUndefined();
    expect(parseLearntRate("x")).toBeUndefined();
    expect(parseLearntRate({ "1": { limit: -1, probing: true, base: 1, heldUntil: 0 } })).toBeUndefined();
  });
});
