import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/trees.json";
import {
  balancedSampleWeights,
  findBinThresholds,
  gradientBoostingClassifier,
  gradientBoostingRegressor,
  type GradientBoostingOptions,
} from "./gradient-boosting";
import { createMatrix, fromRows } from "./matrix";
import { createRandom } from "./random";

// Reference values: lib/analytics/fixtures/trees.json, written by scripts/reference/trees.py
// (scikit-learn 1.2.1, HistGradientBoostingClassifier/Regressor with early_stopping=False).
// Regenerate with `/usr/bin/python3 scripts/reference/trees.py`.

type SklearnParams = Partial<{
  max_iter: number;
  max_depth: number;
  max_leaf_nodes: number;
  min_samples_leaf: number;
  l2_regularization: number;
  learning_rate: number;
  class_weight: string;
}>;

function optionsOf(p: SklearnParams, y?: Uint8Array): GradientBoostingOptions {
  return {
    maxIter: p.max_iter,
    maxDepth: p.max_depth,
    maxLeafNodes: p.max_leaf_nodes,
    minSamplesLeaf: p.min_samples_leaf,
    l2Regularization: p.l2_regularization,
    learningRate: p.learning_rate,
    sampleWeight: p.class_weight === "balanced" && y ? balancedSampleWeights(y) : undefined,
  };
}

function logLoss(y: ArrayLike<number>, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(Math.max(p[i]!, 1e-15), 1 - 1e-15);
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / p.length;
}

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties counted half. */
function auc(y: ArrayLike<number>, score: Float64Array): number {
  const order = Array.from(score.keys()).sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && score[order[j + 1]!] === score[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]!] === 1) {
        rankSumPos += rank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = order.length - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

function rmse(y: ArrayLike<number>, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (y[i]! - p[i]!) ** 2;
  return Math.sqrt(s / p.length);
}

describe("gradient boosting: a hand-computed first iteration", () => {
  it("one stump with learning rate 1 on 6 points (log-loss)", () => {
    // x = 1..6, y = [0, 0, 0, 0, 1, 1]: the prior is 1/3, so the baseline is ln((1/3)/(2/3)) = −ln 2.
    // p = 1/3 for every row: g = p − y = 1/3 (y = 0) or −2/3 (y = 1), h = p(1 − p) = 2/9.
    // G = 4·(1/3) + 2·(−2/3) = 0, H = 6·2/9 = 4/3. With minSamplesLeaf 1 and λ = 0, the split after
    // x = 4 gives G_L = 4/3, H_L = 8/9 and G_R = −4/3, H_R = 4/9: gain = (16/9)/(8/9) + (16/9)/(4/9)
    // − 0 = 2 + 4 = 6, the largest of the five candidates (after x = 3: (1)/(2/3) + (1)/(2/3) = 3).
    // Leaf values −G/H: −(4/3)/(8/9) = −1.5 and (4/3)/(4/9) = 3.
    const g32 = (v: number) => Math.fround(v); // gradients and hessians are float32, as in sklearn
    const x = fromRows([[1], [2], [3], [4], [5], [6]]);
    const y = Uint8Array.from([0, 0, 0, 0, 1, 1]);
    const m = gradientBoostingClassifier(x, y, { maxIter: 1, learningRate: 1, minSamplesLeaf: 1 });
    expect(m.baseline).toBeCloseTo(-Math.LN2, 15);
    const tree = m.trees[0]!;
    expect(Array.from(tree.feature)).toEqual([0, -1, -1]);
    expect(tree.threshold[0]).toBe(4.5);
    const gL = 4 * g32(1 / 3);
    const hL = 4 * g32(2 / 9);
    const gR = 2 * g32(-2 / 3);
    const hR = 2 * g32(2 / 9);
    expect(tree.value[1]).toBeCloseTo(-gL / hL, 6);
    expect(tree.value[1]).toBeCloseTo(-1.5, 6);
    expect(tree.value[2]).toBeCloseTo(3, 6);
    expect(tree.value[2]).toBeCloseTo(-gR / hR, 12);
    expect(tree.gain[0]).toBeCloseTo(6, 5);
    const p = m.predictProba(fromRows([[0], [10]]));
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(Math.LN2 + 1.5)), 6);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(Math.LN2 - 3)), 6);
  });

  it("λ shrinks the leaf values and the gain: −G/(H + λ), G²/(H + λ)", () => {
    // Squared error on y = [1, 1, 1, 5, 5, 5]: baseline 3, g = raw − y = ±2, h = 1. The split at 3.5
    // has G_L = 6, H_L = 3, G_R = −6, H_R = 3; with λ = 3 the leaves are −6/6 = −1 and +1, the gain
    // 36/6 + 36/6 − 0/9 = 12 (without λ: 24, leaves ∓2 which would fit exactly).
    const x = fromRows([[1], [2], [3], [4], [5], [6]]);
    const m = gradientBoostingRegressor(x, Float64Array.from([1, 1, 1, 5, 5, 5]), {
      maxIter: 1,
      learningRate: 1,
      minSamplesLeaf: 1,
      l2Regularization: 3,
    });
    expect(m.baseline).toBe(3);
    expect(m.trees[0]!.threshold[0]).toBe(3.5);
    expect(m.trees[0]!.value[1]).toBeCloseTo(-1, 12);
    expect(m.trees[0]!.value[2]).toBeCloseTo(1, 12);
    expect(m.trees[0]!.gain[0]).toBeCloseTo(12, 12);
    expect(Array.from(m.predict(fromRows([[1], [6]])))).toEqual([2, 4]);
    expect(Array.from(m.featureImportances)).toEqual([1]);
  });

  it("minSamplesLeaf 20 on 6 rows leaves a single root leaf of value 0 (sklearn's rule)", () => {
    const x = fromRows([[1], [2], [3], [4], [5], [6]]);
    const m = gradientBoostingRegressor(x, Float64Array.from([1, 1, 1, 5, 5, 5]), { maxIter: 3 });
    expect(m.trees.every((t) => t.feature.length === 1 && t.value[0] === 0)).toBe(true);
    expect(Array.from(m.predict(x))).toEqual([3, 3, 3, 3, 3, 3]);
  });
});

describe("gradient boosting: binning", () => {
  it("uses midpoints between distinct values when there are at most maxBins of them", () => {
    expect(Array.from(findBinThresholds(Float64Array.from([3, 1, 2, 2, 1]), 255))).toEqual([1.5, 2.5]);
  });
  it("uses numpy's midpoint percentiles otherwise", () => {
    // 10 values, 4 bins: q = 0.25, 0.5, 0.75 → virtual indices 2.25, 4.5, 6.75 → midpoints of
    // neighbours (2+3)/2, (4+5)/2, (6+7)/2 on the values 0..9.
    const t = findBinThresholds(Float64Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), 4);
    expect(Array.from(t)).toEqual([2.5, 4.5, 6.5]);
  });
});

describe("gradient boosting: agreement with scikit-learn", () => {
  it.each(fixtures.hgbExact.cases.map((c) => [`${c.model} ${JSON.stringify(c.params)}`, c] as const))(
    "one feature with 200 distinct values (exact bins): %s",
    (_, c) => {
      const { data } = fixtures.hgbExact;
      const x = createMatrix(data.x.length, 1, Float64Array.from(data.x));
      const levels = createMatrix(data.levels.length, 1, Float64Array.from(data.levels));
      const yc = Uint8Array.from(data.yClassifier);
      const options = optionsOf(c.params as SklearnParams, yc);
      const pred =
        c.model === "classifier"
          ? gradientBoostingClassifier(x, yc, options).predictProba(levels)
          : gradientBoostingRegressor(x, Float64Array.from(data.yRegressor), options).predict(levels);
      for (let i = 0; i < pred.length; i++) expect(Math.abs(pred[i]! - c.predLevels[i]!)).toBeLessThan(1e-9);
    },
  );

  const { data } = fixtures.hgb;
  const x = createMatrix(data.rows, data.cols, Float64Array.from(data.x));
  const xTest = createMatrix(data.testRows, data.cols, Float64Array.from(data.xTest));
  it.each(fixtures.hgb.cases.map((c) => [`${c.model} ${JSON.stringify(c.params)}`, c] as const))(
    "5 features, 800 rows: %s",
    (_, fixtureCase) => {
      const c = fixtureCase as unknown as { model: string; params: SklearnParams } & Record<
        "trainLogLoss" | "testLogLoss" | "testAuc" | "trainRmse" | "testRmse",
        number
      >;
      if (c.model === "classifier") {
        const y = Uint8Array.from(data.yClassifier);
        const m = gradientBoostingClassifier(x, y, optionsOf(c.params, y));
        const pTest = m.predictProba(xTest);
        // The binning reproduces numpy's midpoint percentiles, so on these data (no ties at the
        // percentiles) the models agree to rounding; 1e-6 leaves room for float32 gradient roundings.
        expect(Math.abs(logLoss(y, m.predictProba(x)) - c.trainLogLoss)).toBeLessThan(1e-6);
        expect(Math.abs(logLoss(data.yClassifierTest, pTest) - c.testLogLoss)).toBeLessThan(1e-6);
        expect(Math.abs(auc(data.yClassifierTest, pTest) - c.testAuc)).toBeLessThan(1e-9);
      } else {
        const m = gradientBoostingRegressor(
          x,
          Float64Array.from(data.yRegressor),
          optionsOf(c.params as SklearnParams),
        );
        expect(Math.abs(rmse(data.yRegressor, m.predict(x)) - c.trainRmse)).toBeLessThan(1e-6);
        expect(Math.abs(rmse(data.yRegressorTest, m.predict(xTest)) - c.testRmse)).toBeLessThan(1e-6);
      }
    },
  );
});

describe("gradient boosting: early stopping and importances", () => {
  it("stops when the validation loss stops improving, and credits the informative feature", () => {
    const random = createRandom(5);
    const rows: number[][] = [];
    const y = new Uint8Array(2000);
    for (let i = 0; i < 2000; i++) {
      const a = random.next() * 4 - 2;
      const noise = random.next();
      rows.push([a, noise]);
      y[i] = random.next() < 1 / (1 + Math.exp(-2 * a)) ? 1 : 0;
    }
    const m = gradientBoostingClassifier(fromRows(rows), y, { earlyStopping: true, maxIter: 200, seed: 3 });
    expect(m.trees.length).toBeLessThan(200);
    expect(m.validationLoss.length).toBe(m.trees.length + 1);
    const v = m.validationLoss;
    // sklearn's rule: none of the last 10 losses is below the one before them minus tol.
    const ref = v[v.length - 11]!;
    for (let k = v.length - 10; k < v.length; k++) expect(v[k]!).toBeGreaterThanOrEqual(ref - 1e-7);
    expect(m.featureImportances[0]!).toBeGreaterThan(0.8);
    expect(m.featureImportances[0]! + m.featureImportances[1]!).toBeCloseTo(1, 12);
    // The training loss falls monotonically for a convex loss with small steps.
    for (let k = 1; k < m.trainLoss.length; k++)
      expect(m.trainLoss[k]!).toBeLessThanOrEqual(m.trainLoss[k - 1]! + 1e-12);
  });
});

describe("gradient boosting: bad input", () => {
  const x = fromRows([[1], [2], [3]]);
  it("rejects shape mismatches and non-finite values", () => {
    expect(() => gradientBoostingClassifier(x, Uint8Array.from([0, 1]))).toThrow(/3 rows but y has 2/);
    expect(() => gradientBoostingRegressor(fromRows([[1], [Infinity]]), Float64Array.from([0, 1]))).toThrow(
      /non-finite value at row 1/,
    );
    expect(() => gradientBoostingRegressor(x, Float64Array.from([0, NaN, 1]))).toThrow(/targets must be finite/);
    expect(() => gradientBoostingClassifier(x, Uint8Array.from([0, 3, 1]))).toThrow(/labels must be 0 or 1/);
    const m = gradientBoostingRegressor(x, Float64Array.from([0, 1, 2]), { maxIter: 2 });
    expect(() => m.predict(fromRows([[1, 2]]))).toThrow(/fitted on 1 features/);
    expect(() => m.predict(fromRows([[NaN]]))).toThrow(/non-finite/);
  });
  it("rejects bad options", () => {
    const y = Float64Array.from([0, 1, 2]);
    expect(() => gradientBoostingRegressor(x, y, { learningRate: 0 })).toThrow(/learningRate/);
    expect(() => gradientBoostingRegressor(x, y, { maxIter: 0 })).toThrow(/maxIter/);
    expect(() => gradientBoostingRegressor(x, y, { maxLeafNodes: 1 })).toThrow(/maxLeafNodes/);
    expect(() => gradientBoostingRegressor(x, y, { maxDepth: 0 })).toThrow(/maxDepth/);
    expect(() => gradientBoostingRegressor(x, y, { minSamplesLeaf: 0 })).toThrow(/minSamplesLeaf/);
    expect(() => gradientBoostingRegressor(x, y, { l2Regularization: -1 })).toThrow(/l2Regularization/);
    expect(() => gradientBoostingRegressor(x, y, { maxBins: 256 })).toThrow(/maxBins/);
    expect(() => gradientBoostingRegressor(x, y, { validationFraction: 1 })).toThrow(/validationFraction/);
    expect(() => gradientBoostingRegressor(x, y, { sampleWeight: Float64Array.from([1, -1, 1]) })).toThrow(/≥ 0/);
    expect(() => gradientBoostingRegressor(x, y, { sampleWeight: Float64Array.from([1]) })).toThrow(/expected 3/);
  });
});
