import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/regression.json";
import {
  lasso,
  lassoAlphaGrid,
  lassoAlphaMax,
  lassoCV,
  lassoPath,
  linearRegression,
  ridge,
  type LinearModel,
} from "./linear-models";
import { createMatrix, fromRows, type Matrix } from "./matrix";

// Reference values: lib/analytics/fixtures/regression.json, written by scripts/reference/regression.py
// (scikit-learn 1.2.1, numpy 1.24.2, fixed seeds). Regenerate with
// `/usr/bin/python3 scripts/reference/regression.py`.

type Dataset = { rows: number; cols: number; data: number[]; y: number[] };
const datasets = fixtures.datasets as Record<string, Dataset>;

function dataset(name: string): { x: Matrix; y: Float64Array } {
  const d = datasets[name];
  if (!d) throw new Error(`no dataset ${name} in the fixture`);
  return { x: createMatrix(d.rows, d.cols, Float64Array.from(d.data)), y: Float64Array.from(d.y) };
}

/** |actual − expected| ≤ tol · max(1, |expected|), entry by entry. */
function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, j) => {
    const a = actual[j]!;
    if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) {
      throw new Error(`entry ${j}: ${a} differs from the reference ${e} by more than ${tol} (relative)`);
    }
  });
}

function expectModel(m: LinearModel, ref: { coef: number[]; intercept: number }, tol = 1e-6): void {
  expectClose(m.coef, ref.coef, tol);
  expectClose([m.intercept], [ref.intercept], tol);
}

describe("linearRegression", () => {
  it("recovers an exact line: y = 1 + 2x", () => {
    const m = linearRegression(fromRows([[0], [1], [2], [3]]), Float64Array.of(1, 3, 5, 7));
    expect(m.coef[0]).toBeCloseTo(2, 12);
    expect(m.intercept).toBeCloseTo(1, 12);
    expect(m.rank).toBe(1);
    expect(Array.from(m.predict(fromRows([[10]])))).toEqual([expect.closeTo(21, 10)]);
  });

  it("hand-computed least squares through noisy points", () => {
    // x = 0, 1, 2; y = 1, 2, 4. x̄ = 1, ȳ = 7/3; Σ(x − x̄)(y − ȳ) = (−1)(−4/3) + 0 + (1)(5/3) = 3,
    // Σ(x − x̄)² = 2, so slope 3/2 and intercept 7/3 − 3/2 = 5/6.
    const m = linearRegression(fromRows([[0], [1], [2]]), Float64Array.of(1, 2, 4));
    expect(m.coef[0]).toBeCloseTo(1.5, 12);
    expect(m.intercept).toBeCloseTo(5 / 6, 12);
  });

  it.each(["spend", "collinear", "duplicate"])("matches sklearn's LinearRegression on %s", (name) => {
    const { x, y } = dataset(name);
    const ref = (fixtures.linear as Record<string, { coef: number[]; intercept: number }>)[name]!;
    expectModel(linearRegression(x, y), ref);
  });

  it("gives the minimum-norm solution when a column is an exact multiple of another", () => {
    // Column 2 = 2 · column 0: only b = w0 + 2·w2 is identified; the minimum of w0² + w2² under that
    // constraint is w0 = b/5, w2 = 2b/5.
    const { x, y } = dataset("collinear");
    const m = linearRegression(x, y);
    expect(m.rank).toBe(2);
    expect(m.coef[2]! / m.coef[0]!).toBeCloseTo(2, 10);
    // Predictions equal those of the full-rank fit on columns 0 and 1 alone.
    const reduced = linearRegression(
      createMatrix(
        x.rows,
        2,
        Float64Array.from({ length: x.rows * 2 }, (_, k) => x.data[Math.floor(k / 2) * 3 + (k % 2)]!),
      ),
      y,
    );
    expect(m.coef[0]! + 2 * m.coef[2]!).toBeCloseTo(reduced.coef[0]!, 10);
    expect(m.coef[1]).toBeCloseTo(reduced.coef[1]!, 10);
    expect(m.intercept).toBeCloseTo(reduced.intercept, 10);
  });

  it("splits the coefficient of a duplicated column equally", () => {
    const { x, y } = dataset("duplicate");
    const m = linearRegression(x, y);
    expect(m.rank).toBe(2);
    expect(m.coef[1]).toBeCloseTo(m.coef[2]!, 10);
    expect(m.singularValues[2]! / m.singularValues[0]!).toBeLessThan(1e-13);
  });

  it("handles more columns than rows (minimum norm)", () => {
    // Two rows, three columns, centred rows (−1, −1, −1)·t and (1, 1, 1)·t: one direction identified.
    const m = linearRegression(
      fromRows([
        [0, 0, 0],
        [1, 1, 1],
      ]),
      Float64Array.of(0, 3),
    );
    expect(m.rank).toBe(1);
    expectClose(m.coef, [1, 1, 1], 1e-12);
    expect(m.intercept).toBeCloseTo(0, 12);
  });

  it("a constant column gets coefficient 0", () => {
    const m = linearRegression(
      fromRows([
        [0, 5],
        [1, 5],
        [2, 5],
      ]),
      Float64Array.of(1, 3, 5),
    );
    expect(m.coef[1]).toBe(0);
    expect(m.coef[0]).toBeCloseTo(2, 12);
  });
});

describe("ridge", () => {
  it("hand-computed: x = 0, 1, 2, y = x, alpha = 2", () => {
    // Centred x = −1, 0, 1: Gram 2, xᵀy = 2, so w = 2 / (2 + α) = 0.5 and intercept 1 − 0.5 · 1 = 0.5.
    const m = ridge(fromRows([[0], [1], [2]]), Float64Array.of(0, 1, 2), { alpha: 2 });
    expect(m.coef[0]).toBeCloseTo(0.5, 14);
    expect(m.intercept).toBeCloseTo(0.5, 14);
    expect(m.alpha).toBe(2);
  });

  it.each(fixtures.ridge.map((r) => [r.dataset, r.alpha, r] as const))(
    "matches sklearn's Ridge on %s, alpha %s",
    (name, alpha, ref) => {
      const { x, y } = dataset(name);
      expectModel(ridge(x, y, { alpha }), ref);
    },
  );

  it("alpha 0 is ordinary least squares (minimum norm on a singular design)", () => {
    const { x, y } = dataset("duplicate");
    expectModel(ridge(x, y, { alpha: 0 }), fixtures.linear.duplicate);
  });

  it("defaults to alpha 1, as sklearn", () => {
    const { x, y } = dataset("spend");
    expect(Array.from(ridge(x, y).coef)).toEqual(Array.from(ridge(x, y, { alpha: 1 }).coef));
  });
});

describe("lasso", () => {
  it("hand-computed soft threshold: x = 0, 1, 2, y = x", () => {
    // Centred Gram 2, xᵀy = 2, n = 3: w = max(2 − 3α, 0) / 2, so α = 1/3 gives 0.5 (intercept 0.5),
    // and alphaMax = 2/3.
    const x = fromRows([[0], [1], [2]]);
    const y = Float64Array.of(0, 1, 2);
    const m = lasso(x, y, { alpha: 1 / 3, tol: 1e-12 });
    expect(m.coef[0]).toBeCloseTo(0.5, 14);
    expect(m.intercept).toBeCloseTo(0.5, 14);
    expect(m.converged).toBe(true);
    expect(lassoAlphaMax(x, y)).toBeCloseTo(2 / 3, 15);
    expect(lasso(x, y, { alpha: lassoAlphaMax(x, y) }).coef[0]).toBe(0);
  });

  it.each(fixtures.lasso.map((r) => [r.dataset, r.note, r] as const))(
    "matches sklearn's Lasso on %s (%s), tol 1e-10",
    (name, _note, ref) => {
      const { x, y } = dataset(name);
      const m = lasso(x, y, { alpha: ref.alpha, tol: 1e-10, maxIter: 100000 });
      expectModel(m, ref);
      expect(m.converged).toBe(true);
      expect(m.dualGap).toBeLessThan(1e-10 * 1e4);
      // Same updates, same stopping rule: the sweep counts agree up to rounding.
      expect(Math.abs(m.iterations - ref.nIter)).toBeLessThanOrEqual(Math.max(2, 0.01 * ref.nIter));
      // Zeros are exact: the soft threshold returns 0, not a tiny number.
      ref.coef.forEach((c, j) => {
        if (Math.abs(c) < 1e-12) expect(m.coef[j]).toBe(0);
      });
    },
  );

  it("zeroes some coefficients at moderate alpha and all of them from alphaMax up", () => {
    const { x, y } = dataset("spend");
    const alphaMax = lassoAlphaMax(x, y);
    expect(alphaMax).toBeCloseTo(fixtures.lassoGrid.alphaMax, 9);
    const some = lasso(x, y, { alpha: 0.01 * alphaMax, tol: 1e-10, maxIter: 100000 });
    const zeros = Array.from(some.coef).filter((c) => c === 0).length;
    expect(zeros).toBeGreaterThan(0);
    expect(zeros).toBeLessThan(6);
    for (const alpha of [alphaMax, 3 * alphaMax]) {
      const m = lasso(x, y, { alpha, tol: 1e-10 });
      expect(Array.from(m.coef)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(m.intercept).toBeCloseTo(y.reduce((a, b) => a + b) / y.length, 10);
      expect(m.iterations).toBe(1);
    }
    // Just below alphaMax one coefficient enters.
    expect(lasso(x, y, { alpha: alphaMax * (1 - 1e-6), tol: 1e-10 }).coef.some((c) => c !== 0)).toBe(true);
  });

  it("a warm start at the solution stops after one sweep", () => {
    const { x, y } = dataset("spend");
    const alpha = 0.01 * lassoAlphaMax(x, y);
    const cold = lasso(x, y, { alpha, tol: 1e-8, maxIter: 100000 });
    const warm = lasso(x, y, { alpha, tol: 1e-8, coefInit: cold.coef });
    expect(warm.iterations).toBe(1);
    expectClose(warm.coef, Array.from(cold.coef), 1e-9);
    expect(cold.coef).not.toBe(warm.coef);
  });

  it("reports non-convergence at maxIter", () => {
    const { x, y } = dataset("collinear");
    const ref = fixtures.lasso.find((r) => r.dataset === "collinear" && r.nIter > 1000)!;
    const m = lasso(x, y, { alpha: ref.alpha, tol: 1e-10, maxIter: 50 });
    expect(m.converged).toBe(false);
    expect(m.iterations).toBe(50);
    expect(m.dualGap).toBeGreaterThan(0);
  });

  it("a constant target gives zero coefficients at once", () => {
    const m = lasso(fromRows([[0], [1], [2]]), Float64Array.of(4, 4, 4), { alpha: 0.1 });
    expect(Array.from(m.coef)).toEqual([0]);
    expect(m.intercept).toBe(4);
    expect(m.converged).toBe(true);
  });
});

describe("lasso path and alpha choice", () => {
  it("lassoAlphaGrid matches sklearn's alphas_", () => {
    const { x, y } = dataset("spend");
    const g = fixtures.lassoGrid;
    expectClose(lassoAlphaGrid(x, y, { nAlphas: g.nAlphas, eps: g.eps }), g.alphas, 1e-12);
    expect(lassoAlphaGrid(x, y).length).toBe(100);
  });

  it("lassoPath with warm starts matches the separate sklearn fits", () => {
    const { x, y } = dataset("spend");
    const refs = fixtures.lasso.filter((r) => r.dataset === "spend").sort((a, b) => b.alpha - a.alpha);
    // Given in increasing order; fitted and returned decreasing.
    const path = lassoPath(x, y, { alphas: refs.map((r) => r.alpha).reverse(), tol: 1e-10, maxIter: 100000 });
    expect(path.map((m) => m.alpha)).toEqual(refs.map((r) => r.alpha));
    path.forEach((m, k) => expectModel(m, refs[k]!));
  });

  it("lassoCV chooses the alpha of lowest mean fold MSE and refits on all rows", () => {
    const { x, y } = dataset("spend");
    const cv = lassoCV(x, y, { nAlphas: 20, folds: 4, seed: 3 });
    const best = cv.mseMean.indexOf(Math.min(...cv.mseMean));
    expect(cv.alpha).toBe(cv.alphas[best]);
    expect(cv.model.alpha).toBe(cv.alpha);
    expect(cv.alphas.length).toBe(20);
    // The data have four informative features: the all-zero end of the path predicts worst.
    expect(cv.mseMean[0]).toBeGreaterThan(cv.mseMean[best]!);
    expect(cv.alpha).toBeLessThan(cv.alphas[0]!);
    expect(cv.mseStd.every((s) => s >= 0)).toBe(true);
  });
});

describe("bad input", () => {
  const x = fromRows([[0], [1], [2]]);
  const y = Float64Array.of(0, 1, 2);
  it("rejects mismatched or empty data", () => {
    expect(() => linearRegression(x, Float64Array.of(1, 2))).toThrow(new RangeError("y has 2 values but x has 3 rows"));
    expect(() => linearRegression(createMatrix(0, 2), new Float64Array(0))).toThrow(
      new RangeError("x must have at least one row and one column, got 0×2"),
    );
    expect(() => ridge(fromRows([[0], [Number.NaN]]), Float64Array.of(0, 1))).toThrow(
      new RangeError("x has a non-finite value at row 1, column 0"),
    );
    expect(() => lasso(x, Float64Array.of(0, Infinity, 1))).toThrow(
      new RangeError("y has a non-finite value at row 1"),
    );
  });

  it("rejects bad options", () => {
    expect(() => ridge(x, y, { alpha: -1 })).toThrow(new RangeError("alpha must be a finite number ≥ 0, got -1"));
    expect(() => lasso(x, y, { alpha: Number.NaN })).toThrow(
      new RangeError("alpha must be a finite number ≥ 0, got NaN"),
    );
    expect(() => lasso(x, y, { tol: -1 })).toThrow(new RangeError("tol must be a finite number ≥ 0, got -1"));
    expect(() => lasso(x, y, { maxIter: 0 })).toThrow(new RangeError("maxIter must be an integer ≥ 1, got 0"));
    expect(() => lasso(x, y, { coefInit: new Float64Array(2) })).toThrow(
      new RangeError("coefInit has 2 values but x has 1 columns"),
    );
    expect(() => lassoAlphaGrid(x, y, { eps: 1 })).toThrow(new RangeError("eps must be in (0, 1), got 1"));
    expect(() => lassoAlphaGrid(x, y, { nAlphas: 0 })).toThrow(new RangeError("nAlphas must be an integer ≥ 1, got 0"));
    expect(() => lassoPath(x, y, { alphas: [] })).toThrow(new RangeError("alphas must not be empty"));
  });

  it("predict rejects a matrix with the wrong number of columns", () => {
    expect(() => linearRegression(x, y).predict(fromRows([[1, 2]]))).toThrow(
      new RangeError("the model has 1 features but x has 2 columns"),
    );
  });
});
