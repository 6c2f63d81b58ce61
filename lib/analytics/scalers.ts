// Feature scaling after scikit-learn 1.2's StandardScaler and MinMaxScaler, so that k-means distances
// weigh every feature alike. Fitting returns plain data (JSON-safe) that the pipeline stores with the run;
// transform applies it to any customers, and inverseTransform maps centroids back to original units. The
// arithmetic follows scikit-learn's operation order (`X -= mean; X /= scale`, `X *= scale; X += min`) so
// results agree to round-off.

import type { Matrix } from "./matrix";
import { createMatrix } from "./matrix";

export type ScalerTransformOptions = {
  /** Overwrite `data` instead of returning a copy (saves a matrix-sized allocation on 1M rows). Default false. */
  inPlace?: boolean;
};

export type StandardScalerOptions = {
  /** Subtract the mean. Default true. */
  withMean?: boolean;
  /** Divide by the standard deviation. Default true. */
  withStd?: boolean;
};

export type StandardScalerParams = {
  kind: "standard-scaler";
  withMean: boolean;
  withStd: boolean;
  nSamples: number;
  /** Column means (computed even when withMean is false, as scikit-learn does). */
  mean: number[];
  /** Population variances (ddof = 0). */
  variance: number[];
  /** √variance, 1 for (near-)constant columns; all 1 when withStd is false. */
  scale: number[];
};

export type MinMaxScalerOptions = {
  /** Target range [min, max], min < max. Default [0, 1]. */
  featureRange?: readonly [number, number];
  /** Clip transformed values into featureRange (for customers outside the fitted range). Default false. */
  clip?: boolean;
};

export type MinMaxScalerParams = {
  kind: "min-max-scaler";
  featureRange: [number, number];
  clip: boolean;
  dataMin: number[];
  dataMax: number[];
  dataRange: number[];
  /** transform(x) = x · scale + min, per column. */
  scale: number[];
  min: number[];
};

// 2^-52, numpy's np.finfo(np.float64).eps.
const EPS = Number.EPSILON;

function outputOf(data: Matrix, options: ScalerTransformOptions): Matrix {
  const { inPlace }: Required<ScalerTransformOptions> = { inPlace: false, ...options };
  return inPlace ? data : createMatrix(data.rows, data.cols, data.data.slice());
}

function checkColumns(data: Matrix, fitted: number, what: string): void {
  if (data.cols !== fitted) throw new RangeError(`${what} was fitted on ${fitted} columns, input has ${data.cols}`);
}

function checkFitInput(data: Matrix, what: string): void {
  if (data.rows === 0) throw new RangeError(`${what} cannot be fitted on zero rows`);
  const x = data.data;
  for (let k = 0; k < x.length; k++) {
    if (!Number.isFinite(x[k])) {
      throw new RangeError(
        `${what} input has a non-finite value at row ${Math.floor(k / data.cols)}, column ${k % data.cols}; impute first`,
      );
    }
  }
}

/**
 * Column means and population variances. The variance is the corrected two-pass algorithm (Chan, Golub &
 * LeVeque 1983, eq. 1.7), as in scikit-learn's `_incremental_mean_and_var`: Σ(x − m)² − (Σ(x − m))² / n,
 * where the second term cancels most of the round-off in m.
 */
function meanAndVariance(data: Matrix): { mean: Float64Array; variance: Float64Array } {
  const { rows, cols, data: x } = data;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) mean[j]! += x[base + j]!;
  }
  for (let j = 0; j < cols; j++) mean[j]! /= rows;
  const correction = new Float64Array(cols);
  const squares = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const d = x[base + j]! - mean[j]!;
      correction[j]! += d;
      squares[j]! += d * d;
    }
  }
  const variance = new Float64Array(cols);
  for (let j = 0; j < cols; j++) variance[j] = (squares[j]! - (correction[j]! * correction[j]!) / rows) / rows;
  return { mean, variance };
}

/**
 * Learns column means and standard deviations (population, ddof = 0, as scikit-learn). A column whose
 * variance is within the round-off bound of the two-pass algorithm (scikit-learn's `_is_constant_feature`:
 * var ≤ n·ε·var + (n·|mean|·ε)²) is treated as constant and gets scale 1, so it maps to 0 instead of to
 * amplified round-off. Input must be finite.
 */
export function fitStandardScaler(data: Matrix, options: StandardScalerOptions = {}): StandardScalerParams {
  const { withMean, withStd }: Required<StandardScalerOptions> = { withMean: true, withStd: true, ...options };
  checkFitInput(data, "StandardScaler");
  const n = data.rows;
  const { mean, variance } = meanAndVariance(data);
  const scale = Array.from(variance, (v, j) => {
    if (!withStd) return 1;
    const bound = n * EPS * v + (n * mean[j]! * EPS) ** 2;
    return v <= bound ? 1 : Math.sqrt(v);
  });
  return {
    kind: "standard-scaler",
    withMean,
    withStd,
    nSamples: n,
    mean: Array.from(mean),
    variance: Array.from(variance),
    scale,
  };
}

/** (x − mean) / scale per column. Non-finite values pass through. */
export function transformStandardScaler(
  data: Matrix,
  params: StandardScalerParams,
  options: ScalerTransformOptions = {},
): Matrix {
  checkColumns(data, params.mean.length, "StandardScaler");
  const out = outputOf(data, options);
  const { rows, cols, data: x } = out;
  const mean = params.withMean ? Float64Array.from(params.mean) : new Float64Array(cols);
  const scale = Float64Array.from(params.scale);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) x[base + j] = (x[base + j]! - mean[j]!) / scale[j]!;
  }
  return out;
}

/** x · scale + mean per column: standardized values (e.g. k-means centroids) back in original units. */
export function inverseTransformStandardScaler(
  data: Matrix,
  params: StandardScalerParams,
  options: ScalerTransformOptions = {},
): Matrix {
  checkColumns(data, params.mean.length, "StandardScaler");
  const out = outputOf(data, options);
  const { rows, cols, data: x } = out;
  const mean = params.withMean ? Float64Array.from(params.mean) : new Float64Array(cols);
  const scale = Float64Array.from(params.scale);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) x[base + j] = x[base + j]! * scale[j]! + mean[j]!;
  }
  return out;
}

/**
 * Learns per-column minimum and maximum. As in scikit-learn, a column whose range is below 10·ε (a
 * constant column) is divided by 1 instead, so it maps to featureRange[0] rather than to NaN. Input must
 * be finite.
 */
export function fitMinMaxScaler(data: Matrix, options: MinMaxScalerOptions = {}): MinMaxScalerParams {
  const { featureRange, clip }: Required<MinMaxScalerOptions> = { featureRange: [0, 1], clip: false, ...options };
  const [lo, hi] = featureRange;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new RangeError(`featureRange must be finite with min < max, got [${lo}, ${hi}]`);
  }
  checkFitInput(data, "MinMaxScaler");
  const { rows, cols, data: x } = data;
  const dataMin = new Float64Array(cols).fill(Infinity);
  const dataMax = new Float64Array(cols).fill(-Infinity);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = x[base + j]!;
      if (v < dataMin[j]!) dataMin[j] = v;
      if (v > dataMax[j]!) dataMax[j] = v;
    }
  }
  const dataRange = dataMax.map((max, j) => max - dataMin[j]!);
  const scale = Array.from(dataRange, (r) => (hi - lo) / (r < 10 * EPS ? 1 : r));
  return {
    kind: "min-max-scaler",
    featureRange: [lo, hi],
    clip,
    dataMin: Array.from(dataMin),
    dataMax: Array.from(dataMax),
    dataRange: Array.from(dataRange),
    scale,
    min: scale.map((s, j) => lo - dataMin[j]! * s),
  };
}

/** x · scale + min per column, then clipped to featureRange if the scaler was fitted with clip. */
export function transformMinMaxScaler(
  data: Matrix,
  params: MinMaxScalerParams,
  options: ScalerTransformOptions = {},
): Matrix {
  checkColumns(data, params.scale.length, "MinMaxScaler");
  const out = outputOf(data, options);
  const { rows, cols, data: x } = out;
  const scale = Float64Array.from(params.scale);
  const min = Float64Array.from(params.min);
  const [lo, hi] = params.featureRange;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = x[base + j]! * scale[j]! + min[j]!;
      x[base + j] = params.clip ? Math.min(Math.max(v, lo), hi) : v;
    }
  }
  return out;
}

/** (x − min) / scale per column: scaled values back in original units (clipping is not undone). */
export function inverseTransformMinMaxScaler(
  data: Matrix,
  params: MinMaxScalerParams,
  options: ScalerTransformOptions = {},
): Matrix {
  checkColumns(data, params.scale.length, "MinMaxScaler");
  const out = outputOf(data, options);
  const { rows, cols, data: x } = out;
  const scale = Float64Array.from(params.scale);
  const min = Float64Array.from(params.min);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) x[base + j] = (x[base + j]! - min[j]!) / scale[j]!;
  }
  return out;
}
