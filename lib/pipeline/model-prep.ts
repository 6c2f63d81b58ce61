// Preprocessing for the supervised models, fitted on training rows only (inside each cross-validation
// fold, so no test-fold statistic leaks into training): drop columns that are constant in training,
// fill gaps with the training median (plus a missing-indicator for gap columns, since "has never
// reordered" is itself a signal), log1p the long-tailed columns, and standardise. Trees don't need the
// scaling but are indifferent to it, so every model sees the same matrix.
import { fitImputer, transformImputer } from "../analytics/impute";
import { log1p } from "../analytics/log1p";
import { createMatrix, type Matrix } from "../analytics/matrix";
import { fitStandardScaler, transformStandardScaler, type StandardScalerParams } from "../analytics/scalers";
import { SKEWED_FEATURES } from "./segment";

/** Long-tailed inputs of the supervised models: segmentation's, plus the counts and ratios they add. */
const SKEWED = new Set([...SKEWED_FEATURES, "orders_recent", "overdue_ratio", "expected_purchases_h"]);

export type Preprocessor = {
  /** Names of the output columns (kept inputs, then `missing:<name>` indicators). */
  names: string[];
  /** Input column of each kept column. */
  kept: number[];
  transform: (x: Matrix) => Matrix;
  scaler: StandardScalerParams;
};

export function fitPreprocessor(x: Matrix, names: readonly string[]): Preprocessor {
  if (names.length !== x.cols) throw new RangeError(`${names.length} names for ${x.cols} columns`);
  const kept: number[] = [];
  const withMissing: number[] = [];
  for (let j = 0; j < x.cols; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    let missing = 0;
    for (let i = 0; i < x.rows; i++) {
      const v = x.data[i * x.cols + j] as number;
      if (Number.isNaN(v)) missing++;
      else {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (hi > lo) kept.push(j);
    if (missing > 0 && missing < x.rows && hi >= lo) withMissing.push(j);
  }
  const keptNames = kept.map((j) => names[j] as string);
  const skewed = keptNames.flatMap((name, k) => (SKEWED.has(name) ? [k] : []));
  const select = (m: Matrix): Matrix => {
    const cols = kept.length + withMissing.length;
    const out = createMatrix(m.rows, cols);
    for (let i = 0; i < m.rows; i++) {
      const src = i * m.cols;
      const dst = i * cols;
      kept.forEach((j, k) => (out.data[dst + k] = m.data[src + j] as number));
      withMissing.forEach((j, k) => (out.data[dst + kept.length + k] = Number.isNaN(m.data[src + j]) ? 1 : 0));
    }
    return out;
  };
  const base = select(x);
  // A column all NaN in training (kept only if it varies) cannot be imputed; constant columns were dropped.
  const imputer = fitImputer(base, { strategy: "median" });
  const logged = (m: Matrix) => {
    // Counts, days and amounts are ≥ 0; a negative value (bad data) is clamped rather than crash log1p.
    for (let i = 0; i < m.rows; i++) {
      for (const k of skewed) {
        const idx = i * m.cols + k;
        if ((m.data[idx] as number) < 0) m.data[idx] = 0;
      }
    }
    return log1p(m, { columns: skewed, inPlace: true });
  };
  const fitted = logged(transformImputer(base, imputer));
  const scaler = fitStandardScaler(fitted);
  return {
    names: [...keptNames, ...withMissing.map((j) => `missing:${names[j] as string}`)],
    kept,
    scaler,
    transform: (m) => {
      if (m.cols !== x.cols) throw new RangeError(`expected ${x.cols} columns, got ${m.cols}`);
      const out = logged(transformImputer(select(m), imputer));
      return transformStandardScaler(out, scaler, { inPlace: true });
    },
  };
}
