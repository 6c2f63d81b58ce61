// The prediction steps of a pipeline run, after segmentation, in the same worker thread:
//
//   churn   features as of T = cutoff − H, label = no paid order in [T, T + H). Logistic regression,
//           a linear SVM with Platt scaling, a CART tree and gradient-boosted trees are compared by
//           stratified k-fold cross-validation (leave-one-out below 100 customers) beside a
//           recency-only baseline; the best CV AUC is refit on every labelled customer and scores every
//           current customer (features as of the cutoff) for the next H days.
//   spend   the same rows, target = paid spend in [T, T + H): OLS, ridge, lasso (alpha by inner CV),
//           a CART tree and gradient-boosted trees, CV RMSE/MAE/R², beside the naive "same as the last
//           H days"; the best CV RMSE predicts the next H days.
//   CLV     BG/NBD + Gamma-Gamma on every paid order before the cutoff, discounted CLV with intervals,
//           and a calibration/holdout check (lib/pipeline/predict-clv.ts).
//   reasons per customer, the features that move the chosen churn model's probability most, as codes
//           with the figures the page puts into words.
//
// Each model family that the store has too little data for is skipped with a specific reason instead
// of producing numbers nobody should trust.
import type { CustomerFeatures, PurchaseData } from "../analytics/customer-features";
import type { Fold } from "../analytics/cross-validation";
import { kFold, leaveOneOut, stratifiedKFold } from "../analytics/cross-validation";
import { createMatrix, type Matrix } from "../analytics/matrix";
import { takeRows, takeValues, type BinaryLabels } from "../analytics/model";
import { createRandom } from "../analytics/random";
import type { PredictionParams } from "../validation/pipeline";
import { fitPreprocessor } from "./model-prep";
import {
  CHURN_MODELS,
  classificationMetrics,
  confusionAt,
  curveOf,
  permutationImportance,
  REGRESSION_METRICS,
  regressionMetrics,
  SPEND_MODELS,
  calibrationOf,
  type ClassifierSpec,
  type RegressorSpec,
} from "./models";
import { computeClv } from "./predict-clv";
import type {
  ChurnModelReport,
  ChurnReport,
  MeanStd,
  PredictionSummary,
  Reason,
  Skipped,
  SpendModelReport,
  SpendReport,
} from "../db/prediction-report";
import { bgnbdFeatures, createBgNbdFits, type BgNbdFits } from "./predict-clv";
import { DAY, labelledSet, reasonCounts, withModelFeatures, type LabelledSet } from "./predict-data";
import type { Progress } from "./segment";

/** Fewest labelled customers, and fewest of the rarer class, for a churn model. */
export const MIN_LABELLED = 30;
export const MIN_CLASS = 5;
/** Below this many labelled customers, leave-one-out instead of k-fold. */
export const LOO_BELOW = 100;
/** Thresholds at which the out-of-fold confusion matrix is kept (0.05 … 0.95). */
const THRESHOLD_GRID = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);
/** Most labelled customers the chosen models are refit on. */
export const REFIT_SAMPLE = 40_000;
/** Rows for permutation importance (from the first fold's test rows). */
const IMPORTANCE_ROWS = 2000;

export type {
  ChurnModelReport,
  ChurnReport,
  MeanStd,
  PredictionSummary,
  Reason,
  Skipped,
  SpendModelReport,
  SpendReport,
} from "../db/prediction-report";

export type PredictionOutput = {
  churnProb: Float32Array;
  spendNext: Float32Array;
  expectedPurchases: Float32Array;
  pAlive: Float32Array;
  clv: Float32Array;
  clvLow: Float32Array;
  clvHigh: Float32Array;
  /** JSON text of Reason[] per customer ("" when there is no churn model). */
  reasons: string[];
  summary: PredictionSummary;
};

export type PredictInput = {
  data: PurchaseData;
  cutoff: number;
  timeZone: string;
  params: PredictionParams;
  seed: number;
  /** Features as of the cutoff (the scoring population, in run_customer order). */
  current: CustomerFeatures;
  isFestival?: (t: number) => boolean;
};

function nanArray(n: number): Float32Array {
  return new Float32Array(n).fill(NaN);
}

function meanStd(values: number[], pooled?: number): MeanStd {
  if (pooled !== undefined) return { mean: pooled, std: null };
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { mean: NaN, std: null };
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / finite.length);
  return { mean, std: sd };
}

/** A stratified sample of at most `size` rows (all rows when there are fewer), in ascending order. */
export function stratifiedSample(y: BinaryLabels, size: number, seed: number): Int32Array {
  if (y.length <= size) return Int32Array.from({ length: y.length }, (_, i) => i);
  const random = createRandom(seed);
  const out: number[] = [];
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) rows.push(i);
    const take = Math.round((rows.length / y.length) * size);
    for (let i = 0; i < take; i++) {
      const j = i + random.int(rows.length - i);
      const t = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = t;
      out.push(rows[i] as number);
    }
  }
  return Int32Array.from(out.sort((a, b) => a - b));
}

function validationFolds(y: BinaryLabels, folds: number, seed: number): { folds: Fold[]; loo: boolean } {
  let minority = 0;
  for (const v of y) minority += v;
  minority = Math.min(minority, y.length - minority);
  if (y.length < LOO_BELOW || minority < folds) return { folds: leaveOneOut(y.length), loo: true };
  return { folds: stratifiedKFold(y, folds, seed), loo: false };
}

function downsampleCurve(fpr: number[], tpr: number[], thr: number[], max = 200) {
  if (fpr.length <= max) return { fpr, tpr, thresholds: thr };
  const keep: number[] = [];
  for (let i = 0; i < max; i++) keep.push(Math.round((i * (fpr.length - 1)) / (max - 1)));
  return {
    fpr: keep.map((i) => fpr[i] as number),
    tpr: keep.map((i) => tpr[i] as number),
    thresholds: keep.map((i) => thr[i] as number),
  };
}

type Elapsed = () => number;
const stopwatch = (): Elapsed => {
  const t0 = performance.now();
  return () => (performance.now() - t0) / 1000;
};

/** Cross-validates one classifier on (x, y): per-fold metrics, pooled out-of-fold probabilities, importance. */
function crossValidateClassifier(
  spec: ClassifierSpec,
  x: Matrix,
  names: string[],
  y: BinaryLabels,
  folds: Fold[],
  loo: boolean,
  threshold: number,
  seed: number,
): ChurnModelReport {
  const elapsed = stopwatch();
  const oof = new Float64Array(y.length);
  const perFold: Record<string, number>[] = [];
  let importance: ChurnModelReport["importance"] = [];
  let coefficients: ChurnModelReport["coefficients"];
  folds.forEach((fold, f) => {
    const prep = fitPreprocessor(takeRows(x, fold.train), names);
    const yTrain = takeValues(y, fold.train);
    const model = spec.train(prep.transform(takeRows(x, fold.train)), yTrain, seed);
    if (f === 0) {
      // Coefficients (standardised inputs) of the first fold's model: no extra fit for the page.
      const coef = spec.coefficients?.(model);
      if (coef) coefficients = prep.names.map((feature, j) => ({ feature, value: coef[j] as number }));
    }
    const xTest = prep.transform(takeRows(x, fold.test));
    const p = model.predictProba(xTest);
    fold.test.forEach((row, i) => (oof[row] = p[i] as number));
    if (!loo) perFold.push(classificationMetrics(takeValues(y, fold.test), p, threshold));
    if (f === 0 && !loo) {
      const rows = Math.min(IMPORTANCE_ROWS, fold.test.length);
      const sub = Int32Array.from({ length: rows }, (_, i) => i);
      const xs = takeRows(xTest, sub);
      const ys = takeValues(takeValues(y, fold.test), sub);
      importance = permutationImportance(xs, ys, model, prep.names, seed).map((imp) => ({
        ...imp,
        feature: imp.feature,
      }));
    }
  });
  const pooled = classificationMetrics(y, oof, threshold);
  const metrics: Record<string, MeanStd> = {};
  for (const key of Object.keys(pooled)) {
    metrics[key] = loo ? meanStd([], pooled[key]) : meanStd(perFold.map((m) => m[key] as number));
  }
  if (loo) {
    // Leave-one-out has no per-fold AUC: importance on the pooled predictions of a model fit on all rows.
    const prep = fitPreprocessor(x, names);
    const xt = prep.transform(x);
    const model = spec.train(xt, y, seed);
    importance = permutationImportance(xt, y, model, prep.names, seed);
  }
  const curve = curveOf(y, oof);
  return {
    key: spec.key,
    metrics,
    roc: downsampleCurve(curve.fpr, curve.tpr, curve.thresholds),
    calibration: calibrationOf(y, oof),
    confusion: confusionAt(y, oof, threshold),
    confusionByThreshold: THRESHOLD_GRID.map((t) => ({ threshold: t, ...confusionAt(y, oof, t) })),
    importance,
    ...(coefficients ? { coefficients } : {}),
    ...(loo ? {} : { foldAuc: perFold.map((m) => m.auc as number) }),
    fitSeconds: elapsed(),
  };
}

/** Paired per-fold AUC difference of a model over the baseline. */
export function pairedGain(model: ChurnModelReport, baseline: ChurnModelReport): ChurnReport["gainOverBaseline"] {
  const a = model.foldAuc;
  const b = baseline.foldAuc;
  if (!a || !b || a.length !== b.length || a.length === 0) return null;
  const d = a.map((v, i) => v - (b[i] as number));
  const mean = d.reduce((x, y) => x + y, 0) / d.length;
  const std = Math.sqrt(d.reduce((x, y) => x + (y - mean) ** 2, 0) / d.length);
  return { mean, std, foldsWon: d.filter((v) => v > 0).length, folds: d.length };
}

function crossValidateRegressor(
  spec: RegressorSpec,
  x: Matrix,
  names: string[],
  y: Float64Array,
  folds: Fold[],
  loo: boolean,
  seed: number,
): SpendModelReport {
  const elapsed = stopwatch();
  const oof = new Float64Array(y.length);
  const perFold: Record<string, number>[] = [];
  let importance: SpendModelReport["importance"] = [];
  let coefficients: SpendModelReport["coefficients"];
  let alpha: number | undefined;
  folds.forEach((fold, f) => {
    const prep = fitPreprocessor(takeRows(x, fold.train), names);
    const model = spec.train(prep.transform(takeRows(x, fold.train)), takeValues(y, fold.train), seed);
    if (f === 0) {
      const coef = spec.coefficients?.(model);
      if (coef) coefficients = prep.names.map((feature, j) => ({ feature, value: coef[j] as number }));
      alpha = spec.alpha?.(model);
    }
    const xTest = prep.transform(takeRows(x, fold.test));
    const p = model.predict(xTest);
    fold.test.forEach((row, i) => (oof[row] = p[i] as number));
    if (!loo) perFold.push(regressionMetrics(takeValues(y, fold.test), p));
    if (f === 0 && !loo) {
      const rows = Math.min(IMPORTANCE_ROWS, fold.test.length);
      const sub = Int32Array.from({ length: rows }, (_, i) => i);
      importance = permutationImportance(
        takeRows(xTest, sub),
        takeValues(takeValues(y, fold.test), sub),
        model,
        prep.names,
        seed,
      );
    }
  });
  const pooled = regressionMetrics(y, oof);
  const metrics: Record<string, MeanStd> = {};
  for (const key of REGRESSION_METRICS) {
    metrics[key] = loo ? meanStd([], pooled[key]) : meanStd(perFold.map((m) => m[key] as number));
  }
  return {
    key: spec.key,
    metrics,
    importance,
    ...(coefficients ? { coefficients } : {}),
    ...(alpha !== undefined ? { alpha } : {}),
    fitSeconds: elapsed(),
  };
}

function subsetSet(set: LabelledSet, rows: Int32Array) {
  return {
    x: takeRows(set.features.matrix, rows),
    churned: takeValues(set.churned, rows),
    nextSpend: takeValues(set.nextSpend, rows),
    lastSpend: takeValues(set.lastSpend, rows),
  };
}

/** Columns of the training matrix used by the models (every feature of customerFeatures). */
function recencyOnly(x: Matrix, names: string[]): Matrix {
  const j = names.indexOf("recency_days");
  if (j < 0) throw new RangeError("recency_days is missing from the features");
  const out = createMatrix(x.rows, 1);
  for (let i = 0; i < x.rows; i++) out.data[i] = x.data[i * x.cols + j] as number;
  return out;
}

// Features that reason codes can put into words, with the figures each needs.
const REASON_FEATURES = [
  "recency_days",
  "frequency",
  "trend",
  "refund_rate",
  "cancel_rate",
  "mean_rating",
  "discount_share",
  "gap_mean_days",
  "monetary",
  "aov",
  "tenure_days",
  "festival_share",
  "orders_recent",
  "overdue_ratio",
  "p_alive",
] as const;

const REASON_CODE: Record<(typeof REASON_FEATURES)[number], string> = {
  recency_days: "recency",
  frequency: "frequency",
  trend: "order_trend",
  refund_rate: "refunds",
  cancel_rate: "cancellations",
  mean_rating: "rating",
  discount_share: "discount",
  gap_mean_days: "cadence",
  monetary: "spend",
  aov: "aov",
  tenure_days: "tenure",
  festival_share: "festival",
  orders_recent: "recent_orders",
  overdue_ratio: "cadence",
  p_alive: "p_alive",
};

/**
 * Per-customer reasons from the chosen churn model's own contributions (models.ts): for each input
 * that has words, its share of the customer's score against the average customer. The three largest
 * (one per kind of reason, and at least a tenth of the largest) become reason codes; sign = +1 when
 * the customer's value raises the risk.
 */
function reasonsFor(
  contributions: Matrix,
  inputNames: readonly string[],
  scoring: CustomerFeatures,
  counts: ReturnType<typeof reasonCounts>,
  horizonDays: number,
): string[] {
  const { matrix, names } = scoring;
  const n = matrix.rows;
  const usable = REASON_FEATURES.flatMap((feature) => {
    const k = inputNames.indexOf(feature);
    const j = names.indexOf(feature);
    return k >= 0 && j >= 0 ? [{ feature, k, j }] : [];
  });
  const value = (i: number, name: string) => matrix.data[i * matrix.cols + names.indexOf(name)] as number;
  const out: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const effects = usable
      .map(({ feature, k, j }) => ({
        feature,
        delta: contributions.data[i * contributions.cols + k] as number,
        finite: Number.isFinite(matrix.data[i * matrix.cols + j]),
      }))
      .filter((e) => e.finite && Math.abs(e.delta) > 1e-9)
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
    const largest = Math.abs(effects[0]?.delta ?? 0);
    const ranked = effects
      .filter((e) => Math.abs(e.delta) >= 0.1 * largest)
      // One sentence per code (gap and overdue ratio both read as the buying cadence).
      .filter((e, k, all) => all.findIndex((o) => REASON_CODE[o.feature] === REASON_CODE[e.feature]) === k)
      .slice(0, 3);
    const reasons: Reason[] = ranked.map(({ feature, delta }) => {
      const v = value(i, feature);
      const values: Record<string, number> = {};
      switch (feature) {
        case "recency_days":
          values.days = Math.round(v);
          break;
        case "frequency":
          values.orders = Math.round(v);
          break;
        case "trend":
          values.recent = counts.recentPaid[i] as number;
          values.earlier = counts.earlierPaid[i] as number;
          values.days = horizonDays;
          break;
        case "refund_rate":
          values.refunded = counts.refunded[i] as number;
          values.orders = counts.orders[i] as number;
          break;
        case "cancel_rate":
          values.cancelled = counts.cancelled[i] as number;
          values.orders = counts.orders[i] as number;
          break;
        case "mean_rating":
          values.rating = Math.round(v * 10) / 10;
          break;
        case "discount_share":
        case "festival_share":
          values.percent = Math.round(v * 100);
          break;
        case "gap_mean_days":
        case "overdue_ratio":
          values.gap = Math.round(value(i, "gap_mean_days"));
          values.days = Math.round(value(i, "recency_days"));
          break;
        case "orders_recent":
          values.orders = Math.round(v);
          values.days = horizonDays;
          break;
        case "p_alive":
          values.percent = Math.round(v * 100);
          break;
        case "monetary":
        case "aov":
          values.amount = Math.round(v * 100) / 100;
          break;
        case "tenure_days":
          values.days = Math.round(v);
          break;
      }
      return { code: REASON_CODE[feature], sign: delta > 0 ? 1 : -1, values };
    });
    out[i] = JSON.stringify(reasons);
  }
  return out;
}

/** Features of the supervised models as of a cutoff: customerFeatures plus withModelFeatures. */
export function modelFeatures(
  data: PurchaseData,
  features: CustomerFeatures,
  cutoff: number,
  horizonDays: number,
  fits: BgNbdFits,
): CustomerFeatures {
  return withModelFeatures(data, features, cutoff, horizonDays, () => bgnbdFeatures(fits.at(cutoff), horizonDays));
}

/** The labelled training set as of T (features before T, outcomes in [T, T + H)), with the model features. */
export function trainingSet(
  data: PurchaseData,
  cutoffT: number,
  horizonDays: number,
  fits: BgNbdFits,
  isFestival?: (t: number) => boolean,
): LabelledSet {
  const plain = labelledSet(data, cutoffT, horizonDays, isFestival);
  return { ...plain, features: modelFeatures(data, plain.features, cutoffT, horizonDays, fits) };
}

export type ChurnEvaluation =
  | { skipped: Skipped }
  | {
      report: ChurnReport;
      spend: SpendReport | null;
      sample: ReturnType<typeof subsetSet>;
      spec: ClassifierSpec;
      spendSpec: RegressorSpec | null;
    };

/**
 * Cross-validates the churn models (and, unless `spend` is false, the spend models) on a labelled set
 * as of T. Shared by the pipeline and `analytics churn`.
 */
export function evaluateModels(
  set: LabelledSet,
  params: PredictionParams,
  seed: number,
  options: { spend?: boolean; progress?: Progress } = {},
): ChurnEvaluation {
  const progress = options.progress ?? (() => undefined);
  const names = set.features.names;
  const labelled = set.churned.length;
  const H = params.horizonDays;
  let positives = 0;
  for (const v of set.churned) positives += v;
  const minority = Math.min(positives, labelled - positives);
  if (labelled === 0) return { skipped: { code: "history_too_short", values: { days: H } } };
  if (labelled < MIN_LABELLED)
    return { skipped: { code: "too_few_customers", values: { labelled, needed: MIN_LABELLED, days: H } } };
  if (minority < MIN_CLASS)
    return {
      skipped: {
        code: positives < MIN_CLASS ? "too_few_churned" : "too_few_retained",
        values: { count: minority, needed: MIN_CLASS, days: H },
      },
    };

  const sampleRows = stratifiedSample(set.churned, params.cvSample, seed);
  const sample = subsetSet(set, sampleRows);
  const { folds, loo } = validationFolds(sample.churned, params.folds, seed);
  const reports: ChurnModelReport[] = [];
  CHURN_MODELS.forEach((spec, k) => {
    reports.push(crossValidateClassifier(spec, sample.x, names, sample.churned, folds, loo, params.threshold, seed));
    progress((0.6 * (k + 1)) / CHURN_MODELS.length, `churn:${spec.key}`);
  });
  const logistic = CHURN_MODELS.find((s) => s.key === "logistic") as ClassifierSpec;
  const baseline = crossValidateClassifier(
    { ...logistic, key: "recency_baseline" },
    recencyOnly(sample.x, names),
    ["recency_days"],
    sample.churned,
    folds,
    loo,
    params.threshold,
    seed,
  );
  progress(0.62, "churn:recency_baseline");
  const best = reports.reduce((a, b) => ((b.metrics.auc?.mean ?? -1) > (a.metrics.auc?.mean ?? -1) ? b : a));
  const spec = CHURN_MODELS.find((s) => s.key === best.key) as ClassifierSpec;
  const report: ChurnReport = {
    cutoffT: new Date(set.cutoff).toISOString(),
    labelled,
    churnRate: positives / labelled,
    validation: loo ? "leave-one-out" : "k-fold",
    folds: folds.length,
    sampled: sample.churned.length,
    threshold: params.threshold,
    models: reports,
    baseline,
    chosen: best.key,
    atRiskShare: NaN,
    gainOverBaseline: pairedGain(best, baseline),
  };
  if (options.spend === false) return { report, spend: null, sample, spec, spendSpec: null };

  // Spend: plain k-fold on the same sample (leave-one-out when small).
  const spendFolds = loo ? leaveOneOut(sample.x.rows) : kFold(sample.x.rows, params.folds, seed);
  const spendReports: SpendModelReport[] = [];
  SPEND_MODELS.forEach((s, k) => {
    spendReports.push(crossValidateRegressor(s, sample.x, names, sample.nextSpend, spendFolds, loo, seed));
    progress(0.6 + (0.4 * (k + 1)) / SPEND_MODELS.length, `spend:${s.key}`);
  });
  const naivePerFold = spendFolds.map((fold) =>
    regressionMetrics(takeValues(sample.nextSpend, fold.test), takeValues(sample.lastSpend, fold.test)),
  );
  const naivePooled = regressionMetrics(sample.nextSpend, sample.lastSpend);
  const naiveMetrics: Record<string, MeanStd> = {};
  for (const key of REGRESSION_METRICS) {
    naiveMetrics[key] = loo ? meanStd([], naivePooled[key]) : meanStd(naivePerFold.map((m) => m[key] as number));
  }
  const bestSpend = spendReports.reduce((a, b) =>
    (b.metrics.rmse?.mean ?? Infinity) < (a.metrics.rmse?.mean ?? Infinity) ? b : a,
  );
  let meanActual = 0;
  for (const v of set.nextSpend) meanActual += v / labelled;
  return {
    report,
    sample,
    spec,
    spendSpec: SPEND_MODELS.find((s) => s.key === bestSpend.key) as RegressorSpec,
    spend: {
      labelled,
      validation: loo ? "leave-one-out" : "k-fold",
      folds: spendFolds.length,
      sampled: sample.x.rows,
      models: spendReports,
      baseline: { key: "last_period_baseline", metrics: naiveMetrics, importance: [], fitSeconds: 0 },
      chosen: bestSpend.key,
      meanActual,
    },
  };
}

export function computePredictions(input: PredictInput, progress: Progress = () => undefined): PredictionOutput {
  const { data, cutoff, params, seed, current } = input;
  const n = current.customers.length;
  const skippedNone = { skipped: { code: "none" } };
  const out: PredictionOutput = {
    churnProb: nanArray(n),
    spendNext: nanArray(n),
    expectedPurchases: nanArray(n),
    pAlive: nanArray(n),
    clv: nanArray(n),
    clvLow: nanArray(n),
    clvHigh: nanArray(n),
    reasons: new Array<string>(n).fill(""),
    summary: { horizonDays: params.horizonDays, churn: skippedNone, spend: skippedNone, clv: skippedNone },
  };
  const H = params.horizonDays;
  const fits = createBgNbdFits(data, input.timeZone, seed);
  const set = trainingSet(data, cutoff - H * DAY, H, fits, input.isFestival);
  const scoring = modelFeatures(data, current, cutoff, H, fits);
  const names = set.features.names;
  progress(0.05, "training set and BG/NBD features");
  const evaluation = evaluateModels(set, params, seed, { progress: (f, d) => progress(0.02 + 0.6 * f, d) });
  if ("skipped" in evaluation) {
    out.summary.churn = { skipped: evaluation.skipped };
    out.summary.spend = { skipped: evaluation.skipped };
  } else {
    const { report, spec } = evaluation;
    const prep = fitPreprocessor(set.features.matrix, names);
    // The winner is refit on every labelled customer, up to REFIT_SAMPLE (a stratified sample beyond).
    const refitRows = stratifiedSample(set.churned, REFIT_SAMPLE, seed + 1);
    const xAll = prep.transform(takeRows(set.features.matrix, refitRows));
    const model = spec.train(xAll, takeValues(set.churned, refitRows), seed);
    const xScoring = prep.transform(scoring.matrix);
    const probs = model.predictProba(xScoring);
    let atRisk = 0;
    for (let i = 0; i < n; i++) {
      const p = Math.min(1, Math.max(0, probs[i] as number));
      out.churnProb[i] = p;
      if (p >= params.threshold) atRisk++;
    }
    report.atRiskShare = n > 0 ? atRisk / n : 0;
    progress(0.68, "churn:refit and score");
    const counts = reasonCounts(data, current.customers, cutoff, H);
    out.reasons = reasonsFor(spec.contributions(model, xScoring), prep.names, scoring, counts, H);
    progress(0.72, "churn:reasons");
    out.summary.churn = report;

    if (evaluation.spend && evaluation.spendSpec) {
      const spendSpec = evaluation.spendSpec;
      const spendModel = spendSpec.train(xAll, takeValues(set.nextSpend, refitRows), seed);
      const spend = spendModel.predict(prep.transform(scoring.matrix));
      for (let i = 0; i < n; i++) out.spendNext[i] = Math.max(0, spend[i] as number);
      out.summary.spend = evaluation.spend;
    }
  }
  progress(0.8, "spend:refit and score");

  let clv: ReturnType<typeof computeClv>;
  try {
    clv = computeClv(
      { data, cutoff, timeZone: input.timeZone, params, seed, customers: current.customers, fits },
      (f) => progress(0.8 + 0.2 * f, "clv"),
    );
  } catch (err) {
    // A model that cannot be computed for this store costs the CLV step, not the run.
    if (!(err instanceof RangeError)) throw err;
    clv = { skipped: { code: "clv_fit_failed", values: { message: err.message } } };
  }
  if ("skipped" in clv) out.summary.clv = { skipped: clv.skipped };
  else {
    out.summary.clv = clv.report;
    out.expectedPurchases = clv.expectedPurchases;
    out.pAlive = clv.pAlive;
    out.clv = clv.clv;
    out.clvLow = clv.clvLow;
    out.clvHigh = clv.clvHigh;
  }
  progress(1, "predictions");
  return out;
}
