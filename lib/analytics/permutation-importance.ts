// Model explanations for the churn and spend models:
//   - permutationImportance: the drop in a score when one feature's values are shuffled across rows
//     (Breiman 2001; sklearn.inspection.permutation_importance, version 1.2). Generic over classifiers
//     and regressors: the caller passes score(x, y), higher is better (AUC, accuracy, r2, −rmse…).
//     As in sklearn, every feature sees the same sequence of permutations (a fresh generator from the
//     same seed per feature, so features are compared on equal draws), the shuffles of the row order
//     compound over the repeats, and the std over repeats is the population one (ddof = 0, np.std).
//     One working copy of x is made; each feature's column is overwritten per repeat and restored
//     afterwards, so the score function must not keep the matrix it is given;
//   - standardizedCoefficients: coef_j · std(x_j), the coefficients a linear model would have on
//     standardised features (StandardScaler, ddof = 0), comparable across features measured in
//     different units;
//   - linearContributions and rankContributions: per-row reason codes of a linear model,
//     coef_j · (x_ij − mean_j) with the training means, so that a row's contributions sum to its
//     prediction minus the prediction at the mean row.
import { createMatrix, type Matrix } from "./matrix";
import { createRandom } from "./random";

export type PermutationImportanceOptions = {
  /** Shuffles per feature. Default 5, as sklearn. */
  nRepeats?: number;
  /** Seed of the shuffles. Default 0. */
  seed?: number;
  /**
   * The row order to use for a feature at a repeat instead of the seeded shuffle: permuted column[i] =
   * x[order[i], feature]. For tests and for replaying another tool's permutations.
   */
  permutation?: (feature: number, repeat: number) => ArrayLike<number>;
};

export type PermutationImportanceResult = {
  /** score(x, y) on the unpermuted data. */
  baseline: number;
  /** Per feature, mean over repeats of baseline − permuted score. */
  importancesMean: Float64Array;
  /** Per feature, population std (ddof = 0) of the decrease over repeats. */
  importancesStd: Float64Array;
  /** features × nRepeats: every decrease. */
  importances: Matrix;
};

export type Contribution = { feature: number; contribution: number };

function checkPermutation(
  order: ArrayLike<number>,
  n: number,
  seen: Uint8Array,
  feature: number,
  repeat: number,
): void {
  if (order.length !== n) {
    throw new RangeError(
      `permutation for feature ${feature}, repeat ${repeat} has ${order.length} entries, expected ${n}`,
    );
  }
  seen.fill(0);
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    if (!Number.isInteger(r) || r < 0 || r >= n || seen[r] === 1) {
      throw new RangeError(
        `permutation for feature ${feature}, repeat ${repeat} is not a permutation of 0..${n - 1} (entry ${i} is ${r})`,
      );
    }
    seen[r] = 1;
  }
}

/** Importance of each column of x as the decrease of score(x, y) when that column is shuffled. */
export function permutationImportance<Y extends ArrayLike<number>>(
  x: Matrix,
  y: Y,
  score: (x: Matrix, y: Y) => number,
  options: PermutationImportanceOptions = {},
): PermutationImportanceResult {
  const nRepeats = options.nRepeats ?? 5;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(nRepeats) || nRepeats < 1)
    throw new RangeError(`nRepeats must be an integer ≥ 1, got ${nRepeats}`);
  const n = x.rows;
  const p = x.cols;
  if (n < 2 || p < 1) throw new RangeError(`permutation importance needs at least 2 rows and 1 column, got ${n}×${p}`);
  if (y.length !== n) throw new RangeError(`y has ${y.length} values but x has ${n} rows`);

  const baseline = score(x, y);
  if (!Number.isFinite(baseline)) throw new RangeError(`the score on the unpermuted data is not finite: ${baseline}`);
  const work = createMatrix(n, p, x.data.slice());
  const importances = createMatrix(p, nRepeats);
  const importancesMean = new Float64Array(p);
  const importancesStd = new Float64Array(p);
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);

  for (let j = 0; j < p; j++) {
    const random = createRandom(seed);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let r = 0; r < nRepeats; r++) {
      let rows: ArrayLike<number> = order;
      if (options.permutation !== undefined) {
        rows = options.permutation(j, r);
        checkPermutation(rows, n, seen, j, r);
      } else {
        // Fisher–Yates on the running order: shuffles compound over repeats, as sklearn's.
        for (let i = n - 1; i > 0; i--) {
          const k = random.int(i + 1);
          const t = order[i]!;
          order[i] = order[k]!;
          order[k] = t;
        }
      }
      for (let i = 0; i < n; i++) work.data[i * p + j] = x.data[rows[i]! * p + j]!;
      const s = score(work, y);
      if (!Number.isFinite(s))
        throw new RangeError(`the score with feature ${j} permuted (repeat ${r}) is not finite: ${s}`);
      importances.data[j * nRepeats + r] = baseline - s;
    }
    for (let i = 0; i < n; i++) work.data[i * p + j] = x.data[i * p + j]!;

    let mean = 0;
    for (let r = 0; r < nRepeats; r++) mean += importances.data[j * nRepeats + r]!;
    mean /= nRepeats;
    let v = 0;
    for (let r = 0; r < nRepeats; r++) v += (importances.data[j * nRepeats + r]! - mean) ** 2;
    importancesMean[j] = mean;
    importancesStd[j] = Math.sqrt(v / nRepeats);
  }
  return { baseline, importancesMean, importancesStd, importances };
}

/** Column means of x (the training means that linearContributions measures from). */
export function featureMeans(x: Matrix): Float64Array {
  if (x.rows === 0) throw new RangeError("x has no rows");
  const mean = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) for (let j = 0; j < x.cols; j++) mean[j]! += x.data[i * x.cols + j]!;
  for (let j = 0; j < x.cols; j++) mean[j]! /= x.rows;
  return mean;
}

/** coef_j · std(x_j), population std: the coefficients on standardised features, in the target's units. */
export function standardizedCoefficients(coef: ArrayLike<number>, x: Matrix): Float64Array {
  if (coef.length !== x.cols) throw new RangeError(`coef has ${coef.length} values but x has ${x.cols} columns`);
  const mean = featureMeans(x);
  const out = new Float64Array(x.cols);
  for (let j = 0; j < x.cols; j++) {
    let v = 0;
    for (let i = 0; i < x.rows; i++) v += (x.data[i * x.cols + j]! - mean[j]!) ** 2;
    out[j] = coef[j]! * Math.sqrt(v / x.rows);
  }
  return out;
}

/** contributions[i, j] = coef_j · (x_ij − mean_j), mean = the training means (featureMeans of the training x). */
export function linearContributions(coef: ArrayLike<number>, x: Matrix, mean: ArrayLike<number>): Matrix {
  if (coef.length !== x.cols) throw new RangeError(`coef has ${coef.length} values but x has ${x.cols} columns`);
  if (mean.length !== x.cols) throw new RangeError(`mean has ${mean.length} values but x has ${x.cols} columns`);
  const out = createMatrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) out.data[i * x.cols + j] = coef[j]! * (x.data[i * x.cols + j]! - mean[j]!);
  }
  return out;
}

/**
 * One row's contributions as reason codes: largest |contribution| first (ties by feature index), the
 * `top` first kept. Zero contributions are dropped: they give no reason.
 */
export function rankContributions(contributions: ArrayLike<number>, top = contributions.length): Contribution[] {
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`top must be an integer ≥ 0, got ${top}`);
  const out: Contribution[] = [];
  for (let j = 0; j < contributions.length; j++) {
    const c = contributions[j]!;
    if (Number.isNaN(c)) throw new RangeError(`contribution ${j} is NaN`);
    if (c !== 0) out.push({ feature: j, contribution: c });
  }
  out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature - b.feature);
  return out.slice(0, top);
}
