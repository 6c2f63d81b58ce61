// Regression metrics with scikit-learn 1.2's definitions (sklearn.metrics), for scoring spend models and
// their cross-validation folds:
//   - rmse: mean_squared_error(squared=False), √(mean (y − ŷ)²);
//   - mae: mean_absolute_error, mean |y − ŷ|;
//   - r2: r2_score, 1 − Σ(y − ŷ)² / Σ(y − ȳ)², with its force_finite rule for a constant target
//     (1 when the predictions are perfect, else 0, instead of NaN or −∞);
//   - summarizeScores: mean and standard deviation of per-fold scores. The standard deviation is the
//     population one (ddof = 0), numpy's default and what sklearn's cross-validation reports
//     (cv_results_' std_test_score), so numbers shown here match what analysts see in sklearn.

export type ScoreSummary = {
  mean: number;
  /** Population standard deviation (ddof = 0). */
  std: number;
  n: number;
};

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, minLength = 1): void {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`yTrue has ${yTrue.length} values but yPred has ${yPred.length}`);
  }
  if (yTrue.length < minLength) {
    throw new RangeError(`need at least ${minLength} value${minLength === 1 ? "" : "s"}, got ${yTrue.length}`);
  }
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i])) throw new RangeError(`yTrue has a non-finite value at index ${i}`);
    if (!Number.isFinite(yPred[i])) throw new RangeError(`yPred has a non-finite value at index ${i}`);
  }
}

/** Root mean squared error. */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += (yTrue[i]! - yPred[i]!) ** 2;
  return Math.sqrt(s / yTrue.length);
}

/** Mean absolute error. */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i]! - yPred[i]!);
  return s / yTrue.length;
}

/**
 * Coefficient of determination. Needs at least 2 values (sklearn returns NaN with a warning for one).
 * Negative when the predictions are worse than predicting the mean.
 */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkPair(yTrue, yPred, 2);
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (yTrue[i]! - yPred[i]!) ** 2;
    ssTot += (yTrue[i]! - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/** Mean and population standard deviation of scores, e.g. one per cross-validation fold. */
export function summarizeScores(scores: ArrayLike<number>): ScoreSummary {
  const n = scores.length;
  if (n === 0) throw new RangeError("need at least one score to summarise");
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(scores[i])) throw new RangeError(`score ${i} is not finite: ${scores[i]}`);
    mean += scores[i]!;
  }
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (scores[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(v / n), n };
}
