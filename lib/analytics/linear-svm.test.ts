import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/classification.json";
import {
  applyPlatt,
  calibratedLinearSvm,
  createCalibratedLinearSvmTrainer,
  linearSvm,
  plattScaling,
} from "./linear-svm";
import { createMatrix, fromRows, type Matrix } from "./matrix";
import { rocAuc } from "./classification-metrics";

// Reference values: lib/analytics/fixtures/classification.json, written by
// scripts/reference/classification.py (scikit-learn 1.2.1): LinearSVC(loss="hinge", dual=True,
// tol=1e-8, max_iter=100000) and sklearn.calibration._sigmoid_calibration. Regenerate with
// `/usr/bin/python3 scripts/reference/classification.py`.

type Dataset = { rows: number; cols: number; data: number[]; y: number[] };
const datasets = fixtures.datasets as Record<string, Dataset>;

function fixtureData(name: string): { x: Matrix; y: Uint8Array } {
  const d = datasets[name];
  if (!d) throw new Error(`no dataset ${name} in the fixture`);
  return { x: createMatrix(d.rows, d.cols, Float64Array.from(d.data)), y: Uint8Array.from(d.y) };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe("linearSvm against scikit-learn's LinearSVC(loss='hinge')", () => {
  it.each(fixtures.svm.map((c) => [`${c.dataset} C=${c.C} ${c.classWeight ?? ""}`, c]))("%s", (_, c) => {
    const { x, y } = fixtureData(c.dataset);
    const m = linearSvm(x, y, {
      C: c.C,
      classWeight: c.classWeight === "balanced" ? "balanced" : null,
      tol: 1e-8,
      maxIter: 100_000,
    });
    expect(m.converged).toBe(true);
    expect(maxAbsDiff(m.coef, c.coef)).toBeLessThan(1e-4);
    expect(Math.abs(m.intercept - c.intercept)).toBeLessThan(1e-4);
    expect(maxAbsDiff(m.decisionFunction(x), c.decision)).toBeLessThan(1e-4);
  });

  it("the visiting order (seed) does not change the solution at a tight tolerance", () => {
    const { x, y } = fixtureData("overlap");
    const a = linearSvm(x, y, { tol: 1e-8, maxIter: 100_000, seed: 1 });
    const b = linearSvm(x, y, { tol: 1e-8, maxIter: 100_000, seed: 2 });
    expect(maxAbsDiff(a.coef, b.coef)).toBeLessThan(1e-5);
  });
});

describe("linearSvm: hand-computed cases", () => {
  it("two points: the penalised-bias solution", () => {
    // x = −1 (class 0) and x = 1 (class 1), bias feature 1, C large. The margin constraints
    // −(−w + b) ≥ 1 and (w + b) ≥ 1 with min ½(w² + b²) give b = 0, w = 1 (both support vectors).
    const m = linearSvm(fromRows([[-1], [1]]), Uint8Array.of(0, 1), { C: 100, tol: 1e-10 });
    expect(m.coef[0]).toBeCloseTo(1, 8);
    expect(m.intercept).toBeCloseTo(0, 8);
  });

  it("hard margin on shifted points, and interceptScaling keeps the separating point", () => {
    // x = 1 (class 0), x = 3 (class 1), bias feature 1, C large: min ½(w² + b²) s.t. 3w + b ≥ 1 and
    // −(w + b) ≥ 1. Both active: w = 1, b = −2, with multipliers α = (1.5, 3.5) ≥ 0 from
    // (w, b) = 1.5·(3, 1) + 3.5·(−1, −1), so it is the optimum. (That the bias is penalised shows in
    // the soft-margin fixtures above, which a free intercept would not match.)
    const m = linearSvm(fromRows([[1], [3]]), Uint8Array.of(0, 1), { C: 1000, tol: 1e-10 });
    expect(m.coef[0]).toBeCloseTo(1, 6);
    expect(m.intercept).toBeCloseTo(-2, 6);
    // With interceptScaling 10 the bias feature is 10; the margin constraints are the same, so the
    // boundary stays at x = 2.
    const s = linearSvm(fromRows([[1], [3]]), Uint8Array.of(0, 1), { C: 1000, tol: 1e-10, interceptScaling: 10 });
    expect(s.coef[0]! * 2 + s.intercept).toBeCloseTo(0, 5);
  });

  it("rejects bad input", () => {
    const x = fromRows([[0], [1], [2]]);
    expect(() => linearSvm(x, Uint8Array.of(0, 1))).toThrow(new RangeError("y has 2 labels for 3 rows"));
    expect(() => linearSvm(x, Uint8Array.of(0, 3, 1))).toThrow(
      new RangeError("y must hold only 0 and 1, got 3 at row 1"),
    );
    expect(() => linearSvm(x, Uint8Array.of(0, 0, 0))).toThrow(
      new RangeError("y has a single class (0): a classifier needs both 0 and 1"),
    );
    expect(() => linearSvm(x, Uint8Array.of(0, 1, 1), { C: -1 })).toThrow(
      new RangeError("C must be a finite number > 0, got -1"),
    );
    const m = linearSvm(x, Uint8Array.of(0, 1, 1));
    expect(() => m.decisionFunction(fromRows([[1, 2]]))).toThrow(
      new RangeError("x has 2 columns, the model was fitted on 1"),
    );
  });
});

describe("plattScaling against sklearn's _sigmoid_calibration", () => {
  it.each(fixtures.sigmoid.map((c) => [c.name, c]))("%s", (_, c) => {
    const y = Uint8Array.from(datasets[c.dataset]!.y);
    const f = Float64Array.from(c.decision);
    const { a, b } = plattScaling(f, y, c.sampleWeight ? Float64Array.from(c.sampleWeight) : null);
    // sklearn's BFGS stops at a gradient of 1e-5 on the sum; Newton reaches the minimiser.
    expect(Math.abs(a - c.a)).toBeLessThan(1e-6);
    expect(Math.abs(b - c.b)).toBeLessThan(1e-6);
    expect(Math.abs(a - c.tightA)).toBeLessThan(1e-9);
    expect(Math.abs(b - c.tightB)).toBeLessThan(1e-9);
  });

  it("hand-computed: symmetric decision values give b = 0 and a stationary a", () => {
    // f = −1 (y = 0), +1 (y = 1): priors 1 and 1, targets 2/3 and 1/3, so by symmetry b = 0 and
    // P(f = 1) = 1/(1 + e^a) must equal the target 2/3: a = −ln 2.
    const { a, b } = plattScaling(Float64Array.of(-1, 1), Uint8Array.of(0, 1));
    expect(b).toBeCloseTo(0, 10);
    expect(a).toBeCloseTo(-Math.log(2), 10);
    expect(Array.from(applyPlatt({ a, b }, Float64Array.of(-1, 0, 1)))).toEqual([
      expect.closeTo(1 / 3, 10),
      expect.closeTo(0.5, 10),
      expect.closeTo(2 / 3, 10),
    ]);
  });

  it("rejects bad input", () => {
    expect(() => plattScaling(Float64Array.of(1, 2), Uint8Array.of(1))).toThrow(
      new RangeError("y has 1 labels for 2 decision values"),
    );
    expect(() => plattScaling(Float64Array.of(1, NaN), Uint8Array.of(0, 1))).toThrow(
      new RangeError("decision value 1 is not finite: NaN"),
    );
    expect(() => plattScaling(Float64Array.of(1, 2), Uint8Array.of(0, 2))).toThrow(
      new RangeError("y must hold only 0 and 1, got 2 at row 1"),
    );
  });
});

describe("calibratedLinearSvm (CalibratedClassifierCV(LinearSVC, method='sigmoid', cv=3, ensemble=False))", () => {
  const { x, y } = fixtureData("overlap");
  const model = calibratedLinearSvm(x, y, { C: 0.5, seed: 3 });

  it("predicts with the SVM fitted on every row, through the out-of-fold sigmoid", () => {
    const full = linearSvm(x, y, { C: 0.5, seed: 3 });
    expect(Array.from(model.svm.coef)).toEqual(Array.from(full.coef));
    const p = model.predictProba(x);
    const expected = applyPlatt(model.sigmoid, full.decisionFunction(x));
    expect(Array.from(p)).toEqual(Array.from(expected));
  });

  it("gives sane probabilities: in (0, 1), increasing in the decision value, mean near the base rate", () => {
    const p = model.predictProba(x);
    const f = model.svm.decisionFunction(x);
    expect(model.sigmoid.a).toBeLessThan(0);
    for (let i = 0; i < p.length; i++) expect(p[i]! > 0 && p[i]! < 1).toBe(true);
    const order = Array.from(f.keys()).sort((i, j) => f[i]! - f[j]!);
    for (let k = 1; k < order.length; k++) expect(p[order[k]!]!).toBeGreaterThanOrEqual(p[order[k - 1]!]!);
    const mean = p.reduce((s, v) => s + v, 0) / p.length;
    const base = y.reduce((s, v) => s + v, 0) / y.length;
    expect(Math.abs(mean - base)).toBeLessThan(0.05);
    expect(rocAuc(y, p)).toBeCloseTo(rocAuc(y, f), 12); // a monotone map keeps the ranking
  });

  it("the trainer is reproducible from its seed and rejects a class with fewer rows than folds", () => {
    const train = createCalibratedLinearSvmTrainer({ C: 0.5, seed: 3 });
    expect(Array.from(train(x, y).predictProba(x))).toEqual(Array.from(model.predictProba(x)));
    expect(() => calibratedLinearSvm(fromRows([[0], [1], [2], [3]]), Uint8Array.of(0, 0, 0, 1))).toThrow(
      new RangeError("class 1 has 1 rows, fewer than the 3 folds: use fewer folds or leave-one-out"),
    );
  });
});
