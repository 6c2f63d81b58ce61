// Principal component analysis (Pearson 1901; Hotelling 1933) with scikit-learn 1.2's conventions:
// the data are centred (not scaled: scale first if the features' units differ), explained_variance uses
// ddof = 1, and component signs follow svd_flip's u-based rule.
//
// scikit-learn takes the thin SVD of the centred n × d data. Here the principal axes come from the
// eigendecomposition of the d × d scatter matrix Xcᵀ·Xc (= V·S²·Vᵀ): one O(n·d²) pass over the data plus
// an O(d³) eigenproblem on the small d × d matrix. ml-matrix's SVD of the data itself took 2.7 s for 50k × 30
// when measured (linear in n, so about a minute for 1M customers) and builds U as n row arrays. The price
// is precision on ill-conditioned data: an eigenvalue of the scatter matrix carries an absolute error near
// ε·λmax, so a component whose variance is ~1e-8 of the largest one is only determined to a few digits.
// Standardized features are far from that regime.

import { EigenvalueDecomposition, Matrix as MlMatrix } from "ml-matrix";
import type { Matrix } from "./matrix";
import { assertFinite, createMatrix } from "./matrix";

export type PcaOptions = {
  /**
   * How many components to keep: an integer k in [1, min(n, d)]; a fraction in (0, 1), meaning the fewest
   * components whose cumulative explained-variance ratio exceeds it (scikit-learn's rule); or "all" for
   * min(n, d). Default "all".
   */
  nComponents?: number | "all";
};

/** A fitted PCA as plain data (JSON-safe), with scikit-learn's attribute names in camelCase. */
export type PcaModel = {
  kind: "pca";
  nSamples: number;
  nFeatures: number;
  nComponents: number;
  /** Column means of the training data (`mean_`). */
  mean: number[];
  /** nComponents unit vectors of length nFeatures, by decreasing variance (`components_`). */
  components: number[][];
  /** Variance along each component, ddof = 1 (`explained_variance_`). */
  explainedVariance: number[];
  /** Share of the total variance along each component (`explained_variance_ratio_`). */
  explainedVarianceRatio: number[];
  /** Singular values of the centred data (`singular_values_`). */
  singularValues: number[];
};

// Rows per block in the passes over the data: a centred block (256 × d doubles, 60 KB at d = 30) stays in
// L2 cache while every pair of columns, or every component, runs along it.
const BLOCK = 256;

/** Column means, in one row-major pass. */
export function columnMeans(data: Matrix): Float64Array {
  const { rows, cols, data: x } = data;
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) mean[j]! += x[base + j]!;
  }
  for (let j = 0; j < cols; j++) mean[j]! /= rows;
  return mean;
}

/**
 * The scatter matrix Σᵢ (xᵢ − mean)(xᵢ − mean)ᵀ of the chosen columns (default all), p × p row-major
 * (divide by n − 1 for the sample covariance). `mean` has one entry per column of `data`.
 *
 * Rows are centred into a column-major block, so each entry accumulates as a dot product along contiguous
 * memory; summing per block also limits round-off growth (blocked summation, Higham 2002 §4.2). Entries
 * are computed in 2 × 2 tiles: four independent sums hide the latency of floating-point addition, and
 * each loaded value is used twice (3× faster than one dot product at a time in V8, which has no SIMD).
 * An odd p gets a zero column of padding.
 */
export function scatterMatrix(data: Matrix, mean: ArrayLike<number>, columns?: readonly number[]): Float64Array {
  const { rows, cols, data: x } = data;
  if (mean.length !== cols) throw new RangeError(`mean has ${mean.length} entries, data has ${cols} columns`);
  const cs = Int32Array.from(columns ?? Array.from({ length: cols }, (_, j) => j));
  for (const j of cs) if (j < 0 || j >= cols) throw new RangeError(`column ${j} is not in 0..${cols - 1}`);
  const p = cs.length;
  const pp = p + (p & 1);
  const mu = Float64Array.from(cs, (j) => mean[j]!);
  const block = new Float64Array(pp * BLOCK);
  const acc = new Float64Array(pp * pp);
  for (let start = 0; start < rows; start += BLOCK) {
    const m = Math.min(BLOCK, rows - start);
    for (let t = 0; t < m; t++) {
      const base = (start + t) * cols;
      for (let a = 0; a < p; a++) block[a * BLOCK + t] = x[base + cs[a]!]! - mu[a]!;
    }
    for (let a = 0; a < pp; a += 2) {
      const a0 = a * BLOCK;
      const a1 = a0 + BLOCK;
      for (let b = a; b < pp; b += 2) {
        const b0 = b * BLOCK;
        const b1 = b0 + BLOCK;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let t = 0; t < m; t++) {
          const x0 = block[a0 + t]!;
          const x1 = block[a1 + t]!;
          const y0 = block[b0 + t]!;
          const y1 = block[b1 + t]!;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        const o = a * pp + b;
        acc[o]! += s00;
        acc[o + 1]! += s01;
        acc[o + pp]! += s10;
        acc[o + pp + 1]! += s11;
      }
    }
  }
  const s = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const v = acc[a * pp + b]!;
      s[a * p + b] = v;
      s[b * p + a] = v;
    }
  }
  return s;
}

/**
 * Projections of centred rows on components, block by block: calls `visit(row0, m, scores)` where
 * scores[t·kk + j] = (x_{row0+t} − mean)·w_j for t < m, j < k (kk = k rounded up to even: the stride).
 * `w` is k × d row-major. Same 2 × 2 tiling as scatterMatrix, here over (row, component) pairs, with the
 * dot product along the row-major centred rows; an odd k or an odd tail block is padded with zeros.
 */
function projectBlocks(
  data: Matrix,
  mean: Float64Array,
  w: Float64Array,
  k: number,
  visit: (row0: number, m: number, scores: Float64Array, stride: number) => void,
): void {
  const { rows, cols: d, data: x } = data;
  const kk = k + (k & 1);
  const wp = new Float64Array(kk * d);
  wp.set(w.subarray(0, k * d));
  const block = new Float64Array(BLOCK * d);
  const scores = new Float64Array(BLOCK * kk);
  for (let start = 0; start < rows; start += BLOCK) {
    const m = Math.min(BLOCK, rows - start);
    for (let t = 0; t < m; t++) {
      const src = (start + t) * d;
      const dst = t * d;
      for (let a = 0; a < d; a++) block[dst + a] = x[src + a]! - mean[a]!;
    }
    const mm = m + (m & 1);
    if (mm > m) block.fill(0, m * d, mm * d);
    for (let t = 0; t < mm; t += 2) {
      const r0 = t * d;
      const r1 = r0 + d;
      for (let j = 0; j < kk; j += 2) {
        const w0 = j * d;
        const w1 = w0 + d;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        for (let a = 0; a < d; a++) {
          const x0 = block[r0 + a]!;
          const x1 = block[r1 + a]!;
          const y0 = wp[w0 + a]!;
          const y1 = wp[w1 + a]!;
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        const o = t * kk + j;
        scores[o] = s00;
        scores[o + 1] = s01;
        scores[o + kk] = s10;
        scores[o + kk + 1] = s11;
      }
    }
    visit(start, m, scores, kk);
  }
}

function resolveComponents(nComponents: number | "all", rank: number, ratio: Float64Array): number {
  if (nComponents === "all") return rank;
  if (Number.isInteger(nComponents) && nComponents >= 1 && nComponents <= rank) return nComponents;
  if (nComponents > 0 && nComponents < 1) {
    // np.searchsorted(cumsum, f, side="right") + 1: one more than the number of prefixes with cumsum ≤ f.
    let cum = 0;
    let k = 1;
    for (let i = 0; i < rank; i++) {
      cum += ratio[i]!;
      if (cum <= nComponents) k = i + 2;
      else break;
    }
    return Math.min(k, rank);
  }
  throw new RangeError(
    `nComponents must be "all", an integer in [1, ${rank}] or a fraction in (0, 1), got ${String(nComponents)}`,
  );
}

/**
 * Fits PCA to the rows of `data` (n ≥ 2, finite). Components are the eigenvectors of the scatter matrix
 * (ml-matrix's symmetric eigensolver: Householder tridiagonalisation and the QL algorithm, JAMA's
 * tred2/tql2), by decreasing eigenvalue λ; singular values are √λ and explained variances λ / (n − 1).
 *
 * Signs follow scikit-learn 1.2's svd_flip with u_based_decision: in each component's column of U (the
 * scores divided by the singular value) the entry of largest magnitude, first one on ties, is made
 * positive. That needs one more pass over the data. A component along which every score is exactly 0 (the
 * axis of a constant column) leaves nothing to decide by; it gets the sign that makes its largest loading
 * positive.
 */
export function pca(data: Matrix, options: PcaOptions = {}): PcaModel {
  const { nComponents }: Required<PcaOptions> = { nComponents: "all", ...options };
  const { rows: n, cols: d } = data;
  if (n < 2) throw new RangeError(`PCA needs at least 2 rows, got ${n}`);
  if (d < 1) throw new RangeError("PCA needs at least 1 column");
  assertFinite(data, "PCA input");

  const mean = columnMeans(data);
  const s = scatterMatrix(data, mean);
  let trace = 0;
  for (let a = 0; a < d; a++) trace += s[a * d + a]!;
  if (!(trace > 0)) throw new RangeError("PCA input has no variance: every row is the same");

  const evd = new EigenvalueDecomposition(
    new MlMatrix(Array.from({ length: d }, (_, a) => Array.from(s.subarray(a * d, (a + 1) * d)))),
    { assumeSymmetric: true },
  );
  const lambda = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => lambda[b]! - lambda[a]!);
  const rank = Math.min(n, d);
  // Round-off can leave the smallest eigenvalues slightly negative; a variance is not.
  const eigen = Float64Array.from({ length: rank }, (_, i) => Math.max(lambda[order[i]!]!, 0));
  const explained = eigen.map((l) => l / (n - 1));
  const totalVariance = trace / (n - 1);
  const ratio = explained.map((v) => v / totalVariance);
  const k = resolveComponents(nComponents, rank, ratio);

  const w = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    const column = order[j]!;
    for (let a = 0; a < d; a++) w[j * d + a] = vectors.get(a, column);
  }

  // svd_flip: np.argmax(|u|) over rows keeps the first maximum, hence the strict comparison.
  const maxAbs = new Float64Array(k);
  const signAtMax = new Float64Array(k);
  projectBlocks(data, mean, w, k, (_row0, m, scores, stride) => {
    for (let t = 0; t < m; t++) {
      const o = t * stride;
      for (let j = 0; j < k; j++) {
        const v = scores[o + j]!;
        if (Math.abs(v) > maxAbs[j]!) {
          maxAbs[j] = Math.abs(v);
          signAtMax[j] = v;
        }
      }
    }
  });
  for (let j = 0; j < k; j++) {
    const row = w.subarray(j * d, (j + 1) * d);
    let sign = Math.sign(signAtMax[j]!);
    if (sign === 0) {
      let largest = 0;
      for (const v of row) if (Math.abs(v) > Math.abs(largest)) largest = v;
      sign = largest < 0 ? -1 : 1;
    }
    if (sign < 0) for (let a = 0; a < d; a++) row[a] = -row[a]!;
  }

  return {
    kind: "pca",
    nSamples: n,
    nFeatures: d,
    nComponents: k,
    mean: Array.from(mean),
    components: Array.from({ length: k }, (_, j) => Array.from(w.subarray(j * d, (j + 1) * d))),
    explainedVariance: Array.from(explained.subarray(0, k)),
    explainedVarianceRatio: Array.from(ratio.subarray(0, k)),
    singularValues: Array.from(eigen.subarray(0, k), Math.sqrt),
  };
}

function componentsOf(model: PcaModel): Float64Array {
  const w = new Float64Array(model.nComponents * model.nFeatures);
  model.components.forEach((c, j) => w.set(c, j * model.nFeatures));
  return w;
}

/** Scores (xᵢ − mean)·Wᵀ of every row: an n × nComponents matrix. */
export function transformPca(data: Matrix, model: PcaModel): Matrix {
  if (data.cols !== model.nFeatures) {
    throw new RangeError(`PCA was fitted on ${model.nFeatures} columns, input has ${data.cols}`);
  }
  const k = model.nComponents;
  const out = createMatrix(data.rows, k);
  const y = out.data;
  projectBlocks(data, Float64Array.from(model.mean), componentsOf(model), k, (row0, m, scores, stride) => {
    if (stride === k) y.set(scores.subarray(0, m * k), row0 * k);
    else for (let t = 0; t < m; t++) y.set(scores.subarray(t * stride, t * stride + k), (row0 + t) * k);
  });
  return out;
}

/**
 * Maps scores back to feature space: scores·W + mean, an n × nFeatures matrix. With fewer components than
 * features this is the best rank-k approximation of the data (Eckart & Young 1936).
 */
export function inverseTransformPca(scores: Matrix, model: PcaModel): Matrix {
  if (scores.cols !== model.nComponents) {
    throw new RangeError(`PCA has ${model.nComponents} components, scores have ${scores.cols} columns`);
  }
  const { rows } = scores;
  const k = model.nComponents;
  const d = model.nFeatures;
  const w = componentsOf(model);
  const mean = Float64Array.from(model.mean);
  const out = createMatrix(rows, d);
  const x = out.data;
  const y = scores.data;
  for (let i = 0; i < rows; i++) {
    const base = i * d;
    x.set(mean, base);
    for (let j = 0; j < k; j++) {
      const yj = y[i * k + j]!;
      const wo = j * d;
      for (let a = 0; a < d; a++) x[base + a]! += yj * w[wo + a]!;
    }
  }
  return out;
}
