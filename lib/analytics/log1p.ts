// log(1 + x) of chosen columns: compresses right-skewed, count-like customer features (revenue, order
// count, days since last order) so that distances in k-means are not dominated by a long tail, while 0
// stays 0. Math.log1p keeps full precision for small x, where log(1 + x) would round 1 + x first.
// expm1 is the exact inverse, for showing segment centroids in the original units.

import type { Matrix } from "./matrix";
import { createMatrix } from "./matrix";

export type Log1pOptions = {
  /** Columns to transform. Default: every column. */
  columns?: readonly number[];
  /** Overwrite `data` instead of returning a copy. Default false. */
  inPlace?: boolean;
};

const allColumns = (cols: number): number[] => Array.from({ length: cols }, (_, j) => j);

function resolveColumns(columns: readonly number[], cols: number): number[] {
  const seen = new Set<number>();
  for (const j of columns) {
    if (!Number.isInteger(j) || j < 0 || j >= cols) throw new RangeError(`column ${j} is not in 0..${cols - 1}`);
    if (seen.has(j)) throw new RangeError(`column ${j} is listed twice`);
    seen.add(j);
  }
  return [...columns];
}

/**
 * log1p of the chosen columns. Values ≤ −1 are a RangeError naming the first one (row and column): below
 * −1 the logarithm is undefined, and at −1 it is −Infinity, which would turn every later mean and distance
 * into NaN. NaN (missing) passes through. The input is checked before anything is written, so an in-place
 * call that throws leaves `data` untouched.
 */
export function log1p(data: Matrix, options: Log1pOptions = {}): Matrix {
  const { columns, inPlace }: Required<Log1pOptions> = { columns: allColumns(data.cols), inPlace: false, ...options };
  const cs = resolveColumns(columns, data.cols);
  const { rows, cols } = data;
  for (let i = 0; i < rows; i++) {
    for (const j of cs) {
      const v = data.data[i * cols + j]!;
      if (v <= -1) throw new RangeError(`log1p needs values above -1, got ${v} at row ${i}, column ${j}`);
    }
  }
  const out = inPlace ? data : createMatrix(rows, cols, data.data.slice());
  const y = out.data;
  for (const j of cs) {
    for (let k = j; k < rows * cols; k += cols) y[k] = Math.log1p(y[k]!);
  }
  return out;
}

/** The inverse of log1p on the same columns: exp(x) − 1, exact for small x (Math.expm1). */
export function expm1(data: Matrix, options: Log1pOptions = {}): Matrix {
  const { columns, inPlace }: Required<Log1pOptions> = { columns: allColumns(data.cols), inPlace: false, ...options };
  const cs = resolveColumns(columns, data.cols);
  const { rows, cols } = data;
  const out = inPlace ? data : createMatrix(rows, cols, data.data.slice());
  const y = out.data;
  for (const j of cs) {
    for (let k = j; k < rows * cols; k += cols) y[k] = Math.expm1(y[k]!);
  }
  return out;
}
