// The candidate models of the prediction steps and how they are scored: one place that names each
// churn classifier and spend regressor with its hyper-parameters, and the metrics computed per fold.
// Hyper-parameters are fixed, sensible defaults (documented in README's predictions section) except
// the lasso's alpha, chosen by inner cross-validation on the training rows of each fold.
import {
  accuracy,
  averagePrecision,
  brierScore,
  calibrationCurve,
  confusionMatrix,
  f1Score,
  logLoss,
  precision,
  recall,
  rocAuc,
  rocCurve,
} from "../analytics/classification-metrics";
import {
  balancedSampleWeights,
  decisionTreeClassifier,
  decisionTreeRegressor,
  type DecisionTreeClassifier,
} from "../analytics/decision-tree";
import {
  gradientBoostingClassifier,
  gradientBoostingRegressor,
  type GradientBoostingClassifier,
} from "../analytics/gradient-boosting";
import { lassoCV, linearRegression, ridge } from "../analytics/linear-models";
import { calibratedLinearSvm } from "../analytics/linear-svm";
import { logisticRegression } from "../analytics/logistic-regression";
import type { Matrix } from "../analytics/matrix";
import type { BinaryClassifier, BinaryLabels, Regressor } from "../analytics/model";
import { permutationImportance as permute } from "../analytics/permutation-importance";
import { mae, r2, rmse } from "../analytics/regression-metrics";
import { boostedContributions, linearContributionsAt, treeContributions } from "../analytics/tree-contributions";

export type ClassifierSpec = {
  key: string;
  train: (x: Matrix, y: BinaryLabels, seed: number) => BinaryClassifier;
  /** Coefficients on the standardised features, for linear models. */
  coefficients?: (model: BinaryClassifier) => Float64Array | null;
  /**
   * Per-row, per-input contributions to the model's score (log-odds, SVM margin or probability), which
   * add up to the score minus the average customer's: what reason codes are ranked by.
   */
  contributions: (model: BinaryClassifier, x: Matrix) => Matrix;
};

export type RegressorSpec = {
  key: string;
  train: (x: Matrix, y: Float64Array, seed: number) => Regressor;
  coefficients?: (model: Regressor) => Float64Array | null;
  alpha?: (model: Regressor) => number | undefined;
};

const coefOf = (model: unknown): Float64Array | null => {
  const m = model as { coef?: Float64Array; svm?: { coef: Float64Array } };
  return m.coef ?? m.svm?.coef ?? null;
};

// Inputs are standardised on the training rows, so the average customer is the origin.
const linearContributions = (model: unknown, x: Matrix) =>
  linearContributionsAt(coefOf(model) as Float64Array, x, new Float64Array(x.cols));

/** Churn is the minority class in most stores: every classifier weighs the classes evenly. */
export const CHURN_MODELS: ClassifierSpec[] = [
  {
    key: "logistic",
    train: (x, y) => logisticRegression(x, y, { C: 1, classWeight: "balanced", tol: 1e-8 }),
    coefficients: coefOf,
    contributions: linearContributions,
  },
  {
    key: "linear_svm",
    train: (x, y, seed) => calibratedLinearSvm(x, y, { C: 0.1, classWeight: "balanced", seed, maxIter: 2000 }),
    coefficients: coefOf,
    contributions: linearContributions,
  },
  {
    key: "decision_tree",
    train: (x, y) =>
      decisionTreeClassifier(x, y, { maxDepth: 6, minSamplesLeaf: 20, sampleWeight: balancedSampleWeights(y) }),
    contributions: (model, x) => treeContributions((model as DecisionTreeClassifier).tree, x).contributions,
  },
  {
    key: "gradient_boosting",
    train: (x, y, seed) =>
      gradientBoostingClassifier(x, y, {
        maxIter: 60,
        learningRate: 0.12,
        maxLeafNodes: 15,
        minSamplesLeaf: Math.max(5, Math.min(20, Math.floor(x.rows / 50))),
        l2Regularization: 1,
        maxBins: 128,
        sampleWeight: balancedSampleWeights(y),
        seed,
      }),
    contributions: (model, x) => {
      const m = model as GradientBoostingClassifier;
      return boostedContributions(m.baseline, m.trees, x).contributions;
    },
  },
];

export const SPEND_MODELS: RegressorSpec[] = [
  { key: "linear", train: (x, y) => linearRegression(x, y), coefficients: coefOf },
  { key: "ridge", train: (x, y) => ridge(x, y, { alpha: 10 }), coefficients: coefOf },
  {
    key: "lasso",
    train: (x, y, seed) => lassoCV(x, y, { folds: 3, nAlphas: 20, seed, tol: 1e-4, maxIter: 2000 }).model,
    coefficients: coefOf,
    alpha: (m) => (m as { alpha?: number }).alpha,
  },
  { key: "decision_tree", train: (x, y) => decisionTreeRegressor(x, y, { maxDepth: 6, minSamplesLeaf: 20 }) },
  {
    key: "gradient_boosting",
    train: (x, y, seed) =>
      gradientBoostingRegressor(x, y, {
        maxIter: 60,
        learningRate: 0.12,
        maxLeafNodes: 15,
        minSamplesLeaf: Math.max(5, Math.min(20, Math.floor(x.rows / 50))),
        l2Regularization: 1,
        maxBins: 128,
        seed,
      }),
  },
];

export const CLASSIFICATION_METRICS = [
  "auc",
  "prAuc",
  "accuracy",
  "precision",
  "recall",
  "f1",
  "logLoss",
  "brier",
] as const;

export function classificationMetrics(y: BinaryLabels, p: Float64Array, threshold: number): Record<string, number> {
  const single = y.every((v) => v === y[0]);
  const predicted = Uint8Array.from(p, (v) => (v >= threshold ? 1 : 0));
  return {
    auc: single ? NaN : rocAuc(y, p),
    prAuc: single ? NaN : averagePrecision(y, p),
    accuracy: accuracy(y, predicted),
    precision: precision(y, predicted),
    recall: recall(y, predicted),
    f1: f1Score(y, predicted),
    logLoss: logLoss(y, p),
    brier: brierScore(y, p),
  };
}

export function confusionAt(y: BinaryLabels, p: Float64Array, threshold: number) {
  const predicted = Uint8Array.from(p, (v) => (v >= threshold ? 1 : 0));
  return confusionMatrix(y, predicted);
}

export function curveOf(y: BinaryLabels, p: Float64Array) {
  return rocCurve(y, p);
}

export function calibrationOf(y: BinaryLabels, p: Float64Array) {
  return calibrationCurve(p, y, 10, "uniform");
}

export const REGRESSION_METRICS = ["rmse", "mae", "r2"] as const;

export function regressionMetrics(y: Float64Array, p: Float64Array): Record<string, number> {
  return { rmse: rmse(y, p), mae: mae(y, p), r2: y.length > 1 ? r2(y, p) : NaN };
}

/**
 * Permutation importance on held-out rows: the drop in AUC (classifiers) or the rise in RMSE
 * (regressors) when one feature is shuffled, three repeats.
 */
export function permutationImportance(
  x: Matrix,
  y: BinaryLabels | Float64Array,
  model: BinaryClassifier | Regressor,
  names: readonly string[],
  seed: number,
): { feature: string; mean: number; std: number }[] {
  const score =
    "predictProba" in model
      ? (xs: Matrix) => rocAuc(y as BinaryLabels, model.predictProba(xs))
      : (xs: Matrix) => -rmse(y as Float64Array, model.predict(xs));
  if ("predictProba" in model && (y as BinaryLabels).every((v) => v === y[0])) return [];
  const result = permute(x, y, (xs) => score(xs), { nRepeats: 3, seed });
  return names
    .map((feature, j) => ({
      feature,
      mean: result.importancesMean[j] as number,
      std: result.importancesStd[j] as number,
    }))
    .sort((a, b) => b.mean - a.mean);
}
