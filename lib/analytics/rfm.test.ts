import { describe, expect, it } from "vitest";
import { quintileScores, rfm, rfmGroup, rfmMovement, RFM_GROUPS } from "./rfm";

describe("quintile scores", () => {
  it("scores 10 distinct values two per quintile", () => {
    expect(Array.from(quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
  });
  it("reverses for recency", () => {
    expect(Array.from(quintileScores([1, 2, 3, 4, 5], { descending: true }))).toEqual([5, 4, 3, 2, 1]);
  });
  it("gives ties one score: the average rank of the block decides", () => {
    // 6 ones: ranks 0–5, average 2.5 → 1 + floor(5·3/10) = 2; then ranks 6…9 → 1 + floor(5·(r+0.5)/10) = 4, 4, 5, 5
    expect(Array.from(quintileScores([1, 1, 1, 1, 1, 1, 7, 8, 9, 10]))).toEqual([2, 2, 2, 2, 2, 2, 4, 4, 5, 5]);
  });
  it("leaves NaN unscored", () => {
    expect(Array.from(quintileScores([NaN, 1, 2]))).toEqual([0, 2, 4]);
  });
});

describe("RFM groups", () => {
  it("maps every cell of the 5×5 grid to one of the eleven groups, all of them used", () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) seen.add(rfmGroup(r, f));
    expect([...seen].sort()).toEqual([...RFM_GROUPS].sort());
  });
  it("names the corners as merchants expect", () => {
    expect(rfmGroup(5, 5)).toBe("champions");
    expect(rfmGroup(5, 1)).toBe("new");
    expect(rfmGroup(1, 5)).toBe("cant_lose_them");
    expect(rfmGroup(1, 1)).toBe("lost");
    expect(rfmGroup(2, 1)).toBe("hibernating");
    expect(() => rfmGroup(0, 3)).toThrow(RangeError);
  });
  it("scores a population", () => {
    // Five customers: the most recent and most frequent is a champion, the oldest one-timer is lost.
    const out = rfm([1, 10, 100, 200, 400], [20, 8, 3, 2, 1], [5000, 900, 300, 100, 50]);
    expect(Array.from(out.r)).toEqual([5, 4, 3, 2, 1]);
    expect(Array.from(out.f)).toEqual([5, 4, 3, 2, 1]);
    expect(out.groups).toEqual(["champions", "loyal", "need_attention", "hibernating", "lost"]);
    expect(() => rfm([1], [NaN], [1])).toThrow(/non-finite/);
  });
  it("counts movement between cutoffs", () => {
    expect(rfmMovement(["new", "new", "loyal"], ["promising", "promising", "loyal"])).toEqual([
      { from: "new", to: "promising", customers: 2 },
      { from: "loyal", to: "loyal", customers: 1 },
    ]);
  });
});
