// Compressed sparse row (CSR) matrices for the implicit-feedback recommenders: a user×item matrix of
// purchases is ~0.1 % full, so it is stored as scipy.sparse.csr_matrix stores it. Row i's column
// indices are indices[indptr[i]..indptr[i + 1]), strictly increasing, with the values alongside.
//
// Built from (row, col, value) triples with duplicates summed (scipy's coo → csr conversion), in
// O(nnz + rows + cols) by two counting sorts: first by column, then stably by row, which leaves every
// row's columns sorted without a comparison sort.

export type CsrMatrix = {
  readonly rows: number;
  readonly cols: number;
  /** rows + 1 offsets into indices and values. */
  readonly indptr: Int32Array;
  /** Column of each stored entry, increasing within a row. */
  readonly indices: Int32Array;
  readonly values: Float64Array;
};

/**
 * A rows×cols CSR matrix from triples; entries at the same (row, col) are summed. `values` defaults to
 * 1 for every triple, so repeated purchases become counts. Entries that sum to exactly 0 are kept (as
 * scipy does) — pass only non-zero values if absence should mean no interaction.
 */
export function createCsr(
  rows: number,
  cols: number,
  rowIndex: ArrayLike<number>,
  colIndex: ArrayLike<number>,
  values?: ArrayLike<number>,
): CsrMatrix {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new RangeError(`sparse matrix shape must be non-negative integers, got ${rows}×${cols}`);
  }
  const n = rowIndex.length;
  if (colIndex.length !== n) {
    throw new RangeError(`rowIndex has ${n} entries but colIndex has ${colIndex.length}`);
  }
  if (values !== undefined && values.length !== n) {
    throw new RangeError(`values has ${values.length} entries, expected ${n} (one per triple)`);
  }
  for (let t = 0; t < n; t++) {
    const r = rowIndex[t]!;
    const c = colIndex[t]!;
    if (!Number.isInteger(r) || r < 0 || r >= rows) {
      throw new RangeError(`row index ${r} at triple ${t} is outside 0..${rows - 1}`);
    }
    if (!Number.isInteger(c) || c < 0 || c >= cols) {
      throw new RangeError(`column index ${c} at triple ${t} is outside 0..${cols - 1}`);
    }
    if (values !== undefined && !Number.isFinite(values[t]!)) {
      throw new RangeError(`value at triple ${t} is not finite: ${values[t]}`);
    }
  }

  // Counting sort by column, then stable counting sort by row.
  const colStart = new Int32Array(cols + 1);
  for (let t = 0; t < n; t++) colStart[colIndex[t]! + 1]!++;
  for (let c = 0; c < cols; c++) colStart[c + 1]! += colStart[c]!;
  const byCol = new Int32Array(n);
  const next = colStart.slice(0, cols);
  for (let t = 0; t < n; t++) byCol[next[colIndex[t]!]!++] = t;

  const rowStart = new Int32Array(rows + 1);
  for (let t = 0; t < n; t++) rowStart[rowIndex[t]! + 1]!++;
  for (let r = 0; r < rows; r++) rowStart[r + 1]! += rowStart[r]!;
  const order = new Int32Array(n);
  const nextRow = rowStart.slice(0, rows);
  for (let s = 0; s < n; s++) {
    const t = byCol[s]!;
    order[nextRow[rowIndex[t]!]!++] = t;
  }

  // Merge duplicates (adjacent after the sorts).
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(n);
  const vals = new Float64Array(n);
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    let last = -1;
    for (let s = rowStart[r]!; s < rowStart[r + 1]!; s++) {
      const t = order[s]!;
      const c = colIndex[t]!;
      const v = values === undefined ? 1 : values[t]!;
      if (c === last) {
        vals[nnz - 1]! += v;
      } else {
        indices[nnz] = c;
        vals[nnz] = v;
        nnz++;
        last = c;
      }
    }
    indptr[r + 1] = nnz;
  }
  return { rows, cols, indptr, indices: indices.slice(0, nnz), values: vals.slice(0, nnz) };
}

/** The transpose (cols×rows), again with sorted rows: the item×user view of a user×item matrix. */
export function transposeCsr(m: CsrMatrix): CsrMatrix {
  const nnz = m.indptr[m.rows]!;
  const indptr = new Int32Array(m.cols + 1);
  for (let s = 0; s < nnz; s++) indptr[m.indices[s]! + 1]!++;
  for (let c = 0; c < m.cols; c++) indptr[c + 1]! += indptr[c]!;
  const next = indptr.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  // Rows are visited in increasing order, so each output row receives its columns sorted.
  for (let r = 0; r < m.rows; r++) {
    for (let s = m.indptr[r]!; s < m.indptr[r + 1]!; s++) {
      const p = next[m.indices[s]!]!++;
      indices[p] = r;
      values[p] = m.values[s]!;
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, values };
}

/** Number of stored entries. */
export function nnzOf(m: CsrMatrix): number {
  return m.indptr[m.rows]!;
}

/** Columns of row i (a view, no copy). */
export function rowIndicesOf(m: CsrMatrix, i: number): Int32Array {
  checkRow(m, i);
  return m.indices.subarray(m.indptr[i]!, m.indptr[i + 1]!);
}

/** Values of row i, aligned with rowIndicesOf (a view, no copy). */
export function rowValuesOf(m: CsrMatrix, i: number): Float64Array {
  checkRow(m, i);
  return m.values.subarray(m.indptr[i]!, m.indptr[i + 1]!);
}

/** Entry (i, j), 0 when not stored; binary search in the sorted row. */
export function getEntry(m: CsrMatrix, i: number, j: number): number {
  checkRow(m, i);
  if (!Number.isInteger(j) || j < 0 || j >= m.cols) {
    throw new RangeError(`column ${j} is outside 0..${m.cols - 1}`);
  }
  let lo = m.indptr[i]!;
  let hi = m.indptr[i + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = m.indices[mid]!;
    if (c === j) return m.values[mid]!;
    if (c < j) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

/** The same pattern with every stored value set to 1 (purchased or not, whatever the count). */
export function binarizeCsr(m: CsrMatrix): CsrMatrix {
  return { ...m, values: new Float64Array(m.values.length).fill(1) };
}

function checkRow(m: CsrMatrix, i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= m.rows) {
    throw new RangeError(`row ${i} is outside 0..${m.rows - 1}`);
  }
}
