import { describe, expect, it } from "vitest";
import { orderByScore, selectTopN, selectTopNAmong, takeTopN } from "./implicit-top-n";

describe("selectTopN", () => {
  const scores = Float64Array.from([1, 2, 2, 2, 0.5, 3]);

  it("returns the best n, best first, ties to the lower index", () => {
    // 3 (item 5), then the tie at 2 between items 1, 2, 3 is cut at n = 3 to items 1 and 2.
    const r = selectTopN(scores, 3);
    expect(Array.from(r.items)).toEqual([5, 1, 2]);
    expect(Array.from(r.scores)).toEqual([3, 2, 2]);
    expect(Array.from(selectTopN(scores, 2, [], -Infinity).items)).toEqual([5, 1]);
    expect(Array.from(selectTopN(scores, 10).items)).toEqual([5, 1, 2, 3, 0, 4]);
    // A full heap of ties keeps the lowest indices: a later equal score must not displace them.
    expect(Array.from(selectTopN(Float64Array.from([2, 2, 2, 2]), 2).items)).toEqual([0, 1]);
  });

  it("skips excluded items in every form, and scores ≤ minScore", () => {
    const mask = Uint8Array.from([0, 1, 0, 0, 0, 0]);
    const r = selectTopN(scores, 3, [new Set([5]), mask, Int32Array.from([2])]);
    expect(Array.from(r.items)).toEqual([3, 0, 4]);
    expect(Array.from(selectTopN(scores, 10, [], 1).items)).toEqual([5, 1, 2, 3]);
  });

  it("selects among candidates only", () => {
    expect(Array.from(selectTopNAmong(Int32Array.from([4, 0, 3]), 3, scores, 2).items)).toEqual([3, 0]);
  });

  it("rejects n ≤ 0 and a mask of the wrong length", () => {
    expect(() => selectTopN(scores, 0)).toThrow(/n must be a positive integer, got 0/);
    expect(() => selectTopN(scores, 1, [new Uint8Array(2)])).toThrow(/exclusion mask has length 2, expected 6/);
  });
});

describe("takeTopN", () => {
  it("walks a precomputed order", () => {
    const scores = Float64Array.from([1, 2, 2, 0, 3]);
    const order = orderByScore(scores);
    expect(Array.from(order)).toEqual([4, 1, 2, 0, 3]);
    expect(Array.from(takeTopN(order, scores, 3, [new Set([1])], 0).items)).toEqual([4, 2, 0]);
    expect(Array.from(takeTopN(order, scores, 10, [], 0).items)).toEqual([4, 1, 2, 0]);
  });
});
