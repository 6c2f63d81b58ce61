import { describe, expect, it } from "vitest";
import { itemCosineSimilarity, itemKnn } from "./implicit-item-knn";
import { createCsr, getEntry, rowIndicesOf } from "./sparse";

// Co-purchases of 4 users over 3 items:
//   u0 {0, 1}, u1 {0, 1, 2}, u2 {1, 2}, u3 {0}
// Item columns: item 0 bought by {u0, u1, u3} (‖·‖ = √3), item 1 by {u0, u1, u2} (√3), item 2 by
// {u1, u2} (√2). Co-purchasers: (0, 1) 2, (0, 2) 1, (1, 2) 2, hence the cosines
//   sim(0, 1) = 2/3,   sim(0, 2) = 1/√6 ≈ 0.408,   sim(1, 2) = 2/√6 ≈ 0.816.
const X = createCsr(4, 3, [0, 0, 1, 1, 1, 2, 2, 3], [0, 1, 0, 1, 2, 1, 2, 0]);

describe("itemCosineSimilarity", () => {
  it("matches the hand-computed cosines, symmetric, zero diagonal", () => {
    const w = itemCosineSimilarity(X);
    expect(getEntry(w, 0, 1)).toBeCloseTo(2 / 3, 15);
    expect(getEntry(w, 1, 0)).toBeCloseTo(2 / 3, 15);
    expect(getEntry(w, 0, 2)).toBeCloseTo(1 / Math.sqrt(6), 15);
    expect(getEntry(w, 1, 2)).toBeCloseTo(2 / Math.sqrt(6), 15);
    for (let i = 0; i < 3; i++) expect(getEntry(w, i, i)).toBe(0);
  });

  it("keeps the k most similar neighbours per item", () => {
    // k = 1: item 0's best is item 1 (2/3 > 0.408), item 1's and item 2's best is each other (0.816).
    const w = itemCosineSimilarity(X, { k: 1 });
    expect(Array.from(rowIndicesOf(w, 0))).toEqual([1]);
    expect(Array.from(rowIndicesOf(w, 1))).toEqual([2]);
    expect(Array.from(rowIndicesOf(w, 2))).toEqual([1]);
  });

  it("shrinks by adding to the denominator", () => {
    const w = itemCosineSimilarity(X, { shrink: 1 });
    expect(getEntry(w, 0, 1)).toBeCloseTo(2 / (3 + 1), 15);
    expect(getEntry(w, 0, 2)).toBeCloseTo(1 / (Math.sqrt(6) + 1), 15);
  });

  it("uses counts as cosine weights", () => {
    // u0 bought item 0 twice: item 0 = (2, 1, 0, 1), item 1 = (1, 1, 1, 0); dot 3, norms √6 and √3.
    const counts = createCsr(4, 3, [0, 0, 0, 1, 1, 1, 2, 2, 3], [0, 0, 1, 0, 1, 2, 1, 2, 0]);
    expect(getEntry(itemCosineSimilarity(counts), 0, 1)).toBeCloseTo(3 / Math.sqrt(18), 15);
  });
});

describe("itemKnn", () => {
  it("scores a user as the sum of similarities to their items, with the 'because' item", () => {
    const model = itemKnn(X);
    // u3 has {0}: item 1 scores sim(0, 1) = 2/3, item 2 scores sim(0, 2) = 1/√6; both because of 0.
    const r3 = model.recommend(3);
    expect(Array.from(r3.items)).toEqual([1, 2]);
    expect(r3.scores[0]).toBeCloseTo(2 / 3, 15);
    expect(r3.scores[1]).toBeCloseTo(1 / Math.sqrt(6), 15);
    expect(Array.from(r3.because)).toEqual([0, 0]);
    // u2 has {1, 2}: item 0 scores sim(1, 0) + sim(2, 0) = 2/3 + 1/√6, mostly because of item 1.
    const r2 = model.recommend(2);
    expect(Array.from(r2.items)).toEqual([0]);
    expect(r2.scores[0]).toBeCloseTo(2 / 3 + 1 / Math.sqrt(6), 15);
    expect(Array.from(r2.because)).toEqual([1]);
    // Dense scores include seen items (u2's own items score each other's similarity).
    expect(Array.from(model.scoreItems(2))).toEqual([
      expect.closeTo(2 / 3 + 1 / Math.sqrt(6), 15),
      expect.closeTo(2 / Math.sqrt(6), 15),
      expect.closeTo(2 / Math.sqrt(6), 15),
    ]);
  });

  it("pruning changes what can be reached, and exclusions apply", () => {
    // With k = 1, item 0's only neighbour is item 1, so u3 gets item 1 only.
    expect(Array.from(itemKnn(X, { k: 1 }).recommend(3).items)).toEqual([1]);
    const model = itemKnn(X);
    expect(Array.from(model.recommend(3, { exclude: new Set([1]) }).items)).toEqual([2]);
    expect(Array.from(model.recommend(3, { n: 1 }).items)).toEqual([1]);
    // With excludeSeen false, u2's own items come back, item 1 and 2 tied at 2/√6 < item 0's score.
    expect(Array.from(model.recommend(2, { excludeSeen: false }).items)).toEqual([0, 1, 2]);
  });

  it("rejects bad input", () => {
    expect(() => itemKnn(createCsr(2, 2, [], []))).toThrow(/interaction matrix is empty/);
    expect(() => itemKnn(X, { k: 0 })).toThrow(/k must be a positive integer, got 0/);
    expect(() => itemKnn(X, { shrink: -1 })).toThrow(/shrink must be a finite number ≥ 0/);
    expect(() => itemKnn(X).recommend(4)).toThrow(/user 4 is outside 0..3/);
    expect(() => itemKnn(X).recommend(0, { n: 0 })).toThrow(/n must be a positive integer, got 0/);
    expect(() => itemKnn(createCsr(1, 1, [0], [0], [-1]))).toThrow(/values must be finite and ≥ 0/);
  });
});
