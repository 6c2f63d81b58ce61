import { describe, expect, it } from "vitest";
import { computeSimilarities, fitKnnBaseline, fitKnnBasic, fitKnnWithMeans, type SimilarityName } from "./cf-knn";
import { buildTrainset, type RatingTriples } from "./ratings";

// The matrix of every hand computation below (rows in this order; μ = 27 / 9 = 3):
//        a  b  c
//   u1   5  3  ·
//   u2   4  2  1
//   u3   1  ·  5
//   u4   ·  4  2
// User means: u1 4, u2 7/3, u3 3, u4 3. Item means: a 10/3, b 3, c 8/3.
// Predictions are for (u1, c), which u1 has not rated.
const ROWS: [string, string, number][] = [
  ["u1", "a", 5],
  ["u1", "b", 3],
  ["u2", "a", 4],
  ["u2", "b", 2],
  ["u2", "c", 1],
  ["u3", "a", 1],
  ["u3", "c", 5],
  ["u4", "b", 4],
  ["u4", "c", 2],
];
const DATA: RatingTriples = {
  users: ROWS.map((r) => r[0]),
  items: ROWS.map((r) => r[1]),
  ratings: Float64Array.from(ROWS.map((r) => r[2])),
};
const T = buildTrainset(DATA, { scale: [1, 5] });
// Baselines after ONE ALS epoch (reg_i 10, reg_u 15), used to keep pearson_baseline and KNNBaseline
// hand-computable: b_a = (2 + 1 − 2)/(10 + 3) = 1/13, b_b = 0, b_c = (−2 + 2 − 1)/13 = −1/13;
// b_u1 = ((5 − 3 − 1/13) + 0)/(15 + 2) = 25/221, b_u2 = ((1 − 1/13) − 1 + (−2 + 1/13))/18 = −1/9,
// b_u3 = ((−2 − 1/13) + (2 + 1/13))/17 = 0, b_u4 = (1 + (−1 + 1/13))/17 = 1/221.
const ALS1 = { method: "als" as const, nEpochs: 1 };
const B = { u1: 25 / 221, u2: -1 / 9, u3: 0, u4: 1 / 221, a: 1 / 13, b: 0, c: -1 / 13 };

function sim(name: SimilarityName, userBased: boolean, x: string, y: string): number {
  const s = computeSimilarities(T, { name, userBased }, undefined);
  const index = userBased ? T.userIndex : T.itemIndex;
  return s.data[index.get(x)! * s.n + index.get(y)!]!;
}

describe("similarities (user-based)", () => {
  it("msd: 1 / (mean squared difference + 1) over common items", () => {
    expect(sim("msd", true, "u1", "u2")).toBeCloseTo(1 / (((5 - 4) ** 2 + (3 - 2) ** 2) / 2 + 1), 15); // 0.5
    expect(sim("msd", true, "u1", "u3")).toBeCloseTo(1 / 17, 15); // (5 − 1)² = 16
    expect(sim("msd", true, "u1", "u4")).toBeCloseTo(1 / 2, 15); // (3 − 4)² = 1
    expect(sim("msd", true, "u1", "u1")).toBe(1);
  });

  it("cosine over common items", () => {
    expect(sim("cosine", true, "u1", "u2")).toBeCloseTo((5 * 4 + 3 * 2) / Math.sqrt((25 + 9) * (16 + 4)), 15); // 26/√680
    expect(sim("cosine", true, "u1", "u3")).toBeCloseTo(1, 15); // one common item: 5·1/(5·1)
    expect(sim("cosine", true, "u3", "u4")).toBeCloseTo(1, 15);
  });

  it("pearson: centred on the common items, 0 when a side is constant", () => {
    // u1 (5, 3) and u2 (4, 2) on a, b: num = 2·26 − 8·6 = 4, den = √((2·34 − 64)(2·20 − 36)) = 4.
    expect(sim("pearson", true, "u1", "u2")).toBeCloseTo(1, 15);
    expect(sim("pearson", true, "u1", "u3")).toBe(0); // a single common item: den = 0
    // u2 (4, 1) and u3 (1, 5) on a, c: perfectly anti-correlated.
    expect(sim("pearson", true, "u2", "u3")).toBeCloseTo(-1, 15);
  });

  it("pearson_baseline: residuals from the baselines, shrunk by (n − 1)/(n − 1 + 100), support ≥ 2", () => {
    const s = computeSimilarities(
      T,
      { name: "pearson_baseline" },
      { bu: Float64Array.of(B.u1, B.u2, B.u3, B.u4), bi: Float64Array.of(B.a, B.b, B.c) },
    );
    // u1, u2 on a and b: d = r − (μ + b_i + b_u).
    const d1a = 5 - (3 + B.a + B.u1);
    const d1b = 3 - (3 + B.b + B.u1);
    const d2a = 4 - (3 + B.a + B.u2);
    const d2b = 2 - (3 + B.b + B.u2);
    const rho = (d1a * d2a + d1b * d2b) / Math.sqrt((d1a ** 2 + d1b ** 2) * (d2a ** 2 + d2b ** 2));
    expect(s.data[0 * 4 + 1]).toBeCloseTo(rho * (1 / 101), 15);
    expect(s.data[0 * 4 + 2]).toBe(0); // u1, u3: one common item < 2
  });
});

describe("similarities (item-based)", () => {
  it("msd, cosine and pearson between c and a, b over common users", () => {
    // c, a: common u2 (1, 4), u3 (5, 1); c, b: common u2 (1, 2), u4 (2, 4).
    expect(sim("msd", false, "c", "a")).toBeCloseTo(1 / ((9 + 16) / 2 + 1), 15); // 2/27
    expect(sim("msd", false, "c", "b")).toBeCloseTo(1 / ((1 + 4) / 2 + 1), 15); // 2/7
    expect(sim("cosine", false, "c", "a")).toBeCloseTo((1 * 4 + 5 * 1) / Math.sqrt(26 * 17), 15); // 9/√442
    expect(sim("cosine", false, "c", "b")).toBeCloseTo(1, 15); // (2 + 8)/√(5·20)
    expect(sim("pearson", false, "c", "a")).toBeCloseTo(-1, 15);
    expect(sim("pearson", false, "c", "b")).toBeCloseTo(1, 15);
  });

  it("honours minSupport", () => {
    const s = computeSimilarities(T, { name: "msd", userBased: false, minSupport: 3 });
    expect(s.data[0 * 3 + 1]).toBe(0); // a, b share u1, u2 only
  });
});

describe("KNNBasic", () => {
  it("user-based msd: Σ sim·r / Σ sim over u2, u3, u4", () => {
    // (0.5·1 + (1/17)·5 + 0.5·2) / (0.5 + 1/17 + 0.5) = 30.5/18
    const p = fitKnnBasic(T).predict("u1", "c");
    expect(p.estimate).toBeCloseTo(30.5 / 18, 14);
    expect(p.impossible).toBe(false);
  });

  it("k keeps the largest similarities, ties in trainset order", () => {
    // k = 2: u2 (0.5) and u4 (0.5) → (1 + 2)/2; u3 (1/17) is dropped.
    expect(fitKnnBasic(T, { k: 2 }).predict("u1", "c").estimate).toBeCloseTo(1.5, 14);
    // k = 1: the tie goes to u2, listed before u4 for item c.
    expect(fitKnnBasic(T, { k: 1 }).predict("u1", "c").estimate).toBeCloseTo(1, 14);
  });

  it("user-based cosine", () => {
    const c12 = 26 / Math.sqrt(680);
    expect(fitKnnBasic(T, { name: "cosine" }).predict("u1", "c").estimate).toBeCloseTo(
      (c12 * 1 + 5 + 2) / (c12 + 2),
      14,
    );
  });

  it("user-based pearson: only positive similarities count (u2 alone)", () => {
    const m = fitKnnBasic(T, { name: "pearson" });
    expect(m.predict("u1", "c").estimate).toBeCloseTo(1, 14);
    expect(m.lastActualK()).toBe(1);
  });

  it("user-based pearson_baseline: u2 is the only neighbour with support ≥ 2", () => {
    expect(fitKnnBasic(T, { name: "pearson_baseline", baseline: ALS1 }).predict("u1", "c").estimate).toBeCloseTo(1, 14);
  });

  it("item-based msd, cosine, pearson and pearson_baseline", () => {
    // neighbours of c among u1's items: a (r 5), b (r 3).
    const msd = (2 / 27) * 5 + (2 / 7) * 3;
    expect(fitKnnBasic(T, { userBased: false }).predict("u1", "c").estimate).toBeCloseTo(msd / (2 / 27 + 2 / 7), 14); // 232/68
    const cca = 9 / Math.sqrt(442);
    expect(fitKnnBasic(T, { userBased: false, name: "cosine" }).predict("u1", "c").estimate).toBeCloseTo(
      (cca * 5 + 1 * 3) / (cca + 1),
      14,
    );
    expect(fitKnnBasic(T, { userBased: false, name: "pearson" }).predict("u1", "c").estimate).toBeCloseTo(3, 14);
    // pearson_baseline item-based, residuals d = r − (μ + b_u + b_i). c, a share u2, u3:
    // c: u2 1 − (3 − 1/9 − 1/13) ≈ −1.812, u3 5 − (3 − 1/13) ≈ 2.077; a: u2 4 − (3 − 1/9 + 1/13) ≈ 1.034,
    // u3 1 − (3 + 1/13) ≈ −2.077: Σ d d' < 0, so a does not count. c, b share u2, u4:
    // c: u2 ≈ −1.812, u4 2 − (3 + 1/221 − 1/13) ≈ −0.928; b: u2 2 − (3 − 1/9) ≈ −0.889, u4 4 − (3 + 1/221)
    // ≈ 0.995: Σ d d' ≈ 0.687 > 0, so b is the one neighbour and the estimate is r_u1b = 3.
    const d = (r: number, u: keyof typeof B, i: keyof typeof B) => r - (3 + B[u] + B[i]);
    expect(d(1, "u2", "c") * d(4, "u2", "a") + d(5, "u3", "c") * d(1, "u3", "a")).toBeLessThan(0);
    expect(d(1, "u2", "c") * d(2, "u2", "b") + d(2, "u4", "c") * d(4, "u4", "b")).toBeCloseTo(0.687, 3);
    const pb = fitKnnBasic(T, { userBased: false, name: "pearson_baseline", baseline: ALS1 });
    expect(pb.predict("u1", "c")).toEqual({ estimate: 3, impossible: false });
    expect(pb.lastActualK()).toBe(1);
  });

  it("fewer than minK neighbours or an unknown id → impossible, the global mean", () => {
    expect(fitKnnBasic(T, { minK: 4 }).predict("u1", "c")).toEqual({ estimate: 3, impossible: true });
    expect(fitKnnBasic(T).predict("stranger", "c")).toEqual({ estimate: 3, impossible: true });
    expect(fitKnnBasic(T).predict("u1", "new item")).toEqual({ estimate: 3, impossible: true });
  });
});

describe("KNNWithMeans", () => {
  it("user-based msd: μ_u1 + Σ sim (r − μ_v) / Σ sim", () => {
    // 4 + (0.5(1 − 7/3) + (1/17)(5 − 3) + 0.5(2 − 3)) / (18/17)
    const want = 4 + (0.5 * (1 - 7 / 3) + (1 / 17) * 2 + 0.5 * -1) / (18 / 17);
    expect(fitKnnWithMeans(T).predict("u1", "c").estimate).toBeCloseTo(want, 14);
  });

  it("user-based cosine and pearson, pearson_baseline", () => {
    const c12 = 26 / Math.sqrt(680);
    const cos = 4 + (c12 * (1 - 7 / 3) + 1 * (5 - 3) + 1 * (2 - 3)) / (c12 + 2);
    expect(fitKnnWithMeans(T, { name: "cosine" }).predict("u1", "c").estimate).toBeCloseTo(cos, 14);
    expect(fitKnnWithMeans(T, { name: "pearson" }).predict("u1", "c").estimate).toBeCloseTo(4 + (1 - 7 / 3), 14); // 8/3
    expect(fitKnnWithMeans(T, { name: "pearson_baseline", baseline: ALS1 }).predict("u1", "c").estimate).toBeCloseTo(
      8 / 3,
      14,
    );
  });

  it("item-based msd, cosine, pearson: μ_c = 8/3 plus the weighted deviations of a (10/3) and b (3)", () => {
    const msd = 8 / 3 + ((2 / 27) * (5 - 10 / 3) + (2 / 7) * 0) / (2 / 27 + 2 / 7); // 8/3 + 1890/5508
    expect(fitKnnWithMeans(T, { userBased: false }).predict("u1", "c").estimate).toBeCloseTo(msd, 14);
    const cca = 9 / Math.sqrt(442);
    expect(fitKnnWithMeans(T, { userBased: false, name: "cosine" }).predict("u1", "c").estimate).toBeCloseTo(
      8 / 3 + (cca * (5 / 3)) / (cca + 1),
      14,
    );
    expect(fitKnnWithMeans(T, { userBased: false, name: "pearson" }).predict("u1", "c").estimate).toBeCloseTo(
      8 / 3,
      14,
    );
  });

  it("below minK the neighbour term is dropped (the mean, not impossible); unknown ids are impossible", () => {
    expect(fitKnnWithMeans(T, { minK: 4 }).predict("u1", "c")).toEqual({ estimate: 4, impossible: false });
    // item-based pearson_baseline: b alone (see KNNBasic), r_u1b − μ_b = 0 → μ_c.
    const m = fitKnnWithMeans(T, { userBased: false, name: "pearson_baseline", baseline: ALS1 });
    expect(m.predict("u1", "c").estimate).toBeCloseTo(8 / 3, 14);
    expect(fitKnnWithMeans(T).predict("u1", "zz")).toEqual({ estimate: 3, impossible: true });
  });
});

describe("KNNBaseline", () => {
  const bui = (u: keyof typeof B, i: keyof typeof B) => 3 + B[u] + B[i];

  it("user-based msd: b_u1c + Σ sim (r_vc − b_vc) / Σ sim", () => {
    const num = 0.5 * (1 - bui("u2", "c")) + (1 / 17) * (5 - bui("u3", "c")) + 0.5 * (2 - bui("u4", "c"));
    const want = bui("u1", "c") + num / (18 / 17);
    expect(fitKnnBaseline(T, { baseline: ALS1 }).predict("u1", "c").estimate).toBeCloseTo(want, 14);
  });

  it("user-based cosine, pearson and pearson_baseline", () => {
    const c12 = 26 / Math.sqrt(680);
    const cos = bui("u1", "c") + (c12 * (1 - bui("u2", "c")) + (5 - bui("u3", "c")) + (2 - bui("u4", "c"))) / (c12 + 2);
    expect(fitKnnBaseline(T, { name: "cosine", baseline: ALS1 }).predict("u1", "c").estimate).toBeCloseTo(cos, 14);
    // pearson and pearson_baseline: u2 alone, its similarity cancels.
    const one = bui("u1", "c") + (1 - bui("u2", "c"));
    expect(fitKnnBaseline(T, { name: "pearson", baseline: ALS1 }).predict("u1", "c").estimate).toBeCloseTo(one, 14);
    expect(fitKnnBaseline(T, { name: "pearson_baseline", baseline: ALS1 }).predict("u1", "c").estimate).toBeCloseTo(
      one,
      14,
    );
  });

  it("item-based msd and pearson", () => {
    const w = [2 / 27, 2 / 7];
    const num = w[0]! * (5 - bui("u1", "a")) + w[1]! * (3 - bui("u1", "b"));
    expect(fitKnnBaseline(T, { userBased: false, baseline: ALS1 }).predict("u1", "c").estimate).toBeCloseTo(
      bui("u1", "c") + num / (w[0]! + w[1]!),
      14,
    );
    expect(
      fitKnnBaseline(T, { userBased: false, name: "pearson", baseline: ALS1 }).predict("u1", "c").estimate,
    ).toBeCloseTo(bui("u1", "c") + (3 - bui("u1", "b")), 14);
  });

  it("an unknown user gets μ + b_i (not impossible); below minK the baseline", () => {
    const m = fitKnnBaseline(T, { baseline: ALS1, minK: 4 });
    expect(m.predict("u1", "c")).toEqual({ estimate: bui("u1", "c"), impossible: false });
    const p = m.predict("stranger", "c");
    expect(p.estimate).toBeCloseTo(3 + B.c, 15);
    expect(p.impossible).toBe(false);
    expect(m.predict("stranger", "nothing")).toEqual({ estimate: 3, impossible: false });
  });

  it("uses Surprise's default ALS (10 epochs) when no baseline options are given", () => {
    expect(fitKnnBaseline(T).baselines!.bu[0]).not.toBeCloseTo(B.u1, 6);
  });
});

describe("input checks", () => {
  it("refuses bad options and an over-large dense matrix", () => {
    expect(() => fitKnnBasic(T, { k: 0 })).toThrow("k must be a positive integer, got 0");
    expect(() => fitKnnBasic(T, { name: "jaccard" as SimilarityName })).toThrow(/unknown similarity jaccard/);
    expect(() => fitKnnBasic(T, { maxDense: 3 })).toThrow("4 users exceed the dense similarity limit of 3");
  });
});
