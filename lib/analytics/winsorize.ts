// Winsorizing (Tukey 1962; Dixon 1960): clip each column at its lower and upper percentiles so a few
// extreme customers (a wholesale buyer, a data-entry error) do not dominate means, variances and k-means
// centroids. fitWinsorizer learns the bounds, transformWinsorizer applies them, so customers scored later
// are clipped at the bounds learned on the training data.
//
// Percentiles use numpy's default definition (`np.percentile`, method="linear", Hyndman & Fan 1996 type 7),
// reproduced operation for operation so the bounds match numpy to the last bit. The order statistics come
// from a selection algorithm (expected O(n)) instead of a sort.

import type { Matrix } from "./matrix";
import { createMatrix } from "./matrix";

export type WinsorizerOptions = {
  /** Lower percentile in [0, 100]. Default 1. */
  lower?: number;
  /** Upper percentile in [lower, 100]. Default 99. */
  upper?: number;
  /** Columns to clip. Default: every column. */
  columns?: readonly number[];
};

/** Plain data (JSON-safe): store it with the pipeline run and apply it again with transformWinsorizer. */
export type WinsorizerParams = {
  kind: "winsorizer";
  /** Percentiles the bounds were learned at. */
  lower: number;
  upper: number;
  /** Clipped columns, and their bounds in the same order. */
  columns: number[];
  lowerBounds: number[];
  upperBounds: number[];
};

export type WinsorizerTransformOptions = {
  /** Overwrite `data` instead of returning a copy (saves a matrix-sized allocation on 1M rows). Default false. */
  inPlace?: boolean;
};

const defaults: Required<Omit<WinsorizerOptions, "columns">> = { lower: 1, upper: 99 };

/**
 * Rearranges `values[0, length)` so that `values[k]` holds the k-th smallest (0-based), everything before
 * it is ≤ and everything after it is ≥; returns that value. Hoare's FIND (1961) with a median-of-three
 * pivot; after 2·log2(n) rounds without convergence it sorts the remaining range (introselect, Musser
 * 1997), which bounds the worst case by O(n log n). Values must not be NaN.
 */
export function selectKth(values: Float64Array, k: number, length = values.length): number {
  if (!Number.isInteger(k) || k < 0 || k >= length || length > values.length) {
    throw new RangeError(`selectKth needs 0 ≤ k < length ≤ values.length, got k=${k}, length=${length}`);
  }
  let lo = 0;
  let hi = length - 1;
  let rounds = 2 * Math.ceil(Math.log2(length + 1)) + 4;
  while (hi > lo) {
    if (rounds-- === 0) {
      values.subarray(lo, hi + 1).sort();
      break;
    }
    const mid = lo + ((hi - lo) >> 1);
    // Median of three moved to `mid`: a sorted or reversed column (common in exports) stays O(n).
    if (values[mid]! < values[lo]!) swap(values, mid, lo);
    if (values[hi]! < values[lo]!) swap(values, hi, lo);
    if (values[hi]! < values[mid]!) swap(values, hi, mid);
    const pivot = values[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Now [lo, j] ≤ pivot ≤ [i, hi] and everything strictly between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Smallest of `values[from, to)`. */
function minOf(values: Float64Array, from: number, to: number): number {
  let m = Infinity;
  for (let i = from; i < to; i++) if (values[i]! < m) m = values[i]!;
  return m;
}

/**
 * numpy's default percentile (method="linear") of `values[0, length)`, q in [0, 100]. Reorders the values
 * (pass a scratch copy). Follows numpy 1.24 `_quantile`: virtual index (n − 1)·(q / 100), neighbours at its
 * floor and floor + 1 (both the maximum at or past the last index), and `_lerp`, which interpolates from
 * the upper neighbour when the weight is ≥ 0.5 so that the result is exact at both ends.
 */
export function percentile(values: Float64Array, q: number, length = values.length): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${q}`);
  if (length < 1) throw new RangeError("percentile of an empty sample");
  const virtualIndex = (length - 1) * (q / 100);
  if (virtualIndex >= length - 1) return maxOf(values, length);
  const k = Math.floor(virtualIndex);
  const a = selectKth(values, k, length);
  const b = minOf(values, k + 1, length);
  const t = virtualIndex - k;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function maxOf(values: Float64Array, length: number): number {
  let m = -Infinity;
  for (let i = 0; i < length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}

function resolveColumns(columns: readonly number[] | undefined, cols: number): number[] {
  if (columns === undefined) return Array.from({ length: cols }, (_, j) => j);
  const seen = new Set<number>();
  for (const j of columns) {
    if (!Number.isInteger(j) || j < 0 || j >= cols) throw new RangeError(`column ${j} is not in 0..${cols - 1}`);
    if (seen.has(j)) throw new RangeError(`column ${j} is listed twice`);
    seen.add(j);
  }
  return [...columns];
}

/** Learns per-column bounds at the `lower` and `upper` percentiles. Input must be finite (impute first). */
export function fitWinsorizer(data: Matrix, options: WinsorizerOptions = {}): WinsorizerParams {
  const { lower, upper }: Required<Omit<WinsorizerOptions, "columns">> = { ...defaults, ...options };
  if (!(lower >= 0 && lower <= 100)) throw new RangeError(`lower percentile must be in [0, 100], got ${lower}`);
  if (!(upper >= lower && upper <= 100)) {
    throw new RangeError(`upper percentile must be in [lower, 100] = [${lower}, 100], got ${upper}`);
  }
  const columns = resolveColumns(options.columns, data.cols);
  if (data.rows === 0) throw new RangeError("cannot learn percentiles from zero rows");
  const { rows, cols, data: x } = data;
  const scratch = new Float64Array(rows);
  const lowerBounds: number[] = [];
  const upperBounds: number[] = [];
  for (const j of columns) {
    for (let i = 0; i < rows; i++) {
      const v = x[i * cols + j]!;
      if (!Number.isFinite(v)) throw new RangeError(`winsorize input has a non-finite value at row ${i}, column ${j}`);
      scratch[i] = v;
    }
    // The second call reuses the partial order the first one left behind.
    lowerBounds.push(percentile(scratch, lower));
    upperBounds.push(percentile(scratch, upper));
  }
  return { kind: "winsorizer", lower, upper, columns, lowerBounds, upperBounds };
}

/** Clips the fitted columns to their bounds (NaN stays NaN, like np.clip). */
export function transformWinsorizer(
  data: Matrix,
  params: WinsorizerParams,
  options: WinsorizerTransformOptions = {},
): Matrix {
  const { inPlace }: Required<WinsorizerTransformOptions> = { inPlace: false, ...options };
  for (const j of params.columns) {
    if (j >= data.cols) throw new RangeError(`winsorizer was fitted on column ${j}, input has ${data.cols} columns`);
  }
  const out = inPlace ? data : createMatrix(data.rows, data.cols, data.data.slice());
  const { rows, cols, data: x } = out;
  params.columns.forEach((j, c) => {
    const lo = params.lowerBounds[c]!;
    const hi = params.upperBounds[c]!;
    for (let k = j; k < rows * cols; k += cols) {
      const v = x[k]!;
      if (v < lo) x[k] = lo;
      else if (v > hi) x[k] = hi;
    }
  });
  return out;
}
