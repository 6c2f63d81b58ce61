// Metrics of binary classifiers, each defined as in sklearn.metrics (version 1.2) so that a churn
// model's evaluation can be checked against the reference implementation:
//   - ranking: rocAuc, rocCurve, precisionRecallCurve, averagePrecision. Scores are compared as
//     sklearn's `_binary_clf_curve` does: one curve point per distinct score, so tied scores move
//     together (AUC counts a tied positive–negative pair as ½). These need both classes; with one
//     they are undefined and throw a RangeError (sklearn raises for AUC, and warns and returns a
//     meaningless curve for the others);
//   - at a threshold: confusionMatrix, accuracy, precision, recall, f1Score, given predicted 0/1
//     labels (a Uint8Array) or probabilities (a Float64Array) and a threshold: a row is predicted
//     positive iff its probability is ≥ the threshold (the convention of the curve thresholds). A ratio whose
//     denominator is 0 (precision with no predicted positive, recall with no actual positive) is 0,
//     the value of sklearn's default zero_division;
//   - probabilistic: logLoss (probabilities clipped to [eps, 1 − eps], sklearn's eps="auto" for
//     float64), brierScore, calibrationCurve (sklearn's calibration_curve, with the count of each bin).
//     These are defined with a single class and accept one.
//
// Arguments are (y, score) in sklearn's order, except calibrationCurve(prob, y, nBins, strategy); y is
// 0/1 (BinaryLabels). Curves are plain number arrays: they are short, and go to charts and JSON.
import type { BinaryLabels } from "./model";

export type RocCurve = {
  /** False positive rate at each threshold, increasing from 0 to 1. */
  fpr: number[];
  /** True positive rate at each threshold, increasing from 0 to 1. */
  tpr: number[];
  /** Decreasing; a row counts as positive when its score is ≥ the threshold. The first is +∞. */
  thresholds: number[];
};

export type PrecisionRecallCurve = {
  /** One per threshold (increasing thresholds), then 1 for the empty prediction. */
  precision: number[];
  /** One per threshold (decreasing), then 0. */
  recall: number[];
  /** The distinct scores, increasing. */
  thresholds: number[];
};

export type ConfusionMatrix = { readonly tn: number; readonly fp: number; readonly fn: number; readonly tp: number };

/** "uniform": equal-width bins on [0, 1]; "quantile": bins holding equal numbers of predictions. */
export type CalibrationStrategy = "uniform" | "quantile";

export type CalibrationBin = {
  /** Mean predicted probability of the rows in the bin (sklearn's prob_pred). */
  readonly meanPredicted: number;
  /** Fraction of the rows in the bin that are positive (sklearn's prob_true). */
  readonly fractionPositive: number;
  readonly count: number;
};

/** float64 machine epsilon: sklearn's log_loss clipping with eps="auto". */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/** Checks lengths, labels and finite scores; returns the number of positives. */
function checkInput(y: BinaryLabels, score: Float64Array, what: string): number {
  if (y.length !== score.length) {
    throw new RangeError(`y has ${y.length} labels but ${what} has ${score.length} values`);
  }
  if (y.length === 0) throw new RangeError("y is empty");
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v > 1) throw new RangeError(`y must hold only 0 and 1, got ${v} at row ${i}`);
    positives += v;
    const s = score[i]!;
    if (s - s !== 0) throw new RangeError(`${what} has a non-finite value ${s} at row ${i}`);
  }
  return positives;
}

function checkProbabilities(prob: Float64Array): void {
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i]!;
    if (p < 0 || p > 1) throw new RangeError(`probabilities must lie in [0, 1], got ${p} at row ${i}`);
  }
}

function checkBothClasses(positives: number, n: number, metric: string): void {
  if (positives === 0 || positives === n) {
    throw new RangeError(
      `y has a single class (${positives === 0 ? 0 : 1}): ${metric} is undefined without both classes`,
    );
  }
}

/**
 * sklearn's `_binary_clf_curve`: for each distinct score, from the highest down, the number of true
 * and false positives among the rows scoring ≥ it.
 */
function binaryCurve(
  y: BinaryLabels,
  score: Float64Array,
): { tps: Float64Array; fps: Float64Array; thresholds: Float64Array } {
  const n = y.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  const tps: number[] = [];
  const fps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    tp += y[i]!;
    if (k === n - 1 || score[order[k + 1]!]! !== score[i]!) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thresholds.push(score[i]!);
    }
  }
  return { tps: Float64Array.from(tps), fps: Float64Array.from(fps), thresholds: Float64Array.from(thresholds) };
}

/**
 * Area under the ROC curve, the probability that a random positive scores above a random negative
 * (ties count ½). The trapezoids are summed in integer counts and divided once, so the value is the
 * exact ratio to rounding. Throws a RangeError with a single class.
 */
export function rocAuc(y: BinaryLabels, score: Float64Array): number {
  const positives = checkInput(y, score, "score");
  checkBothClasses(positives, y.length, "ROC AUC");
  const { tps, fps } = binaryCurve(y, score);
  let area = 0;
  let tpPrev = 0;
  let fpPrev = 0;
  for (let k = 0; k < tps.length; k++) {
    area += (fps[k]! - fpPrev) * (tps[k]! + tpPrev);
    tpPrev = tps[k]!;
    fpPrev = fps[k]!;
  }
  return area / (2 * positives * (y.length - positives));
}

/**
 * The ROC curve as sklearn's roc_curve(drop_intermediate=True): points that lie on a straight segment
 * between their neighbours are dropped, and the curve starts at (0, 0) with threshold +∞. (sklearn 1.2
 * starts with max(score) + 1, a value that reads as a probability of 2; 1.3 and later use +∞, kept
 * here.) Throws a RangeError with a single class.
 */
export function rocCurve(y: BinaryLabels, score: Float64Array): RocCurve {
  const positives = checkInput(y, score, "score");
  checkBothClasses(positives, y.length, "the ROC curve");
  const { tps, fps, thresholds } = binaryCurve(y, score);
  const m = tps.length;
  const keep: number[] = [];
  for (let k = 0; k < m; k++) {
    const interior = k > 0 && k < m - 1 && m > 2;
    if (!interior || fps[k + 1]! - 2 * fps[k]! + fps[k - 1]! !== 0 || tps[k + 1]! - 2 * tps[k]! + tps[k - 1]! !== 0) {
      keep.push(k);
    }
  }
  const negatives = y.length - positives;
  return {
    fpr: [0, ...keep.map((k) => fps[k]! / negatives)],
    tpr: [0, ...keep.map((k) => tps[k]! / positives)],
    thresholds: [Infinity, ...keep.map((k) => thresholds[k]!)],
  };
}

/**
 * Precision and recall at every distinct score, as sklearn 1.2's precision_recall_curve (the whole
 * curve, thresholds increasing, then the point precision 1, recall 0). Throws a RangeError with a
 * single class.
 */
export function precisionRecallCurve(y: BinaryLabels, score: Float64Array): PrecisionRecallCurve {
  const positives = checkInput(y, score, "score");
  checkBothClasses(positives, y.length, "the precision–recall curve");
  const { tps, fps, thresholds } = binaryCurve(y, score);
  const m = tps.length;
  const precision: number[] = [];
  const recall: number[] = [];
  const th: number[] = [];
  for (let k = m - 1; k >= 0; k--) {
    precision.push(tps[k]! / (tps[k]! + fps[k]!));
    recall.push(tps[k]! / positives);
    th.push(thresholds[k]!);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds: th };
}

/**
 * Average precision, sklearn's step-wise area under the precision–recall curve:
 * AP = Σₙ (Rₙ − Rₙ₋₁) · Pₙ over the distinct scores from the highest down (no interpolation).
 * Throws a RangeError with a single class.
 */
export function averagePrecision(y: BinaryLabels, score: Float64Array): number {
  const positives = checkInput(y, score, "score");
  checkBothClasses(positives, y.length, "average precision");
  const { tps, fps } = binaryCurve(y, score);
  let ap = 0;
  let tpPrev = 0;
  for (let k = 0; k < tps.length; k++) {
    ap += ((tps[k]! - tpPrev) / positives) * (tps[k]! / (tps[k]! + fps[k]!));
    tpPrev = tps[k]!;
  }
  return ap;
}

/**
 * Predicted labels from either 0/1 labels (a Uint8Array, used as they are) or scores (a Float64Array:
 * positive iff score ≥ threshold).
 */
function predictedLabels(y: BinaryLabels, predicted: BinaryLabels | Float64Array, threshold: number): BinaryLabels {
  if (predicted instanceof Uint8Array) {
    checkInput(y, Float64Array.from(predicted), "predicted");
    for (let i = 0; i < predicted.length; i++) {
      if (predicted[i]! > 1) throw new RangeError(`predicted labels must be 0 or 1, got ${predicted[i]} at row ${i}`);
    }
    return predicted;
  }
  checkInput(y, predicted, "prob");
  if (!Number.isFinite(threshold)) throw new RangeError(`threshold must be a finite number, got ${threshold}`);
  return Uint8Array.from(predicted, (p) => (p >= threshold ? 1 : 0));
}

/**
 * The four counts of a binary classification. `predicted` is either 0/1 labels or probabilities,
 * which count as positive when ≥ threshold (default 0.5).
 */
export function confusionMatrix(
  y: BinaryLabels,
  predicted: BinaryLabels | Float64Array,
  threshold = 0.5,
): ConfusionMatrix {
  const labels = predictedLabels(y, predicted, threshold);
  let tn = 0;
  let fp = 0;
  let fn = 0;
  let tp = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) {
      if (labels[i] === 1) tp++;
      else fn++;
    } else if (labels[i] === 1) fp++;
    else tn++;
  }
  return { tn, fp, fn, tp };
}

/** Share of rows classified correctly (predicted: labels, or probabilities cut at the threshold). */
export function accuracy(y: BinaryLabels, predicted: BinaryLabels | Float64Array, threshold = 0.5): number {
  const { tn, tp } = confusionMatrix(y, predicted, threshold);
  return (tn + tp) / y.length;
}

/** tp / (tp + fp); 0 when nothing is predicted positive. */
export function precision(y: BinaryLabels, predicted: BinaryLabels | Float64Array, threshold = 0.5): number {
  const { tp, fp } = confusionMatrix(y, predicted, threshold);
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

/** tp / (tp + fn); 0 when y has no positive. */
export function recall(y: BinaryLabels, predicted: BinaryLabels | Float64Array, threshold = 0.5): number {
  const { tp, fn } = confusionMatrix(y, predicted, threshold);
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

/** Harmonic mean of precision and recall, 2tp / (2tp + fp + fn); 0 when tp + fp + fn = 0. */
export function f1Score(y: BinaryLabels, predicted: BinaryLabels | Float64Array, threshold = 0.5): number {
  const { tp, fp, fn } = confusionMatrix(y, predicted, threshold);
  return tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/**
 * Mean negative log-likelihood, −mean(y log p + (1 − y) log(1 − p)), with p clipped to
 * [eps, 1 − eps] (sklearn's log_loss; eps defaults to float64's machine epsilon, its eps="auto"), so a
 * confident mistake costs −log(eps) ≈ 36 instead of ∞.
 */
export function logLoss(y: BinaryLabels, prob: Float64Array, eps = LOG_LOSS_EPS): number {
  checkInput(y, prob, "prob");
  checkProbabilities(prob);
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`eps must lie in (0, 0.5), got ${eps}`);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(Math.max(prob[i]!, eps), 1 - eps);
    sum -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / y.length;
}

/** Mean squared difference between the probability and the 0/1 outcome (sklearn's brier_score_loss). */
export function brierScore(y: BinaryLabels, prob: Float64Array): number {
  checkInput(y, prob, "prob");
  checkProbabilities(prob);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (prob[i]! - y[i]!) ** 2;
  return sum / y.length;
}

/**
 * Reliability diagram as sklearn's calibration_curve: bin edges are numpy's linspace(0, 1, nBins + 1)
 * ("uniform") or numpy's linear-interpolation percentiles of prob at those levels ("quantile"); a
 * probability equal to an inner edge falls in the lower bin (searchsorted, side "left"). Only the
 * non-empty bins are returned, in increasing order, each with its mean prediction, its fraction of
 * positives and its count.
 */
export function calibrationCurve(
  prob: Float64Array,
  y: BinaryLabels,
  nBins = 5,
  strategy: CalibrationStrategy = "uniform",
): CalibrationBin[] {
  checkInput(y, prob, "prob");
  checkProbabilities(prob);
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`nBins must be a positive integer, got ${nBins}`);
  const levels = linspace01(nBins);
  let edges: Float64Array;
  switch (strategy) {
    case "uniform":
      edges = levels;
      break;
    case "quantile": {
      const sorted = Float64Array.from(prob).sort();
      // sklearn passes levels × 100 to np.percentile, which divides by 100 again.
      edges = levels.map((q) => percentileLinear(sorted, (q * 100) / 100));
      break;
    }
    default: {
      const never: never = strategy;
      throw new RangeError(`strategy must be "uniform" or "quantile", got ${String(never)}`);
    }
  }
  const inner = edges.subarray(1, nBins);
  const sums = new Float64Array(nBins);
  const positives = new Float64Array(nBins);
  const counts = new Float64Array(nBins);
  for (let i = 0; i < y.length; i++) {
    const p = prob[i]!;
    // Number of inner edges strictly below p (binary search: the edges are non-decreasing).
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inner[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    sums[lo]! += p;
    positives[lo]! += y[i]!;
    counts[lo]! += 1;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const count = counts[b]!;
    if (count > 0) bins.push({ meanPredicted: sums[b]! / count, fractionPositive: positives[b]! / count, count });
  }
  return bins;
}

/** numpy's linspace(0, 1, n + 1): k · (1 / n), the last exactly 1. */
function linspace01(n: number): Float64Array {
  const step = 1 / n;
  const out = Float64Array.from({ length: n + 1 }, (_, k) => k * step);
  out[n] = 1;
  return out;
}

/** numpy's percentile, method "linear", at level q ∈ [0, 1] of sorted values (including its lerp). */
function percentileLinear(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * q;
  const below = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
  const above = Math.min(below + 1, n - 1);
  const gamma = virtual - Math.floor(virtual);
  const a = sorted[below]!;
  const b = sorted[above]!;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
