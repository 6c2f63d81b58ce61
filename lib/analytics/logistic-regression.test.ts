import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/classification.json";
import { createLogisticRegressionTrainer, logisticRegression } from "./logistic-regression";
import { createMatrix, fromRows, type Matrix } from "./matrix";
import { createRandom } from "./random";

// Reference values: lib/analytics/fixtures/classification.json, written by
// scripts/reference/classification.py (scikit-learn 1.2.1). "coef" is LogisticRegression(penalty="l2",
// solver="newton-cholesky", tol=1e-10), checked there against an independent Newton refinement;
// "lbfgsCoef" is solver="lbfgs" with tol=1e-10, which stops early on scipy's ftol ("lbfgsGap" is its
// distance from the minimiser). Regenerate with `/usr/bin/python3 scripts/reference/classification.py`.

type Dataset = { rows: number; cols: number; data: number[]; y: number[]; sampleWeight: number[] | null };
const datasets = fixtures.datasets as Record<string, Dataset>;

function fixtureData(name: string): { x: Matrix; y: Uint8Array; sampleWeight: Float64Array | null } {
  const d = datasets[name];
  if (!d) throw new Error(`no dataset ${name} in the fixture`);
  return {
    x: createMatrix(d.rows, d.cols, Float64Array.from(d.data)),
    y: Uint8Array.from(d.y),
    sampleWeight: d.sampleWeight ? Float64Array.from(d.sampleWeight) : null,
  };
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe("logisticRegression against scikit-learn", () => {
  it.each(
    fixtures.logistic.map((c) => [
      `${c.dataset} C=${c.C} ${c.classWeight ?? ""} ${c.sampleWeight ? "weighted" : ""}`,
      c,
    ]),
  )("%s", (_, c) => {
    const { x, y, sampleWeight } = fixtureData(c.dataset);
    const m = logisticRegression(x, y, {
      C: c.C,
      classWeight: c.classWeight === "balanced" ? "balanced" : null,
      sampleWeight: c.sampleWeight ? sampleWeight : null,
    });
    expect(m.converged).toBe(true);
    expect(m.iterations).toBeLessThan(30);
    expect(maxAbsDiff(m.coef, c.coef)).toBeLessThan(1e-6);
    expect(Math.abs(m.intercept - c.intercept)).toBeLessThan(1e-6);
    // lbfgs stops early; ours is the minimiser, so it sits within lbfgs' own distance of it.
    const lbfgs = Math.max(maxAbsDiff(m.coef, c.lbfgsCoef), Math.abs(m.intercept - c.lbfgsIntercept));
    expect(lbfgs).toBeLessThanOrEqual(c.lbfgsGap * 1.01 + 1e-9);
  });

  it("the lbfgs fixture really is looser than 1e-6 somewhere (why the reference is newton-cholesky)", () => {
    expect(Math.max(...fixtures.logistic.map((c) => c.lbfgsGap))).toBeGreaterThan(1e-3);
  });

  it("predictProba is the sigmoid of the decision function", () => {
    const { x, y } = fixtureData("overlap");
    const m = logisticRegression(x, y);
    const z = m.decisionFunction(x);
    const p = m.predictProba(x);
    for (let i = 0; i < x.rows; i++) expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-z[i]!)), 14);
  });
});

describe("logisticRegression: hand-computed cases", () => {
  it("a strong penalty leaves only the intercept, at the log-odds of the base rate", () => {
    // C → 0 drives coef → 0; the unpenalised intercept then fits the 1-in-4 base rate: log(1/3).
    const x = fromRows([[1], [2], [3], [4]]);
    const m = logisticRegression(x, Uint8Array.of(0, 0, 0, 1), { C: 1e-12 });
    expect(Math.abs(m.coef[0]!)).toBeLessThan(1e-10);
    expect(m.intercept).toBeCloseTo(Math.log(1 / 3), 9);
  });

  it("a single feature symmetric around 0 gives intercept 0 and satisfies the stationarity condition", () => {
    // x = −1, 1 with labels 0, 1, C = 1: by symmetry β₀ = 0, and ∂/∂β of C·Σ log(1 + e^{−ỹ x β}) + β²/2
    // is −2·x·(1 − σ(β)) + β = 0 with x = 1, so β = 2(1 − σ(β)): β ≈ 0.6748 (σ(0.6748) = 0.6626, 2 · 0.3374 = 0.6748).
    const m = logisticRegression(fromRows([[-1], [1]]), Uint8Array.of(0, 1));
    const b = m.coef[0]!;
    expect(m.intercept).toBeCloseTo(0, 12);
    expect(b - 2 * (1 - 1 / (1 + Math.exp(-b)))).toBeCloseTo(0, 9);
    expect(b).toBeCloseTo(0.6748, 4);
  });

  it("integer sample weights equal repeated rows", () => {
    const random = createRandom(5);
    const rows = Array.from({ length: 40 }, () => [random.next() * 4 - 2, random.next() * 2]);
    const y = Uint8Array.from(rows, (r) => (r[0]! + 0.5 * r[1]! + random.next() > 1 ? 1 : 0));
    const weights = Float64Array.from(rows, (_, i) => 1 + (i % 3));
    const repeated: number[][] = [];
    const yRepeated: number[] = [];
    rows.forEach((r, i) => {
      for (let k = 0; k < weights[i]!; k++) {
        repeated.push(r);
        yRepeated.push(y[i]!);
      }
    });
    const a = logisticRegression(fromRows(rows), y, { sampleWeight: weights });
    const b = logisticRegression(fromRows(repeated), Uint8Array.from(yRepeated));
    expect(maxAbsDiff(a.coef, b.coef)).toBeLessThan(1e-9);
    expect(a.intercept).toBeCloseTo(b.intercept, 9);
  });

  it("separable data with a large C still converges (the penalty keeps the optimum finite)", () => {
    const m = logisticRegression(fromRows([[0], [1], [2], [3]]), Uint8Array.of(0, 0, 1, 1), { C: 1e6 });
    expect(m.converged).toBe(true);
    expect(m.coef[0]).toBeGreaterThan(5);
  });

  it("large offsets in the features change only the intercept (the columns are centred internally)", () => {
    // Adding cⱼ to column j is absorbed by the unpenalised intercept: β₀ − Σ βⱼ cⱼ, β unchanged.
    const { x, y } = fixtureData("overlap");
    const offsets = [1e5, -3e4, 250, 1e6, -7];
    const shifted = createMatrix(
      x.rows,
      x.cols,
      x.data.map((v, k) => v + offsets[k % x.cols]!),
    );
    const a = logisticRegression(x, y);
    const b = logisticRegression(shifted, y);
    expect(b.converged).toBe(true);
    expect(maxAbsDiff(a.coef, b.coef)).toBeLessThan(1e-8);
    const expected = a.intercept - offsets.reduce((s, c, j) => s + c * a.coef[j]!, 0);
    expect(Math.abs(b.intercept - expected)).toBeLessThan(1e-10 * Math.abs(expected)); // |expected| ≈ 1e6
  });
});

describe("logisticRegression: invalid input", () => {
  const x = fromRows([[0], [1], [2]]);
  it("rejects shape mismatches", () => {
    expect(() => logisticRegression(x, Uint8Array.of(0, 1))).toThrow(new RangeError("y has 2 labels for 3 rows"));
    expect(() => logisticRegression(x, Uint8Array.of(0, 1, 1), { sampleWeight: Float64Array.of(1, 1) })).toThrow(
      new RangeError("sampleWeight has 2 values for 3 rows"),
    );
    const m = logisticRegression(x, Uint8Array.of(0, 1, 1));
    expect(() => m.predictProba(fromRows([[1, 2]]))).toThrow(
      new RangeError("x has 2 columns, the model was fitted on 1"),
    );
  });
  it("rejects non-binary labels and a single class", () => {
    expect(() => logisticRegression(x, Uint8Array.of(0, 2, 1))).toThrow(
      new RangeError("y must hold only 0 and 1, got 2 at row 1"),
    );
    expect(() => logisticRegression(x, Uint8Array.of(1, 1, 1))).toThrow(
      new RangeError("y has a single class (1): a classifier needs both 0 and 1"),
    );
    expect(() => logisticRegression(x, Uint8Array.of(0, 1, 1), { sampleWeight: Float64Array.of(1, 0, 0) })).toThrow(
      new RangeError("the sample weights of class 1 sum to 0: a classifier needs both classes"),
    );
  });
  it("rejects bad options and non-finite data", () => {
    const y = Uint8Array.of(0, 1, 1);
    expect(() => logisticRegression(x, y, { C: 0 })).toThrow(new RangeError("C must be a finite number > 0, got 0"));
    expect(() => logisticRegression(x, y, { sampleWeight: Float64Array.of(1, -1, 1) })).toThrow(
      new RangeError("sampleWeight must be finite and ≥ 0, got -1 at row 1"),
    );
    expect(() => logisticRegression(fromRows([[0], [NaN], [2]]), y)).toThrow(
      new RangeError("x has a non-finite value at row 1, column 0"),
    );
  });
});

describe("logisticRegression: a large problem and the trainer", () => {
  it("recovers the generating coefficients of 100k × 25 (speed: npm run bench:logistic)", () => {
    const n = 100_000;
    const d = 25;
    const random = createRandom(1);
    const data = new Float64Array(n * d);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let z = -0.5;
      for (let f = 0; f < d; f++) {
        const v = random.next() * 2 - 1;
        data[i * d + f] = v;
        z += v * ((f % 5) - 2) * 0.5;
      }
      y[i] = random.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const m = logisticRegression(createMatrix(n, d, data), y);
    expect(m.converged).toBe(true);
    // Generating coefficients ((f mod 5) − 2) · 0.5, intercept −0.5; C = 1 barely shrinks at n = 100k.
    for (let f = 0; f < d; f++) expect(m.coef[f]).toBeCloseTo(((f % 5) - 2) * 0.5, 1);
    expect(m.intercept).toBeCloseTo(-0.5, 1);
  });

  it("the trainer passes its options", () => {
    const { x, y } = fixtureData("imbalanced");
    const a = createLogisticRegressionTrainer({ C: 0.5, classWeight: "balanced" })(x, y);
    const b = logisticRegression(x, y, { C: 0.5, classWeight: "balanced" });
    expect(Array.from(a.coef)).toEqual(Array.from(b.coef));
  });
});
