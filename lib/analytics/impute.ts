// Missing-value imputation per column, after scikit-learn's SimpleImputer (1.2): NaN marks a missing
// value; fitImputer learns one fill value per column (the mean or median of the observed values, or a
// constant) and transformImputer writes it into the gaps. Fitting and applying are separate so the
// pipeline stores the learned values and fills customers scored later with the same ones.

import type { Matrix } from "./matrix";
import { createMatrix } from "./matrix";
import { selectKth } from "./winsorize";

export type ImputeStrategy = "mean" | "median" | "constant";

export type ImputerOptions = {
  /** One strategy for every column, or one per column. Default "mean" (scikit-learn's default). */
  strategy?: ImputeStrategy | readonly ImputeStrategy[];
  /** What "constant" fills with. Default 0 (scikit-learn's default for numeric data). */
  fillValue?: number;
};

/** Plain data (JSON-safe): store it with the pipeline run and apply it again with transformImputer. */
export type ImputerParams = {
  kind: "imputer";
  strategies: ImputeStrategy[];
  /** One fill value per column (scikit-learn's `statistics_`). */
  fillValues: number[];
};

export type ImputerTransformOptions = {
  /** Overwrite `data` instead of returning a copy. Default false. */
  inPlace?: boolean;
};

const defaults: Required<ImputerOptions> = { strategy: "mean", fillValue: 0 };

/**
 * Learns the fill value of every column. Infinite values are rejected (as scikit-learn does): they are not
 * "missing", and a mean over them is meaningless. A column with no observed value cannot have a mean or
 * median: that is a RangeError naming the column, rather than scikit-learn 1.2's silent drop of the column,
 * which would shift every later column index.
 */
export function fitImputer(data: Matrix, options: ImputerOptions = {}): ImputerParams {
  const { strategy, fillValue }: Required<ImputerOptions> = { ...defaults, ...options };
  const { rows, cols, data: x } = data;
  const strategies: ImputeStrategy[] = typeof strategy === "string" ? Array(cols).fill(strategy) : [...strategy];
  if (strategies.length !== cols) {
    throw new RangeError(`strategy lists ${strategies.length} columns, input has ${cols}`);
  }
  if (!Number.isFinite(fillValue)) throw new RangeError(`fillValue must be finite, got ${fillValue}`);

  // One row-major pass for the counts and sums every strategy needs (and the infinity check).
  const count = new Float64Array(cols);
  const sum = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = x[base + j]!;
      if (Number.isNaN(v)) continue;
      if (!Number.isFinite(v)) throw new RangeError(`impute input has an infinite value at row ${i}, column ${j}`);
      count[j]!++;
      sum[j]! += v;
    }
  }

  let scratch: Float64Array | undefined;
  const fillValues = strategies.map((s, j) => {
    const m = count[j]!;
    if (s !== "constant" && m === 0) {
      throw new RangeError(`column ${j} has no observed values, so it has no ${s}; drop it or impute a constant`);
    }
    switch (s) {
      case "mean":
        return sum[j]! / m;
      case "median": {
        scratch ??= new Float64Array(rows);
        let n = 0;
        for (let k = j; k < rows * cols; k += cols) {
          const v = x[k]!;
          if (!Number.isNaN(v)) scratch[n++] = v;
        }
        // np.ma.median, which SimpleImputer uses: the middle value, or the mean of the two middle values.
        const h = n >> 1;
        if (n % 2 === 1) return selectKth(scratch, h, n);
        const low = selectKth(scratch, h - 1, n);
        let high = Infinity;
        for (let k = h; k < n; k++) if (scratch[k]! < high) high = scratch[k]!;
        return (low + high) / 2;
      }
      case "constant":
        return fillValue;
      default: {
        const unknown: never = s;
        throw new RangeError(`unknown impute strategy ${String(unknown)}`);
      }
    }
  });
  return { kind: "imputer", strategies, fillValues };
}

/** Replaces every NaN with its column's fill value. Infinite values are a RangeError, as in fitImputer. */
export function transformImputer(data: Matrix, params: ImputerParams, options: ImputerTransformOptions = {}): Matrix {
  const { inPlace }: Required<ImputerTransformOptions> = { inPlace: false, ...options };
  if (params.fillValues.length !== data.cols) {
    throw new RangeError(`imputer was fitted on ${params.fillValues.length} columns, input has ${data.cols}`);
  }
  const out = inPlace ? data : createMatrix(data.rows, data.cols, data.data.slice());
  const { rows, cols, data: x } = out;
  const fill = Float64Array.from(params.fillValues);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = x[base + j]!;
      if (Number.isNaN(v)) x[base + j] = fill[j]!;
      else if (v === Infinity || v === -Infinity) {
        throw new RangeError(`impute input has an infinite value at row ${i}, column ${j}`);
      }
    }
  }
  return out;
}
