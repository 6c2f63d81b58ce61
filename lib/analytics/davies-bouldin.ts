// Davies–Bouldin index (Davies & Bouldin, "A cluster separation measure", IEEE TPAMI 1(2), 1979) as
// scikit-learn 1.2's `davies_bouldin_score` computes it:
//
//   s_i  = mean Euclidean distance of cluster i's rows to its centroid,
//   R_ij = (s_i + s_j) / ‖c_i − c_j‖,   DB = mean over clusters i of max_{j ≠ i} R_ij,
//
// lower is better. sklearn's edge cases are kept: 2 to n − 1 distinct labels or a RangeError; 0 when
// every s_i or every centroid distance is ≤ 1e-8 (its np.allclose(…, 0)); two distinct clusters with
// identical centroids contribute R = 0 (sklearn replaces a zero distance by ∞). Every distinct label is
// a cluster, −1 included, unless `noiseLabel` drops those rows first. O(n · d) time, O(k²) memory.
//
// Distances are summed coordinate differences, not sklearn's ‖x‖² − 2x·y + ‖y‖² expansion, whose
// rounding can leave a row ~1e-8 from itself: a one-row cluster has spread exactly 0 here but up to
// ~1e-8 in sklearn. Elsewhere the two agree to ~1e-15 (lib/analytics/fixtures/metrics.json).
import { encodeLabels, type Labels } from "./adjusted-rand";
import { assertFinite, type Matrix } from "./matrix";

export type DaviesBouldinOptions = {
  /** Rows with this label (DBSCAN's −1) are left out; null keeps every label as a cluster, as sklearn does. */
  noiseLabel?: number | string | null;
};

const DEFAULTS: Required<DaviesBouldinOptions> = { noiseLabel: null };
const ALL_CLOSE_TO_ZERO = 1e-8; // numpy.allclose's default atol

export function daviesBouldin(data: Matrix, labels: Labels, options: DaviesBouldinOptions = {}): number {
  const opts: Required<DaviesBouldinOptions> = { ...DEFAULTS, ...options };
  if (labels.length !== data.rows) throw new RangeError(`${labels.length} labels for ${data.rows} rows`);
  assertFinite(data, "Davies–Bouldin input");
  let rows = Int32Array.from({ length: data.rows }, (_, i) => i);
  if (opts.noiseLabel !== null) rows = rows.filter((i) => labels[i] !== opts.noiseLabel);
  const m = rows.length;
  const { codes, counts } = encodeLabels(Array.from(rows, (r) => labels[r]!));
  const k = counts.length;
  if (k < 2 || k > m - 1) {
    throw new RangeError(`Davies–Bouldin needs 2 to n − 1 distinct labels, got ${k} label(s) for ${m} rows`);
  }

  const dim = data.cols;
  const x = data.data;
  const centroids = new Float64Array(k * dim);
  for (let i = 0; i < m; i++) {
    const c = codes[i]! * dim;
    const r = rows[i]! * dim;
    for (let j = 0; j < dim; j++) centroids[c + j]! += x[r + j]!;
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < dim; j++) centroids[c * dim + j]! /= counts[c]!;

  const spread = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    const c = codes[i]! * dim;
    const r = rows[i]! * dim;
    let d2 = 0;
    for (let j = 0; j < dim; j++) {
      const d = x[r + j]! - centroids[c + j]!;
      d2 += d * d;
    }
    spread[codes[i]!]! += Math.sqrt(d2);
  }
  for (let c = 0; c < k; c++) spread[c]! /= counts[c]!;

  const separation = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let d2 = 0;
      for (let j = 0; j < dim; j++) {
        const d = centroids[a * dim + j]! - centroids[b * dim + j]!;
        d2 += d * d;
      }
      separation[a * k + b] = separation[b * k + a] = Math.sqrt(d2);
    }
  }
  if (spread.every((s) => s <= ALL_CLOSE_TO_ZERO) || separation.every((d) => d <= ALL_CLOSE_TO_ZERO)) return 0;

  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const d = separation[a * k + b]!;
      if (b === a || d === 0) continue; // sklearn: R = (s_a + s_b) / ∞ = 0
      const r = (spread[a]! + spread[b]!) / d;
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / k;
}
