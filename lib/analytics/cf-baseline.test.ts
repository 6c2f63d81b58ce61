import { describe, expect, it } from "vitest";
import { computeBaselines, fitBaselineOnly, fitNormalPredictor } from "./cf-baseline";
import { buildTrainset, type RatingTriples } from "./ratings";

function triples(rows: [string, string, number][]): RatingTriples {
  return {
    users: rows.map((r) => r[0]),
    items: rows.map((r) => r[1]),
    ratings: Float64Array.from(rows.map((r) => r[2])),
  };
}

// u1: a 5, b 3; u2: a 4, b 2, c 1; u3: a 1, c 5; u4: b 4, c 2 (μ = 3), as in cf-knn.test.ts.
const T = buildTrainset(
  triples([
    ["u1", "a", 5],
    ["u1", "b", 3],
    ["u2", "a", 4],
    ["u2", "b", 2],
    ["u2", "c", 1],
    ["u3", "a", 1],
    ["u3", "c", 5],
    ["u4", "b", 4],
    ["u4", "c", 2],
  ]),
  { scale: [1, 5] },
);

describe("computeBaselines: ALS", () => {
  it("one epoch: items from b_u = 0, then users from those b_i", () => {
    const { bu, bi } = computeBaselines(T, { nEpochs: 1 });
    // b_a = (2 + 1 − 2)/(10 + 3), b_b = (0 − 1 + 1)/13, b_c = (−2 + 2 − 1)/13
    expect(Array.from(bi)).toEqual([1 / 13, 0, -1 / 13].map((v) => expect.closeTo(v, 15)));
    // b_u1 = (2 − 1/13 + 0)/(15 + 2), b_u2 = ((1 − 1/13) − 1 + (−2 + 1/13))/18, b_u3 = 0, b_u4 = (1/13)/17
    expect(Array.from(bu)).toEqual([25 / 221, -1 / 9, 0, 1 / 221].map((v) => expect.closeTo(v, 15)));
  });

  it("two epochs: the second item pass uses the first epoch's b_u", () => {
    const { bu, bi } = computeBaselines(T, { nEpochs: 2 });
    const bu1 = [25 / 221, -1 / 9, 0, 1 / 221];
    const ba = (5 - 3 - bu1[0]! + (4 - 3 - bu1[1]!) + (1 - 3 - bu1[2]!)) / 13;
    const bb = (3 - 3 - bu1[0]! + (2 - 3 - bu1[1]!) + (4 - 3 - bu1[3]!)) / 13;
    const bc = (1 - 3 - bu1[1]! + (5 - 3 - bu1[2]!) + (2 - 3 - bu1[3]!)) / 13;
    expect(bi[0]).toBeCloseTo(ba, 15);
    expect(bi[1]).toBeCloseTo(bb, 15);
    expect(bi[2]).toBeCloseTo(bc, 15);
    expect(bu[0]).toBeCloseTo((5 - 3 - ba + (3 - 3 - bb)) / 17, 15);
  });

  it("defaults are Surprise's: 10 epochs, reg_u 15, reg_i 10", () => {
    const d = computeBaselines(T);
    const e = computeBaselines(T, { method: "als", nEpochs: 10, regU: 15, regI: 10 });
    expect(Array.from(d.bu)).toEqual(Array.from(e.bu));
    expect(Array.from(d.bi)).toEqual(Array.from(e.bi));
    expect(Array.from(computeBaselines(T, { nEpochs: 9 }).bu)).not.toEqual(Array.from(d.bu));
  });
});

describe("computeBaselines: SGD", () => {
  it("one epoch over u1: a 5, b 3; u2: a 1 (μ = 3, lr 0.005, reg 0.02), one error per step", () => {
    const t = buildTrainset(
      triples([
        ["u1", "a", 5],
        ["u1", "b", 3],
        ["u2", "a", 1],
      ]),
      { scale: [1, 5] },
    );
    const { bu, bi } = computeBaselines(t, { method: "sgd", nEpochs: 1 });
    // (u1, a): e = 2 → b_u1 = 0.01, b_a = 0.01.
    // (u1, b): e = 3 − 3.01 = −0.01 → b_u1 = 0.01 + 0.005(−0.01 − 0.0002) = 0.009949, b_b = −0.00005.
    // (u2, a): e = 1 − 3.01 = −2.01 → b_u2 = −0.01005, b_a = 0.01 + 0.005(−2.01 − 0.0002) = −0.000051.
    expect(bu[0]).toBeCloseTo(0.009949, 15);
    expect(bu[1]).toBeCloseTo(-0.01005, 15);
    expect(bi[0]).toBeCloseTo(-0.000051, 15);
    expect(bi[1]).toBeCloseTo(-0.00005, 15);
  });
});

describe("fitBaselineOnly", () => {
  it("predicts μ + b_u + b_i, unknown sides counting 0, never impossible, clipped", () => {
    const m = fitBaselineOnly(T, { nEpochs: 1 });
    expect(m.predict("u1", "c").estimate).toBeCloseTo(3 + 25 / 221 - 1 / 13, 15);
    expect(m.predict("new", "a")).toEqual({ estimate: 3 + 1 / 13, impossible: false });
    expect(m.predict("new", "new")).toEqual({ estimate: 3, impossible: false });
    // A huge learning rate overshoots; the estimate is clipped to the scale.
    const wild = fitBaselineOnly(T, { method: "sgd", learningRate: 5, nEpochs: 3 });
    for (const u of ["u1", "u2", "u3", "u4"]) {
      const e = wild.predict(u, "a").estimate;
      expect(e).toBeGreaterThanOrEqual(1);
      expect(e).toBeLessThanOrEqual(5);
    }
  });

  it("refuses bad options", () => {
    expect(() => computeBaselines(T, { nEpochs: -1 })).toThrow("nEpochs must be an integer ≥ 0, got -1");
    expect(() => computeBaselines(T, { method: "sgd", reg: Number.NaN })).toThrow(/reg must be a finite number/);
    expect(() => computeBaselines(T, { method: "newton" } as never)).toThrow(/unknown baseline method newton/);
  });
});

describe("fitNormalPredictor", () => {
  it("draws N(μ, σ²) with the maximum-likelihood σ, numpy's draws with rng numpy", () => {
    // Σ(r − 3)² = 4 + 0 + 1 + 1 + 4 + 4 + 4 + 1 + 1 = 20 → σ = √(20/9).
    const m = fitNormalPredictor(T, { seed: 0, rng: "numpy" });
    expect(m.sigma).toBeCloseTo(Math.sqrt(20 / 9), 15);
    // np.random.seed(0); np.random.normal(3, σ) twice → 5.629693974301116 (clipped to 5), 3.596519146397106.
    expect(m.predict("u1", "c")).toEqual({ estimate: 5, impossible: false });
    expect(m.predict("u1", "c").estimate).toBe(3.596519146397106);
  });

  it("is reproducible by seed with the ShopLens generator", () => {
    const draw = (seed: number) => {
      const m = fitNormalPredictor(T, { seed });
      return [1, 2, 3].map(() => m.predict("u1", "a").estimate);
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });
});
