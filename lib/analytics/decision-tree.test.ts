import { describe, expect, it } from "vitest";
import {
  balancedSampleWeights,
  decisionPath,
  decisionTreeClassifier,
  decisionTreeRegressor,
  type DecisionTree,
} from "./decision-tree";
import fixtures from "./fixtures/trees.json";
import { createMatrix, fromRows } from "./matrix";

// Reference values: lib/analytics/fixtures/trees.json, written by scripts/reference/trees.py
// (scikit-learn 1.2.1, DecisionTreeClassifier/Regressor with random_state=0 on data without ties
// between features). Regenerate with `/usr/bin/python3 scripts/reference/trees.py`.

const { data, cases } = fixtures.cart;
const x = createMatrix(data.rows, data.cols, Float64Array.from(data.x));
const xTest = createMatrix(data.testRows, data.cols, Float64Array.from(data.xTest));

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i]! - expected[i]!);
    if (!(diff <= tol)) throw new Error(`index ${i}: ${actual[i]} vs ${expected[i]} (|diff| ${diff} > ${tol})`);
  }
}

function expectSameTree(tree: DecisionTree, expected: (typeof cases)[number]["tree"]): void {
  expect(Array.from(tree.left)).toEqual(expected.left);
  expect(Array.from(tree.right)).toEqual(expected.right);
  expect(Array.from(tree.feature)).toEqual(expected.feature);
  expect(Array.from(tree.nSamples)).toEqual(expected.nSamples);
  const internal = expected.left.map((l) => l >= 0);
  expectClose(
    Array.from(tree.threshold).filter((_, i) => internal[i]),
    expected.threshold.filter((_, i) => internal[i]),
    1e-9,
  );
  expectClose(tree.value, expected.value, 1e-9);
  expectClose(tree.impurity, expected.impurity, 1e-9);
  expectClose(tree.weightedNSamples, expected.weightedNSamples, 1e-9);
}

describe("decision trees: the same tree as scikit-learn", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const options = {
      maxDepth: c.params.max_depth,
      minSamplesLeaf: "min_samples_leaf" in c.params ? c.params.min_samples_leaf : undefined,
      minSamplesSplit: "min_samples_split" in c.params ? c.params.min_samples_split : undefined,
      minImpurityDecrease: "min_impurity_decrease" in c.params ? c.params.min_impurity_decrease : undefined,
    };
    const model = c.classifier
      ? decisionTreeClassifier(x, Uint8Array.from(c.name.includes("balanced") ? data.yImbalanced : data.yBalanced), {
          ...options,
          sampleWeight:
            c.classWeight === "balanced"
              ? balancedSampleWeights(Uint8Array.from(data.yImbalanced))
              : c.sampleWeight
                ? Float64Array.from(c.sampleWeight)
                : undefined,
        })
      : decisionTreeRegressor(x, Float64Array.from(data.yRegression), {
          ...options,
          sampleWeight: c.sampleWeight ? Float64Array.from(c.sampleWeight) : undefined,
        });
    expectSameTree(model.tree, c.tree);
    expectClose(model.featureImportances, c.featureImportances, 1e-9);
    const pred = "predictProba" in model ? model.predictProba(xTest) : model.predict(xTest);
    expectClose(pred, c.predTest, 1e-9);
  });

  it("the fixture's cases are not trivial", () => {
    for (const c of cases) expect(c.tree.feature.length).toBeGreaterThan(10);
    expect(new Set(cases[0]!.predTest).size).toBeGreaterThan(3);
  });
});

describe("decision trees: hand-computed cases", () => {
  it("a gini stump picks the split with the largest impurity decrease", () => {
    // x = 1..6, y = [0, 0, 1, 0, 1, 1]. Root gini = 1 − (½² + ½²) = 0.5.
    // Split after x=2: left {0,0} gini 0, right {1,0,1,1} gini 1 − (¼² + ¾²) = 0.375 → weighted 4/6·0.375 = 0.25.
    // Split after x=3: left {0,0,1} gini 4/9, right {0,1,1} gini 4/9 → weighted 4/9 ≈ 0.444.
    // Split after x=4: left {0,0,1,0} gini 0.375, right {1,1} gini 0 → weighted 0.25 (tie with x=2; the first wins).
    // Split after x=1 or x=5: weighted 5/6·0.48 = 0.4.
    // So the root splits at (2 + 3)/2 = 2.5 with decrease 0.5 − 0.25 = 0.25; at depth 1 nothing more.
    const m = decisionTreeClassifier(fromRows([[1], [2], [3], [4], [5], [6]]), Uint8Array.from([0, 0, 1, 0, 1, 1]), {
      maxDepth: 1,
    });
    expect(Array.from(m.tree.feature)).toEqual([0, -1, -1]);
    expect(m.tree.threshold[0]).toBe(2.5);
    expect(Array.from(m.tree.value)).toEqual([0.5, 0, 0.75]);
    expect(m.tree.impurity[0]).toBeCloseTo(0.5, 15);
    expect(m.tree.impurity[2]).toBeCloseTo(0.375, 15);
    expect(Array.from(m.predictProba(fromRows([[2.5], [2.6]])))).toEqual([0, 0.75]);
    expect(Array.from(m.featureImportances)).toEqual([1]);
  });

  it("a second feature wins when it separates the classes better, and importances follow the decreases", () => {
    // Feature 0 is noise-like (best gini split leaves 1/3 impurity), feature 1 separates y exactly at 15:
    // root gini 0.5 → children 0, decrease 0.5 (all of it), so feature 1 has importance 1.
    const x2 = fromRows([
      [3, 10],
      [1, 11],
      [2, 20],
      [6, 12],
      [5, 21],
      [4, 22],
    ]);
    const m = decisionTreeClassifier(x2, Uint8Array.from([0, 0, 1, 0, 1, 1]));
    expect(Array.from(m.tree.feature)).toEqual([1, -1, -1]);
    expect(m.tree.threshold[0]).toBe(16);
    expect(Array.from(m.featureImportances)).toEqual([0, 1]);
    expect(m.explain([0, 30])).toEqual([{ feature: 1, threshold: 16, goesLeft: false }]);
  });

  it("weights move the leaf fraction and the split: balanced weights on a 1:3 sample", () => {
    // y = [1, 0, 0, 0]: balanced weights 4/(2·1) = 2 for the positive, 4/(2·3) = 2/3 for each negative.
    const w = balancedSampleWeights(Uint8Array.from([1, 0, 0, 0]));
    expect(Array.from(w)).toEqual([2, 2 / 3, 2 / 3, 2 / 3]);
    // Root: weighted counts 2 and 2, so P(y = 1) = 0.5 instead of 0.25.
    const m = decisionTreeClassifier(fromRows([[0], [1], [2], [3]]), Uint8Array.from([1, 0, 0, 0]), {
      maxDepth: 1,
      sampleWeight: w,
    });
    expect(m.tree.value[0]).toBeCloseTo(0.5, 15);
    expect(m.tree.threshold[0]).toBe(0.5);
    expect(m.tree.weightedNSamples[0]).toBeCloseTo(4, 14); // 2 + 3 · 2/3
    expect(Array.from(m.tree.weightedNSamples.subarray(1))).toEqual([2, 2]);
  });

  it("a regression stump minimises the squared error and predicts leaf means", () => {
    // y = [1, 2, 3, 10, 11, 12]: the split after x=3 gives means 2 and 11, SSE 2 + 2 = 4 (every other
    // split leaves more); root MSE = (Σy² / n) − mean² = 379/6 − 6.5² = 20.9167, children MSE 2/3.
    const m = decisionTreeRegressor(
      fromRows([[1], [2], [3], [4], [5], [6]]),
      Float64Array.from([1, 2, 3, 10, 11, 12]),
      {
        maxDepth: 1,
      },
    );
    expect(m.tree.threshold[0]).toBe(3.5);
    expect(Array.from(m.tree.value)).toEqual([6.5, 2, 11]);
    expect(m.tree.impurity[0]).toBeCloseTo(379 / 6 - 42.25, 12);
    expect(m.tree.impurity[1]).toBeCloseTo(2 / 3, 12);
    expect(Array.from(m.predict(fromRows([[0], [100]])))).toEqual([2, 11]);
  });

  it("minSamplesLeaf and minImpurityDecrease stop splits", () => {
    const xs = fromRows([[1], [2], [3], [4], [5], [6]]);
    const y = Float64Array.from([1, 2, 3, 10, 11, 12]);
    // With 4 rows per leaf no split of 6 rows is allowed.
    expect(decisionTreeRegressor(xs, y, { minSamplesLeaf: 4 }).tree.feature.length).toBe(1);
    // The root split lowers the MSE by 20.9167 − 0.6667 = 20.25; asking for 21 keeps a single leaf.
    expect(decisionTreeRegressor(xs, y, { minImpurityDecrease: 21 }).tree.feature.length).toBe(1);
    expect(decisionTreeRegressor(xs, y, { minImpurityDecrease: 20 }).tree.feature[0]).toBe(0);
  });

  it("decisionPath lists every decision from the root", () => {
    const m = decisionTreeRegressor(
      fromRows([[1], [2], [3], [4], [5], [6]]),
      Float64Array.from([1, 2, 3, 10, 11, 30]),
      {
        maxDepth: 2,
      },
    );
    // Root: splitting off 30 leaves SSE 89.2 ({1, 2, 3, 10, 11} around 5.4), splitting at 3.5 leaves
    // 2 + 254; so the root threshold is 5.5, and its left child splits {1, 2, 3} from {10, 11} at 3.5.
    const path = decisionPath(m.tree, [5.2]);
    expect(path).toEqual([
      { feature: 0, threshold: 5.5, goesLeft: true },
      { feature: 0, threshold: 3.5, goesLeft: false },
    ]);
  });
});

describe("decision trees: bad input", () => {
  const xs = fromRows([[1], [2], [3]]);
  it("rejects shape mismatches and non-finite values", () => {
    expect(() => decisionTreeClassifier(xs, Uint8Array.from([0, 1]))).toThrow(/3 rows but y has 2/);
    expect(() => decisionTreeRegressor(fromRows([[1], [NaN]]), Float64Array.from([0, 1]))).toThrow(
      /non-finite value at row 1/,
    );
    expect(() => decisionTreeRegressor(xs, Float64Array.from([0, Infinity, 1]))).toThrow(/targets must be finite/);
    expect(() => decisionTreeClassifier(xs, Uint8Array.from([0, 2, 1]))).toThrow(/labels must be 0 or 1/);
    const m = decisionTreeClassifier(xs, Uint8Array.from([0, 1, 1]));
    expect(() => m.predictProba(fromRows([[1, 2]]))).toThrow(/fitted on 1 features/);
    expect(() => decisionTreeClassifier(createMatrix(0, 1), new Uint8Array(0))).toThrow(/rows and columns/);
  });
  it("rejects bad options and weights", () => {
    const y = Uint8Array.from([0, 1, 1]);
    expect(() => decisionTreeClassifier(xs, y, { maxDepth: 0 })).toThrow(/maxDepth/);
    expect(() => decisionTreeClassifier(xs, y, { minSamplesSplit: 1 })).toThrow(/minSamplesSplit/);
    expect(() => decisionTreeClassifier(xs, y, { minSamplesLeaf: 0.5 })).toThrow(/minSamplesLeaf/);
    expect(() => decisionTreeClassifier(xs, y, { minImpurityDecrease: -1 })).toThrow(/minImpurityDecrease/);
    expect(() => decisionTreeClassifier(xs, y, { sampleWeight: Float64Array.from([1, 1]) })).toThrow(/3/);
    expect(() => decisionTreeClassifier(xs, y, { sampleWeight: Float64Array.from([1, -1, 1]) })).toThrow(/≥ 0/);
    expect(() => decisionTreeClassifier(xs, y, { sampleWeight: new Float64Array(3) })).toThrow(/positive sum/);
    expect(() => balancedSampleWeights(new Uint8Array(0))).toThrow(/at least one label/);
  });
});
