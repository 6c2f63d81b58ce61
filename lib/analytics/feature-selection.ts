// Feature selection before clustering, in two filters, each reported column by column so the operator
// sees what was dropped and why:
//  1. near-zero variance: scikit-learn 1.2's VarianceThreshold (keep a column when its population variance
//     exceeds the threshold; with threshold 0, a column whose max equals its min counts as constant even
//     if round-off leaves a tiny variance);
//  2. redundancy: of each pair of remaining columns with |Pearson r| above a threshold, the later column is
//     dropped. Columns are scanned left to right and compared only with columns still kept, so a dropped
//     column never causes another drop, the result does not depend on anything but column order, and
//     every dropped column has a kept partner to show.

import type { Matrix } from "./matrix";
import { assertFinite } from "./matrix";
import { columnMeans, scatterMatrix } from "./pca";

export type FeatureSelectionOptions = {
  /** Drop columns whose population variance (ddof = 0) is ≤ this. Default 0 (constant columns only). */
  varianceThreshold?: number;
  /** Drop the later column of a pair with |r| > this, in [0, 1]; 1 disables the filter. Default 0.95. */
  correlationThreshold?: number;
};

export type DroppedFeature =
  | { column: number; reason: "low-variance"; variance: number; threshold: number }
  | { column: number; reason: "correlated"; r: number; partner: number; threshold: number };

export type FeatureSelection = {
  /** Kept column indices, ascending. */
  kept: number[];
  /** Dropped columns, ascending by column, with the numbers behind each decision. */
  dropped: DroppedFeature[];
  /** Population variance of every input column. */
  variances: number[];
};

const defaults: Required<FeatureSelectionOptions> = { varianceThreshold: 0, correlationThreshold: 0.95 };

/**
 * Selects columns of `data` (finite; at least one row). Among several kept earlier columns correlated
 * above the threshold with a column, the reported partner is the one with the largest |r| (the earliest on
 * a tie). Throws a RangeError, like VarianceThreshold, when no column passes the variance filter.
 */
export function selectFeatures(data: Matrix, options: FeatureSelectionOptions = {}): FeatureSelection {
  const { varianceThreshold, correlationThreshold }: Required<FeatureSelectionOptions> = {
    ...defaults,
    ...options,
  };
  if (!(varianceThreshold >= 0 && Number.isFinite(varianceThreshold))) {
    throw new RangeError(`varianceThreshold must be a finite number ≥ 0, got ${varianceThreshold}`);
  }
  if (!(correlationThreshold >= 0 && correlationThreshold <= 1)) {
    throw new RangeError(`correlationThreshold must be in [0, 1], got ${correlationThreshold}`);
  }
  const { rows, cols, data: x } = data;
  if (rows === 0) throw new RangeError("feature selection needs at least one row");
  assertFinite(data, "feature selection input");

  const mean = columnMeans(data);
  const min = new Float64Array(cols).fill(Infinity);
  const max = new Float64Array(cols).fill(-Infinity);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = x[base + j]!;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  // The diagonal of the scatter matrix over all columns would cost O(n·d²); the variances alone are O(n·d).
  const sq = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const dv = x[base + j]! - mean[j]!;
      sq[j]! += dv * dv;
    }
  }
  const variances = Array.from(sq, (s) => s / rows);

  const dropped: DroppedFeature[] = [];
  const candidates: number[] = [];
  variances.forEach((variance, j) => {
    // VarianceThreshold with threshold 0 compares min(variance, peak-to-peak), so max === min drops too.
    const decisive = varianceThreshold === 0 ? Math.min(variance, max[j]! - min[j]!) : variance;
    if (decisive > varianceThreshold) candidates.push(j);
    else dropped.push({ column: j, reason: "low-variance", variance, threshold: varianceThreshold });
  });
  if (candidates.length === 0) {
    throw new RangeError(`no column has a variance above the threshold ${varianceThreshold}`);
  }

  const kept: number[] = [];
  if (correlationThreshold >= 1) {
    kept.push(...candidates);
  } else {
    const p = candidates.length;
    const s = scatterMatrix(data, mean, candidates);
    const keptPositions: number[] = [];
    for (let b = 0; b < p; b++) {
      let partner = -1;
      let best = 0;
      for (const a of keptPositions) {
        const r = s[a * p + b]! / Math.sqrt(s[a * p + a]! * s[b * p + b]!);
        if (Math.abs(r) > correlationThreshold && (partner < 0 || Math.abs(r) > Math.abs(best))) {
          partner = a;
          best = r;
        }
      }
      if (partner < 0) keptPositions.push(b);
      else {
        dropped.push({
          column: candidates[b]!,
          reason: "correlated",
          r: best,
          partner: candidates[partner]!,
          threshold: correlationThreshold,
        });
      }
    }
    for (const a of keptPositions) kept.push(candidates[a]!);
  }
  dropped.sort((a, b) => a.column - b.column);
  return { kept, dropped, variances };
}
