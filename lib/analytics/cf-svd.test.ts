import { describe, expect, it } from "vitest";
import { fitSvd, fitSvdpp } from "./cf-svd";
import { createRandom } from "./random";
import { buildTrainset, type RatingTriples } from "./ratings";

/** A planted rank-2 rating matrix on [1, 5]: r = 3 + p_u·q_i + small noise, 60% of cells observed. */
function plantedRatings(nUsers: number, nItems: number, seed: number): RatingTriples {
  const random = createRandom(seed);
  const p = Array.from({ length: nUsers }, () => [random.next() * 2 - 1, random.next() * 2 - 1]);
  const q = Array.from({ length: nItems }, () => [random.next() * 2 - 1, random.next() * 2 - 1]);
  const users: string[] = [];
  const items: string[] = [];
  const ratings: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      if (random.next() > 0.6) continue;
      const r = 3 + 1.5 * (p[u]![0]! * q[i]![0]! + p[u]![1]! * q[i]![1]!) + 0.1 * (random.next() - 0.5);
      users.push(`u${u}`);
      items.push(`i${i}`);
      ratings.push(Math.min(5, Math.max(1, r)));
    }
  }
  return { users, items, ratings: Float64Array.from(ratings) };
}

const T = buildTrainset(
  {
    users: ["u1", "u1", "u2", "u2", "u3"],
    items: ["a", "b", "a", "c", "b"],
    ratings: Float64Array.of(5, 3, 4, 1, 2),
  },
  { scale: [1, 5] },
);

describe("fitSvd", () => {
  it("with zero epochs predicts μ + the initial dot product, factors drawn users first (numpy's draws)", () => {
    // RandomState(0).normal(0, 0.1, (3 users, 2)) then (3 items, 2): p_u1 = (0.17640523, 0.04001572).
    const m = fitSvd(T, { nFactors: 2, nEpochs: 0, rng: "numpy", seed: 0 });
    expect(m.pu[0]).toBe(0.1764052345967664);
    expect(m.pu[1]).toBe(0.040015720836722335);
    expect(m.pu[5]).toBe(-0.0977277879876411);
    const dot = m.qi[0]! * m.pu[0]! + m.qi[1]! * m.pu[1]!;
    expect(m.predict("u1", "a").estimate).toBeCloseTo(3 + dot, 15);
  });

  it("one SGD step by hand: biases and factors updated with the same error and the old factor values", () => {
    const one = buildTrainset({ users: ["u"], items: ["i"], ratings: Float64Array.of(4) }, { scale: [1, 5] });
    const init = fitSvd(one, { nFactors: 2, nEpochs: 0, rng: "numpy", seed: 0 });
    const m = fitSvd(one, { nFactors: 2, nEpochs: 1, rng: "numpy", seed: 0 });
    const [p0, p1] = [init.pu[0]!, init.pu[1]!];
    const [q0, q1] = [init.qi[0]!, init.qi[1]!];
    const err = 4 - (4 + 0 + 0 + (q0 * p0 + q1 * p1)); // μ = 4
    expect(m.bu[0]).toBeCloseTo(0.005 * err, 17);
    expect(m.bi[0]).toBeCloseTo(0.005 * err, 17);
    expect(m.pu[0]).toBeCloseTo(p0 + 0.005 * (err * q0 - 0.02 * p0), 17);
    expect(m.qi[1]).toBeCloseTo(q1 + 0.005 * (err * p1 - 0.02 * q1), 17);
  });

  it("is reproducible by seed, and another seed gives other predictions", () => {
    const a = fitSvd(T, { seed: 3 }).predict("u1", "c").estimate;
    expect(fitSvd(T, { seed: 3 }).predict("u1", "c").estimate).toBe(a);
    expect(fitSvd(T, { seed: 4 }).predict("u1", "c").estimate).not.toBe(a);
  });

  it("unknown ids: biased falls back to the known biases, unbiased is impossible", () => {
    const m = fitSvd(T, { nEpochs: 5 });
    expect(m.predict("new", "a")).toEqual({ estimate: T.globalMean + m.bi[0]!, impossible: false });
    const pmf = fitSvd(T, { biased: false, nEpochs: 5 });
    expect(pmf.predict("new", "a")).toEqual({ estimate: 3, impossible: true });
    expect(pmf.bu[0]).toBe(0);
  });

  it("learns a planted low-rank matrix far better than the global mean", () => {
    const data = plantedRatings(80, 50, 1);
    const n = data.ratings.length;
    const trainRows = Int32Array.from({ length: n }, (_, r) => r).filter((r) => r % 5 !== 0);
    const train = buildTrainset(data, { scale: [1, 5], rows: trainRows });
    const svd = fitSvd(train, { nFactors: 10, nEpochs: 100, lrAll: 0.01, seed: 0 });
    let se = 0;
    let seMean = 0;
    let count = 0;
    for (let r = 0; r < n; r += 5) {
      const y = data.ratings[r]!;
      se += (y - svd.predict(data.users[r]!, data.items[r]!).estimate) ** 2;
      seMean += (y - train.globalMean) ** 2;
      count++;
    }
    expect(Math.sqrt(se / count)).toBeLessThan(0.6 * Math.sqrt(seMean / count));
  });

  it("refuses bad options", () => {
    expect(() => fitSvd(T, { nFactors: 0 })).toThrow("nFactors must be a positive integer, got 0");
    expect(() => fitSvd(T, { lr: { pu: -1 } })).toThrow("lr.pu must be a finite number ≥ 0, got -1");
  });
});

describe("fitSvdpp", () => {
  it("with zero epochs predicts μ + q_iᵀ(p_u + |I_u|^−½ Σ y_j), y drawn after q", () => {
    const m = fitSvdpp(T, { nFactors: 2, nEpochs: 0, rng: "numpy", seed: 0 });
    // u1 rated a (0) and b (1): implicit = (y_a + y_b)/√2.
    const f = (k: number) => m.pu[k]! + (m.yj[k]! + m.yj[2 + k]!) / Math.SQRT2;
    expect(m.predict("u1", "c").estimate).toBeCloseTo(3 + m.qi[4]! * f(0) + m.qi[5]! * f(1), 15);
    expect(m.pu[0]).toBe(0.1764052345967664);
  });

  it("one SGD step by hand on a single rating (|I_u| = 1)", () => {
    const one = buildTrainset({ users: ["u"], items: ["i"], ratings: Float64Array.of(2) }, { scale: [1, 5] });
    const init = fitSvdpp(one, { nFactors: 1, nEpochs: 0, rng: "numpy", seed: 1 });
    const m = fitSvdpp(one, { nFactors: 1, nEpochs: 1, rng: "numpy", seed: 1 });
    const [p, q, y] = [init.pu[0]!, init.qi[0]!, init.yj[0]!];
    const err = 2 - (2 + q * (p + y)); // μ = 2
    expect(m.bu[0]).toBeCloseTo(0.007 * err, 17);
    expect(m.pu[0]).toBeCloseTo(p + 0.007 * (err * q - 0.02 * p), 17);
    expect(m.qi[0]).toBeCloseTo(q + 0.007 * (err * (p + y) - 0.02 * q), 17);
    expect(m.yj[0]).toBeCloseTo(y + 0.007 * (err * q - 0.02 * y), 17);
  });

  it("is reproducible by seed and learns the planted matrix", () => {
    const a = fitSvdpp(T, { seed: 5 }).predict("u2", "b").estimate;
    expect(fitSvdpp(T, { seed: 5 }).predict("u2", "b").estimate).toBe(a);
    expect(fitSvdpp(T, { seed: 6 }).predict("u2", "b").estimate).not.toBe(a);

    const data = plantedRatings(60, 30, 2);
    const n = data.ratings.length;
    const train = buildTrainset(data, {
      scale: [1, 5],
      rows: Int32Array.from({ length: n }, (_, r) => r).filter((r) => r % 5 !== 0),
    });
    const m = fitSvdpp(train, { nFactors: 10, nEpochs: 60 });
    let se = 0;
    let seMean = 0;
    for (let r = 0; r < n; r += 5) {
      se += (data.ratings[r]! - m.predict(data.users[r]!, data.items[r]!).estimate) ** 2;
      seMean += (data.ratings[r]! - train.globalMean) ** 2;
    }
    expect(Math.sqrt(se)).toBeLessThan(0.6 * Math.sqrt(seMean));
  });
});
