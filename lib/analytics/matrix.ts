// The one data shape of lib/analytics: a dense row-major matrix over a Float64Array (row i, column j
// at data[i * cols + j]). Typed arrays move between the main thread and the pipeline's worker
// threads without copying, and every algorithm here reads them directly.

export type Matrix = { readonly rows: number; readonly cols: number; readonly data: Float64Array };

export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new RangeError(`matrix shape must be non-negative integers, got ${rows}×${cols}`);
  }
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) throw new RangeError(`matrix data has ${d.length} values, expected ${rows}×${cols}`);
  return { rows, cols, data: d };
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const m = createMatrix(rows.length, cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new RangeError(`row ${i} has ${r.length} values, expected ${cols}`);
    m.data.set(r, i * cols);
  });
  return m;
}

export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

/** A view (no copy) of row i. */
export function rowOf(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Throws a RangeError naming the first NaN or infinite value, for algorithms that need finite input. */
export function assertFinite(m: Matrix, what = "input"): void {
  for (let k = 0; k < m.data.length; k++) {
    if (!Number.isFinite(m.data[k])) {
      throw new RangeError(`${what} has a non-finite value at row ${Math.floor(k / m.cols)}, column ${k % m.cols}`);
    }
  }
}
