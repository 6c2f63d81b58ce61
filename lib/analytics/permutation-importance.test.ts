import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/regression.json";
import { linearRegression } from "./linear-models";
import { createMatrix, fromRows, type Matrix } from "./matrix";
import {
  featureMeans,
  linearContributions,
  permutationImportance,
  rankContributions,
  standardizedCoefficients,
} from "./permutation-importance";
import { createRandom } from "./random";
import { r2 } from "./regression-metrics";

// Reference values: lib/analytics/fixtures/regression.json ("permutation"), written by
// scripts/reference/regression.py: sklearn.inspection.permutation_importance 1.2.1 on a
// LinearRegression, with the row orders sklearn applied (replayed and checked in the script).

function spend(): { x: Matrix; y: Float64Array } {
  const d = fixtures.datasets.spend;
  return { x: createMatrix(d.rows, d.cols, Float64Array.from(d.data)), y: Float64Array.from(d.y) };
}

/** y = 3·x₁ + 0·x₂ exactly, x₁ and x₂ independent draws. */
function linearData(n: number, seed: number): { x: Matrix; y: Float64Array } {
  const random = createRandom(seed);
  const x = createMatrix(
    n,
    2,
    Float64Array.from({ length: 2 * n }, () => random.next()),
  );
  const y = Float64Array.from({ length: n }, (_, i) => 3 * x.data[2 * i]!);
  return { x, y };
}

describe("permutationImportance", () => {
  it("replays sklearn's permutations and matches its importances", () => {
    const { x, y } = spend();
    const ref = fixtures.permutation;
    const model = linearRegression(x, y);
    const result = permutationImportance(x, y, (xs, ys) => r2(ys, model.predict(xs)), {
      nRepeats: ref.nRepeats,
      permutation: (_feature, repeat) => ref.permutations[repeat]!,
    });
    expect(result.baseline).toBeCloseTo(ref.baseline, 9);
    expect(result.importances.rows).toBe(6);
    expect(result.importances.cols).toBe(ref.nRepeats);
    ref.importances.forEach((row, j) =>
      row.forEach((v, r) => expect(result.importances.data[j * ref.nRepeats + r]).toBeCloseTo(v, 9)),
    );
    ref.importancesMean.forEach((v, j) => expect(result.importancesMean[j]).toBeCloseTo(v, 9));
    ref.importancesStd.forEach((v, j) => expect(result.importancesStd[j]).toBeCloseTo(v, 9));
  });

  it("y = 3x₁ + 0x₂: the first feature matters, the ignored one gets exactly 0", () => {
    const { x, y } = linearData(500, 1);
    const model = linearRegression(x, y);
    const r = permutationImportance(x, y, (xs, ys) => r2(ys, model.predict(xs)), { nRepeats: 5, seed: 2 });
    // Shuffling x₁ destroys the fit: r2 drops from 1 to about −1 (the expected r2 of an independent
    // copy of the target is 1 − 2 = −1), so the decrease is about 2.
    expect(r.baseline).toBeCloseTo(1, 12);
    expect(r.importancesMean[0]).toBeGreaterThan(1.5);
    expect(r.importancesMean[0]).toBeLessThan(2.5);
    expect(r.importancesStd[0]).toBeGreaterThan(0);
    // The model's coefficient on x₂ is ~1e-16, so the predictions do not move at all, or by rounding.
    expect(Math.abs(r.importancesMean[1]!)).toBeLessThan(1e-12);

    // The exact model 3·x₁ + 0·x₂: 0 · anything adds nothing, so the decrease is exactly 0.
    const exact = (xs: Matrix) =>
      Float64Array.from({ length: xs.rows }, (_, i) => 3 * xs.data[2 * i]! + 0 * xs.data[2 * i + 1]!);
    const e = permutationImportance(x, y, (xs, ys) => r2(ys, exact(xs)), { nRepeats: 5, seed: 2 });
    expect(Array.from(e.importances.data.subarray(5, 10))).toEqual([0, 0, 0, 0, 0]);
    expect(e.importancesMean[1]).toBe(0);
    expect(e.importancesStd[1]).toBe(0);
    expect(e.importancesMean[0]).toBeCloseTo(r.importancesMean[0]!, 10);
  });

  it("a feature the score never reads gets exactly 0, whatever the permutation", () => {
    const { x, y } = linearData(50, 3);
    const score = (xs: Matrix, ys: Float64Array) => -Math.abs(xs.data[0]! * 3 - ys[0]!) - xs.data[2]!;
    // Reads x[0, 0] and x[1, 0] only: feature 1 is ignored.
    const r = permutationImportance(x, y, score, { nRepeats: 3, seed: 9 });
    expect(Array.from(r.importances.data.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(r.importancesStd[1]).toBe(0);
  });

  it("replicates a given permutation's decrease by hand", () => {
    // Four rows, score = Σ_i x_i0 · w_i with w = (1, 2, 3, 4): baseline with x0 = (1, 2, 3, 4) is
    // 1 + 4 + 9 + 16 = 30. The reversal (3, 2, 1, 0) gives x0 = (4, 3, 2, 1): 4 + 6 + 6 + 4 = 20,
    // decrease 10; the identity gives decrease 0. Mean over the two repeats 5, population std 5.
    const x = fromRows([
      [1, 10],
      [2, 20],
      [3, 30],
      [4, 40],
    ]);
    const score = (xs: Matrix) => [1, 2, 3, 4].reduce((s, w, i) => s + w * xs.data[i * 2]!, 0);
    const orders = [
      [3, 2, 1, 0],
      [0, 1, 2, 3],
    ];
    const r = permutationImportance(x, new Float64Array(4), score, {
      nRepeats: 2,
      permutation: (_feature, repeat) => orders[repeat]!,
    });
    expect(r.baseline).toBe(30);
    expect(Array.from(r.importances.data)).toEqual([10, 0, 0, 0]);
    expect(r.importancesMean[0]).toBe(5);
    expect(r.importancesStd[0]).toBe(5);
    // x is left as it was.
    expect(Array.from(x.data)).toEqual([1, 10, 2, 20, 3, 30, 4, 40]);
  });

  it("is reproducible from the seed, differs between seeds, and std is 0 with one repeat", () => {
    const { x, y } = linearData(200, 4);
    const model = linearRegression(x, y);
    const score = (xs: Matrix, ys: Float64Array) => r2(ys, model.predict(xs));
    const a = permutationImportance(x, y, score, { nRepeats: 4, seed: 11 });
    const b = permutationImportance(x, y, score, { nRepeats: 4, seed: 11 });
    const c = permutationImportance(x, y, score, { nRepeats: 4, seed: 12 });
    expect(Array.from(a.importances.data)).toEqual(Array.from(b.importances.data));
    expect(a.importances.data[0]).not.toBe(c.importances.data[0]);
    const one = permutationImportance(x, y, score, { nRepeats: 1, seed: 11 });
    expect(Array.from(one.importancesStd)).toEqual([0, 0]);
    // The first repeat of a longer run is the single run's draw.
    expect(one.importances.data[0]).toBe(a.importances.data[0]);
    // More repeats: std over repeats estimates the spread; the mean lies within the draws.
    const draws = Array.from(a.importances.data.subarray(0, 4));
    expect(a.importancesMean[0]).toBeGreaterThanOrEqual(Math.min(...draws));
    expect(a.importancesMean[0]).toBeLessThanOrEqual(Math.max(...draws));
    const mean = draws.reduce((s, v) => s + v) / 4;
    expect(a.importancesStd[0]).toBeCloseTo(Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / 4), 14);
  });

  it("rejects bad input", () => {
    const x = fromRows([[1], [2], [3]]);
    const y = Float64Array.of(1, 2, 3);
    const score = () => 1;
    expect(() => permutationImportance(x, y, score, { nRepeats: 0 })).toThrow(
      new RangeError("nRepeats must be an integer ≥ 1, got 0"),
    );
    expect(() => permutationImportance(x, Float64Array.of(1), score)).toThrow(
      new RangeError("y has 1 values but x has 3 rows"),
    );
    expect(() => permutationImportance(fromRows([[1]]), Float64Array.of(1), score)).toThrow(
      new RangeError("permutation importance needs at least 2 rows and 1 column, got 1×1"),
    );
    expect(() => permutationImportance(x, y, score, { permutation: () => [0, 0, 1] })).toThrow(
      new RangeError("permutation for feature 0, repeat 0 is not a permutation of 0..2 (entry 1 is 0)"),
    );
    expect(() => permutationImportance(x, y, score, { permutation: () => [0, 1] })).toThrow(
      new RangeError("permutation for feature 0, repeat 0 has 2 entries, expected 3"),
    );
    expect(() => permutationImportance(x, y, () => Number.NaN)).toThrow(
      new RangeError("the score on the unpermuted data is not finite: NaN"),
    );
  });
});

describe("standardizedCoefficients", () => {
  it("equals the coefficients of the model fitted on standardised features", () => {
    const { x, y } = spend();
    const model = linearRegression(x, y);
    const mean = featureMeans(x);
    const std = Array.from(mean, (m, j) => {
      let v = 0;
      for (let i = 0; i < x.rows; i++) v += (x.data[i * x.cols + j]! - m) ** 2;
      return Math.sqrt(v / x.rows);
    });
    const z = createMatrix(
      x.rows,
      x.cols,
      Float64Array.from(x.data, (v, k) => (v - mean[k % x.cols]!) / std[k % x.cols]!),
    );
    const onScaled = linearRegression(z, y);
    const s = standardizedCoefficients(model.coef, x);
    onScaled.coef.forEach((c, j) => expect(s[j]).toBeCloseTo(c, 8));
  });

  it("hand-computed: coef 2 on x = 1, 3 (population std 1)", () => {
    expect(Array.from(standardizedCoefficients([2], fromRows([[1], [3]])))).toEqual([2]);
    expect(() => standardizedCoefficients([1, 2], fromRows([[1], [3]]))).toThrow(
      new RangeError("coef has 2 values but x has 1 columns"),
    );
  });
});

describe("linearContributions and rankContributions", () => {
  it("contributions sum to the prediction minus the prediction at the mean row", () => {
    const { x, y } = spend();
    const model = linearRegression(x, y);
    const mean = featureMeans(x);
    const c = linearContributions(model.coef, x, mean);
    const pred = model.predict(x);
    const atMean = model.predict(createMatrix(1, x.cols, mean))[0]!;
    for (const i of [0, 17, 299]) {
      let s = 0;
      for (let j = 0; j < x.cols; j++) s += c.data[i * x.cols + j]!;
      expect(s).toBeCloseTo(pred[i]! - atMean, 8);
    }
  });

  it("hand-computed reason codes, largest |contribution| first", () => {
    // coef (2, −1, 0.5), means (1, 1, 1), row (3, 5, 1): contributions 2·2 = 4, −1·4 = −4, 0.5·0 = 0.
    const c = linearContributions([2, -1, 0.5], fromRows([[3, 5, 1]]), [1, 1, 1]);
    expect(Array.from(c.data)).toEqual([4, -4, 0]);
    // |4| = |−4|: the tie goes to the lower feature index; the zero gives no reason.
    expect(rankContributions(c.data)).toEqual([
      { feature: 0, contribution: 4 },
      { feature: 1, contribution: -4 },
    ]);
    expect(rankContributions([0.1, -3, 2], 2)).toEqual([
      { feature: 1, contribution: -3 },
      { feature: 2, contribution: 2 },
    ]);
  });

  it("rejects mismatched lengths and bad top", () => {
    expect(() => linearContributions([1], fromRows([[1, 2]]), [0, 0])).toThrow(
      new RangeError("coef has 1 values but x has 2 columns"),
    );
    expect(() => linearContributions([1, 1], fromRows([[1, 2]]), [0])).toThrow(
      new RangeError("mean has 1 values but x has 2 columns"),
    );
    expect(() => rankContributions([1], -1)).toThrow(new RangeError("top must be an integer ≥ 0, got -1"));
  });
});
