import { describe, expect, it } from "vitest";
import {
  averagePrecisionAtK,
  evaluateRankings,
  hitAtK,
  ndcgAtK,
  popularityPercentiles,
  precisionAtK,
  recallAtK,
} from "./ranking-metrics";

const A = 0;
const B = 1;
const C = 2;
const D = 3;

describe("per-user ranking metrics, by hand", () => {
  // Relevant {a, c}, ranking [a, b, c].
  const rel = new Set([A, C]);
  const ranking = [A, B, C];

  it("precision, recall and hit", () => {
    expect(precisionAtK(ranking, rel, 3)).toBeCloseTo(2 / 3, 15); // a and c in the top 3
    expect(recallAtK(ranking, rel, 3)).toBe(1); // both relevant items found
    expect(precisionAtK(ranking, rel, 1)).toBe(1);
    expect(recallAtK(ranking, rel, 1)).toBe(0.5);
    expect(precisionAtK(ranking, rel, 5)).toBeCloseTo(2 / 5, 15); // K, not the list length, divides
    expect(hitAtK([B, D], rel, 2)).toBe(0);
    expect(hitAtK([B, C], rel, 2)).toBe(1);
  });

  it("NDCG: DCG = 1/log2(2) + 1/log2(4), IDCG = 1/log2(2) + 1/log2(3)", () => {
    expect(ndcgAtK(ranking, rel, 3)).toBeCloseTo((1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)), 15);
    // K = 2: only a is in the top 2; IDCG over min(2, 2) = 2 positions.
    expect(ndcgAtK(ranking, rel, 2)).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 15);
    // K = 1: IDCG over min(1, 2) = 1 position, so a at rank 1 is perfect.
    expect(ndcgAtK(ranking, rel, 1)).toBe(1);
  });

  it("AP: (P@1 + P@3) / min(K, |T|) = (1 + 2/3) / 2", () => {
    expect(averagePrecisionAtK(ranking, rel, 3)).toBeCloseTo((1 + 2 / 3) / 2, 15);
    // K = 2: only the hit at rank 1 counts, normalised by min(2, 2) = 2.
    expect(averagePrecisionAtK(ranking, rel, 2)).toBeCloseTo(1 / 2, 15);
    // Ranking [b, c] with relevant {c}: P@2 = 1/2, divided by min(2, 1) = 1.
    expect(averagePrecisionAtK([B, C], new Set([C]), 2)).toBeCloseTo(0.5, 15);
  });

  it("a repeated item counts once", () => {
    expect(precisionAtK([A, A], new Set([A]), 2)).toBe(0.5);
  });

  it("rejects K ≤ 0 and an empty relevant set", () => {
    expect(() => precisionAtK(ranking, rel, 0)).toThrow(/K must be a positive integer, got 0/);
    expect(() => ndcgAtK(ranking, rel, -1)).toThrow(RangeError);
    expect(() => recallAtK(ranking, new Set(), 3)).toThrow(/relevant set is empty/);
  });
});

describe("evaluateRankings", () => {
  // Catalogue of 4 items, popularity [10, 5, 5, 0]. User 1: relevant {a, c}, list [a, b, c];
  // user 2: relevant {d}, list [b] (a miss, and a list shorter than K).
  const popularity = Float64Array.from([10, 5, 5, 0]);
  const result = evaluateRankings([[A, B, C], [B]], [[A, C], [D]], {
    ks: [1, 3],
    nItems: 4,
    itemPopularity: popularity,
  });

  it("averages each metric over the users", () => {
    const [k1, k3] = result.atK;
    expect(result.users).toBe(2);
    expect(k1!.precision).toBe(0.5); // (1 + 0) / 2
    expect(k1!.recall).toBe(0.25); // (1/2 + 0) / 2
    expect(k1!.hitRate).toBe(0.5);
    expect(k3!.precision).toBeCloseTo((2 / 3 + 0) / 2, 15);
    expect(k3!.recall).toBe(0.5); // (1 + 0) / 2
    expect(k3!.ndcg).toBeCloseTo((1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)) / 2, 15);
    expect(k3!.map).toBeCloseTo((1 + 2 / 3) / 2 / 2, 15);
  });

  it("coverage and popularity bias", () => {
    const [k1, k3] = result.atK;
    expect(k1!.coverage).toBe(0.5); // {a, b} of 4 items
    expect(k3!.coverage).toBe(0.75); // {a, b, c}
    expect(k1!.arp).toBe(7.5); // (10 + 5) / 2
    expect(k3!.arp).toBeCloseTo((20 / 3 + 5) / 2, 15);
    // Percentiles of [10, 5, 5, 0]: d 0/3, b and c mid-rank (1 + 1/2)/3 = 0.5, a 3/3 = 1.
    expect(Array.from(popularityPercentiles(popularity))).toEqual([1, 0.5, 0.5, 0]);
    expect(k1!.popularityPercentile).toBe(0.75); // (1 + 0.5) / 2
  });

  it("rejects bad input with specific messages", () => {
    const opts = { nItems: 4, itemPopularity: popularity };
    expect(() => evaluateRankings([], [], opts)).toThrow(/no users to evaluate/);
    expect(() => evaluateRankings([[A]], [[]], opts)).toThrow(/user at position 0 has no relevant item/);
    expect(() => evaluateRankings([[7]], [[A]], opts)).toThrow(/recommended item of user 0 is 7, outside 0..3/);
    expect(() => evaluateRankings([[A]], [[A]], { ...opts, ks: [0] })).toThrow(/K must be a positive integer/);
    expect(() => evaluateRankings([[A]], [[A], [B]], opts)).toThrow(/1 rankings but 2 relevant sets/);
    expect(() => evaluateRankings([[A]], [[A]], { nItems: 3, itemPopularity: popularity })).toThrow(
      /itemPopularity has 4 entries/,
    );
  });
});
