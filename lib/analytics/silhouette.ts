// Silhouette coefficients (Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation
// of cluster analysis", J. Comput. Appl. Math. 20, 1987) with scikit-learn 1.2's conventions
// (`silhouette_samples` / `silhouette_score`, Euclidean):
//
// - for row i in cluster A, a(i) = mean distance to the *other* members of A, b(i) = the smallest mean
//   distance to the members of another cluster, s(i) = (b − a) / max(a, b);
// - a row alone in its cluster gets s = 0 (sklearn's 0/0 → nan_to_num), as does a row with a = b = 0;
// - the number of distinct labels must be between 2 and n − 1, else RangeError (sklearn raises
//   ValueError);
// - every distinct label is a cluster, −1 included. Scoring DBSCAN's noise as one scattered "cluster"
//   rarely means anything, so `noiseLabel` can drop those rows before sampling and scoring instead;
// - with `sampleSize`, a seeded uniform sample of rows is scored on its own (distances only among the
//   sampled rows), as sklearn's sample_size does. The sample cannot match sklearn's RandomState draw, so
//   sampled scores agree with sklearn in distribution, not digit for digit.
//
// Distances are summed coordinate differences, not sklearn's ‖x‖² − 2x·y + ‖y‖² expansion, whose
// rounding can put two identical rows ~1e-8 apart; on data without duplicate rows the values agree
// with sklearn to ~1e-15 (lib/analytics/fixtures/metrics.json).
//
// Cost O(m² · d) time for m scored rows; memory O(m · d) for the gathered rows plus one per-cluster
// accumulator — never an m × m distance matrix.
import { encodeLabels, type Labels } from "./adjusted-rand";
import { assertFinite, type Matrix } from "./matrix";
import { createRandom } from "./random";

export type SilhouetteOptions = {
  /** Score a seeded uniform sample of this many rows (sklearn's sample_size); null scores every row. */
  sampleSize?: number | null;
  seed?: number;
  /** Rows with this label (DBSCAN's −1) are left out; null keeps every label as a cluster, as sklearn does. */
  noiseLabel?: number | string | null;
};

export type SilhouetteResult = {
  /** Mean of `values` (sklearn's silhouette_score). */
  score: number;
  /** Silhouette of each scored row (sklearn's silhouette_samples), in the order of `rows`. */
  values: Float64Array;
  /** The matrix rows that were scored, ascending. */
  rows: Int32Array;
};

const DEFAULTS: Required<SilhouetteOptions> = { sampleSize: null, seed: 0, noiseLabel: null };

export function silhouette(data: Matrix, labels: Labels, options: SilhouetteOptions = {}): SilhouetteResult {
  const opts: Required<SilhouetteOptions> = { ...DEFAULTS, ...options };
  if (labels.length !== data.rows) throw new RangeError(`${labels.length} labels for ${data.rows} rows`);
  if (opts.sampleSize !== null && (!Number.isInteger(opts.sampleSize) || opts.sampleSize < 2)) {
    throw new RangeError(`sampleSize must be an integer ≥ 2 or null, got ${opts.sampleSize}`);
  }
  assertFinite(data, "silhouette input");

  let rows = Int32Array.from({ length: data.rows }, (_, i) => i);
  if (opts.noiseLabel !== null) rows = rows.filter((i) => labels[i] !== opts.noiseLabel);
  if (opts.sampleSize !== null && opts.sampleSize < rows.length) {
    // Partial Fisher–Yates: a uniform sample without replacement, then back in row order.
    const random = createRandom(opts.seed);
    for (let i = 0; i < opts.sampleSize; i++) {
      const j = i + random.int(rows.length - i);
      const t = rows[i]!;
      rows[i] = rows[j]!;
      rows[j] = t;
    }
    rows = rows.slice(0, opts.sampleSize).sort();
  }

  const m = rows.length;
  const dim = data.cols;
  const x = new Float64Array(m * dim);
  for (let i = 0; i < m; i++) x.set(data.data.subarray(rows[i]! * dim, rows[i]! * dim + dim), i * dim);
  const { codes, counts } = encodeLabels(Array.from(rows, (r) => labels[r]!));
  const k = counts.length;
  if (k < 2 || k > m - 1) {
    throw new RangeError(`silhouette needs 2 to n − 1 distinct labels, got ${k} label(s) for ${m} scored rows`);
  }

  const values = new Float64Array(m);
  const sums = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    sums.fill(0);
    const a0 = i * dim;
    for (let j = 0; j < m; j++) {
      let d2 = 0;
      for (let c = 0, b0 = j * dim; c < dim; c++) {
        const d = x[a0 + c]! - x[b0 + c]!;
        d2 += d * d;
      }
      sums[codes[j]!]! += Math.sqrt(d2);
    }
    const own = codes[i]!;
    if (counts[own] === 1) continue; // s = 0 for a singleton
    const a = sums[own]! / (counts[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sums[c]! / counts[c]! < b) b = sums[c]! / counts[c]!;
    const s = (b - a) / Math.max(a, b);
    values[i] = Number.isNaN(s) ? 0 : s;
  }
  let total = 0;
  for (const v of values) total += v;
  return { score: total / m, values, rows };
}
