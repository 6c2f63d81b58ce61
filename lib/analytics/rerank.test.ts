import { describe, expect, it } from "vitest";
import { mmr, similarityFromCsr } from "./rerank";
import { createCsr } from "./sparse";

// Candidates 10, 11, 12 with relevance 1, 0.9, 0.5; 10 and 11 are near duplicates (similarity 0.9),
// 12 is unlike both.
const items = [10, 11, 12];
const relevance = [1, 0.9, 0.5];
const sim = (a: number, b: number) => ((a === 10 && b === 11) || (a === 11 && b === 10) ? 0.9 : 0);

describe("mmr", () => {
  it("λ = 1 keeps the relevance order", () => {
    const r = mmr(items, relevance, sim, { lambda: 1 });
    expect(Array.from(r.items)).toEqual([10, 11, 12]);
  });

  it("λ = 0 picks the first candidate, then the least similar to those picked", () => {
    // All tie at 0 for the first pick → 10. Then max similarity to {10}: 11 → 0.9, 12 → 0: pick 12.
    const r = mmr(items, relevance, sim, { lambda: 0 });
    expect(Array.from(r.items)).toEqual([10, 12, 11]);
    expect(Array.from(r.scores)).toEqual([0, 0, -0.9]);
  });

  it("λ = 0.5 trades relevance for diversity", () => {
    // Scaled relevance [1, 0.8, 0]. Pick 10 (0.5·1). Then 11: 0.5·0.8 − 0.5·0.9 = −0.05; 12: 0 − 0 = 0.
    const r = mmr(items, relevance, sim, { lambda: 0.5 });
    expect(Array.from(r.items)).toEqual([10, 12, 11]);
    expect(r.scores[1]).toBe(0);
    expect(r.scores[2]).toBeCloseTo(-0.05, 15);
    // Without scaling: 11 gets 0.45 − 0.45 = 0, 12 gets 0.25: 12 still comes second.
    expect(Array.from(mmr(items, relevance, sim, { lambda: 0.5, normalize: false }).items)).toEqual([10, 12, 11]);
    expect(Array.from(mmr(items, relevance, sim, { lambda: 0.5, n: 2 }).items)).toEqual([10, 12]);
  });

  it("penalises the largest similarity to the picked items, not their sum", () => {
    // Unscaled relevance A 1, B 0.9, C 0.85, D 0.3 (ids 0..3), λ = 0.5; sim(A, C) = sim(B, C) = 0.5.
    // Picks: A (0.5); then B 0.45 beats C 0.425 − 0.25 = 0.175 and D 0.15; then C: its max similarity
    // to {A, B} is 0.5, so 0.175 > D's 0.15 (a sum, 1.0, would give C −0.075 and put D first).
    const s = (a: number, b: number) => (a !== b && (a === 2 || b === 2) && a !== 3 && b !== 3 ? 0.5 : 0);
    const r = mmr([0, 1, 2, 3], [1, 0.9, 0.85, 0.3], s, { lambda: 0.5, normalize: false });
    expect(Array.from(r.items)).toEqual([0, 1, 2, 3]);
    expect(r.scores[2]).toBeCloseTo(0.175, 15);
  });

  it("reads the similarity from a sparse matrix as the larger of both directions", () => {
    // W[0, 1] = 0.9, W[2, 1] = 0.4, W[1, 2] = 0.6 (pruned kNN rows need not be symmetric).
    const s = similarityFromCsr(createCsr(3, 3, [0, 2, 1], [1, 1, 2], [0.9, 0.4, 0.6]));
    expect(s(0, 1)).toBe(0.9);
    expect(s(2, 1)).toBe(0.6); // max(0.4, 0.6)
    expect(s(0, 2)).toBe(0); // nothing stored; the 0.9 scattered for item 1 must not linger
    expect(s(1, 0)).toBe(0.9);
    expect(s(1, 2)).toBe(0.6);
    expect(s(2, 2)).toBe(0);
    expect(() => s(3, 0)).toThrow(/items 3 and 0 must be in 0..2/);
    expect(() => similarityFromCsr(createCsr(2, 3, [], []))).toThrow(/must be square, got 2×3/);
  });

  it("rejects bad input", () => {
    expect(() => mmr(items, relevance, sim, { lambda: 1.5 })).toThrow(/lambda must be in \[0, 1\], got 1.5/);
    expect(() => mmr(items, [1], sim, { lambda: 1 })).toThrow(/relevance has 1 values/);
    expect(() => mmr(items, [1, NaN, 0], sim, { lambda: 1 })).toThrow(/relevance of candidate 1 is not finite/);
  });
});
