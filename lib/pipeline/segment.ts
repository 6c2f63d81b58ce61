// The segmentation computed from a feature matrix — the same code path for the pipeline's worker and
// for `npm run analytics -- segment` on any feature file:
//   impute (median) → log1p on skewed counts and amounts → winsorize (1st/99th percentile) →
//   drop near-constant and near-duplicate features → standardise → PCA (the 2-D map) →
//   k-means over a k range (or a fixed k; mini-batch k-means; or DBSCAN) → profiles.
// Pure computation (no I/O): progress is reported through a callback; a run is cancelled by
// terminating the worker thread that runs this.
import { daviesBouldin } from "../analytics/davies-bouldin";
import { dbscan } from "../analytics/dbscan";
import { selectFeatures, type DroppedFeature } from "../analytics/feature-selection";
import { fitImputer, transformImputer } from "../analytics/impute";
import { kDistance } from "../analytics/k-distance";
import { kmeans } from "../analytics/kmeans";
import { log1p } from "../analytics/log1p";
import { createMatrix, type Matrix } from "../analytics/matrix";
import { miniBatchKMeans } from "../analytics/minibatch-kmeans";
import { pca, transformPca } from "../analytics/pca";
import { createRandom } from "../analytics/random";
import { fitStandardScaler, transformStandardScaler } from "../analytics/scalers";
import { silhouette } from "../analytics/silhouette";
import { fitWinsorizer, transformWinsorizer } from "../analytics/winsorize";
import type { SegmentParams } from "../validation/pipeline";

/** Columns whose distribution is long-tailed (counts, days, amounts): log1p before scaling. */
export const SKEWED_FEATURES = new Set([
  "recency_days",
  "frequency",
  "monetary",
  "tenure_days",
  "aov",
  "items_per_order",
  "gap_mean_days",
  "review_count",
]);

export const MIN_CUSTOMERS = 20;
export const LARGE_STORE = 300_000;

export class SegmentationInputError extends Error {
  override name = "SegmentationInputError";
}

export type ModelSelectionPoint = { k: number; inertia: number; silhouette: number; daviesBouldin: number };

export type SegmentationResult = {
  algo: SegmentParams["algo"];
  k: number;
  labels: Int32Array;
  inertia: number | null;
  silhouette: number | null;
  daviesBouldin: number | null;
  curve: ModelSelectionPoint[];
  /** Feature names used for clustering, and what was dropped and why. */
  used: string[];
  dropped: ((DroppedFeature | { reason: "no-data"; column: number }) & { name: string; partnerName?: string })[];
  pca: { explainedVarianceRatio: number[]; coords: Float32Array };
  /** DBSCAN only: the eps used and whether it was suggested from the k-distance curve. */
  eps: { value: number; suggested: boolean } | null;
  fitSeconds: number;
};

export type Progress = (fraction: number, detail?: string) => void;

export function segment(
  raw: Matrix,
  names: readonly string[],
  params: SegmentParams,
  hooks: { progress?: Progress; scale?: boolean } = {},
): SegmentationResult {
  const progress = hooks.progress ?? (() => undefined);
  if (raw.cols !== names.length) throw new RangeError(`${names.length} feature names for ${raw.cols} columns`);
  if (raw.rows < MIN_CUSTOMERS) {
    throw new SegmentationInputError(
      `Only ${raw.rows} customers can be analysed (customers with a paid order); segmentation needs at least ${MIN_CUSTOMERS}.`,
    );
  }
  const fixedK = params.k === "auto" ? null : params.k;
  const maxK = fixedK ?? params.kRange[1];
  if (params.algo !== "dbscan" && maxK >= raw.rows) {
    throw new SegmentationInputError(`k = ${maxK} needs more than ${maxK} customers; this store has ${raw.rows}.`);
  }

  const { z, used, dropped } = preprocess(raw, names, hooks.scale ?? true);
  progress(0.1, "preprocessed");

  const pcaModel = pca(z, { nComponents: Math.min(2, z.cols) });
  const projected = transformPca(z, pcaModel);
  const coords = new Float32Array(z.rows * 2);
  for (let i = 0; i < z.rows; i++) {
    coords[2 * i] = projected.data[i * projected.cols] as number;
    coords[2 * i + 1] = projected.cols > 1 ? (projected.data[i * projected.cols + 1] as number) : 0;
  }
  progress(0.15, "pca");

  const started = performance.now();
  const fit = (k: number, m: Matrix) => {
    if (params.algo === "minibatch-kmeans") {
      // scikit-learn's MiniBatchKMeans defaults (batch 1024, early stopping), a few initialisations.
      return miniBatchKMeans(m, { k, seed: params.seed, nInit: Math.min(params.nInit, 3) });
    }
    return kmeans(m, { k, nInit: params.nInit, maxIter: params.maxIter, tol: params.tol, seed: params.seed });
  };
  const score = (labels: Int32Array, m: Matrix = z) => ({
    silhouette: silhouette(m, labels, {
      sampleSize: Math.min(params.silhouetteSample, m.rows),
      seed: params.seed,
      noiseLabel: -1,
    }).score,
    daviesBouldin: daviesBouldin(m, labels, { noiseLabel: -1 }),
  });

  let result: Omit<SegmentationResult, "used" | "dropped" | "pca" | "fitSeconds">;
  if (params.algo === "dbscan") {
    let eps = params.eps;
    let suggested = false;
    if (eps === null) {
      const kd = kDistance(z, { k: params.minPts, sampleSize: Math.min(5000, z.rows), seed: params.seed });
      if (!kd.knee)
        throw new SegmentationInputError("Could not suggest eps from the k-distance curve; set eps explicitly.");
      eps = kd.knee.eps;
      suggested = true;
    }
    progress(0.3, "dbscan");
    const db = dbscan(z, { eps, minSamples: params.minPts });
    const clustered = db.clusterCount;
    if (clustered < 2) {
      throw new SegmentationInputError(
        `DBSCAN found ${clustered} cluster${clustered === 1 ? "" : "s"} at eps = ${eps.toFixed(3)}, min points = ${params.minPts}; try another eps or k-means.`,
      );
    }
    const s = score(db.labels);
    result = {
      algo: "dbscan",
      k: clustered,
      labels: db.labels,
      inertia: null,
      ...s,
      curve: [],
      eps: { value: eps, suggested },
    };
  } else {
    const ks = fixedK ? [fixedK] : range(params.kRange[0], params.kRange[1]);
    // Model selection on a seeded sample for large stores; the chosen k is then fitted on everyone.
    const sample = !fixedK && z.rows > params.selectionSample ? sampleRows(z, params.selectionSample, params.seed) : z;
    const curve: ModelSelectionPoint[] = [];
    const fits = new Map<number, { labels: Int32Array; inertia: number }>();
    ks.forEach((k, i) => {
      const r = fit(k, sample);
      fits.set(k, { labels: r.labels, inertia: r.inertia });
      curve.push({ k, inertia: r.inertia, ...score(r.labels, sample) });
      progress(0.15 + (0.7 * (i + 1)) / ks.length, `k=${k}`);
    });
    const chosen = fixedK ?? chooseK(curve);
    // Past LARGE_STORE customers the final fit is mini-batch k-means (scikit-learn's MiniBatchKMeans):
    // full Lloyd passes over a million rows for ten initialisations would dominate the run.
    const largeStore = params.algo === "kmeans" && z.rows > LARGE_STORE;
    const best =
      sample === z
        ? fits.get(chosen)!
        : largeStore
          ? miniBatchKMeans(z, { k: chosen, seed: params.seed, nInit: 3 })
          : fit(chosen, z);
    const point =
      sample === z
        ? curve.find((p) => p.k === chosen)!
        : { k: chosen, inertia: best.inertia, ...score(best.labels, z) };
    progress(0.95, "final fit");
    const relabelled = relabelBySize(best.labels, chosen);
    result = {
      algo: largeStore ? "minibatch-kmeans" : params.algo,
      k: chosen,
      labels: relabelled,
      inertia: best.inertia,
      silhouette: point.silhouette,
      daviesBouldin: point.daviesBouldin,
      curve,
      eps: null,
    };
  }
  progress(1, "done");
  return {
    ...result,
    used,
    dropped,
    pca: { explainedVarianceRatio: pcaModel.explainedVarianceRatio, coords },
    fitSeconds: (performance.now() - started) / 1000,
  };
}

export type Preprocessed = { z: Matrix; used: string[]; dropped: SegmentationResult["dropped"] };

/**
 * The modelling matrix: median imputation, log1p on skewed columns, winsorizing at the 1st/99th
 * percentiles, dropping constant and near-duplicate columns, standardising (scale = false keeps
 * only imputation and feature selection, for feature files that are already scaled).
 */
export function preprocess(raw: Matrix, names: readonly string[], scale = true): Preprocessed {
  // Columns nobody has a value for (no reviews in the whole store: mean_rating) carry no information
  // and cannot be imputed: set aside first, and reported with the other dropped features.
  const empty = new Set<number>();
  for (let j = 0; j < raw.cols; j++) {
    let any = false;
    for (let i = 0; i < raw.rows && !any; i++) any = !Number.isNaN(raw.data[i * raw.cols + j]);
    if (!any) empty.add(j);
  }
  const present = range(0, raw.cols - 1).filter((j) => !empty.has(j));
  if (present.length === 0)
    throw new SegmentationInputError("No feature has any value: there is nothing to segment on.");
  const presentNames = present.map((j) => names[j] as string);
  const input = empty.size ? pickColumns(raw, present) : raw;

  let x = transformImputer(input, fitImputer(input, { strategy: "median" }));
  if (scale) {
    const skewed = presentNames.flatMap((n, j) => (SKEWED_FEATURES.has(n) ? [j] : []));
    // log1p only where every value allows it (a feature file may hold negative values).
    const safe = skewed.filter((j) => {
      for (let i = 0; i < x.rows; i++) if ((x.data[i * x.cols + j] as number) <= -1) return false;
      return true;
    });
    if (safe.length) x = log1p(x, { columns: safe, inPlace: true });
    x = transformWinsorizer(x, fitWinsorizer(x, { lower: 1, upper: 99 }), { inPlace: true });
  }
  let selection: ReturnType<typeof selectFeatures>;
  try {
    selection = selectFeatures(x, { varianceThreshold: 1e-8, correlationThreshold: 0.95 });
  } catch {
    // selectFeatures refuses when nothing is left, as scikit-learn's VarianceThreshold does.
    throw new SegmentationInputError(
      "Every feature is constant across these customers: there is nothing to segment on.",
    );
  }
  let z = pickColumns(x, selection.kept);
  if (scale) z = transformStandardScaler(z, fitStandardScaler(z), { inPlace: true });
  const dropped: SegmentationResult["dropped"] = [
    ...[...empty].map((j) => ({ reason: "no-data" as const, column: j, name: names[j] as string })),
    ...selection.dropped.map((d) => ({
      ...d,
      column: present[d.column] as number,
      name: presentNames[d.column] as string,
      ...(d.reason === "correlated"
        ? { partner: present[d.partner] as number, partnerName: presentNames[d.partner] as string }
        : {}),
    })),
  ];
  return { z, used: selection.kept.map((j) => presentNames[j] as string), dropped };
}

/**
 * k by the silhouette, preferring more segments while they stay nearly as well separated: from the
 * best k, step up through the following k as long as each stays within 10% of the best silhouette.
 * A pure argmax favours few, coarse segments on customer data, which is no use to a marketer; the
 * contiguous plateau keeps the choice data-driven without jumping to a far k that only happens to
 * score well on the model-selection sample.
 */
export function chooseK(curve: readonly ModelSelectionPoint[]): number {
  if (curve.length === 0) throw new RangeError("no model-selection points");
  const sorted = [...curve].sort((a, b) => a.k - b.k);
  let bestIndex = 0;
  sorted.forEach((p, i) => {
    if (p.silhouette > (sorted[bestIndex] as ModelSelectionPoint).silhouette) bestIndex = i;
  });
  const best = (sorted[bestIndex] as ModelSelectionPoint).silhouette;
  let chosen = bestIndex;
  while (
    chosen + 1 < sorted.length &&
    (sorted[chosen + 1] as ModelSelectionPoint).silhouette >= best - 0.1 * Math.abs(best)
  )
    chosen++;
  return (sorted[chosen] as ModelSelectionPoint).k;
}

/** Segment 0 is the largest: numbering (and so colours) stays stable across runs of similar data. */
export function relabelBySize(labels: Int32Array, k: number): Int32Array {
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) if (l >= 0) counts[l] = (counts[l] as number) + 1;
  const order = counts.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const map = new Int32Array(k);
  order.forEach(([, old], rank) => (map[old] = rank));
  return labels.map((l) => (l >= 0 ? (map[l] as number) : l));
}

function pickColumns(m: Matrix, columns: readonly number[]): Matrix {
  const out = createMatrix(m.rows, columns.length);
  for (let i = 0; i < m.rows; i++) {
    for (let c = 0; c < columns.length; c++)
      out.data[i * columns.length + c] = m.data[i * m.cols + (columns[c] as number)] as number;
  }
  return out;
}

/** A seeded sample of rows without replacement (partial Fisher–Yates), in their original order. */
function sampleRows(m: Matrix, size: number, seed: number): Matrix {
  const random = createRandom(seed);
  const idx = Int32Array.from({ length: m.rows }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(m.rows - i);
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  }
  const chosen = Array.from(idx.subarray(0, size)).sort((a, b) => a - b);
  return pickColumnsOfRows(m, chosen);
}

function pickColumnsOfRows(m: Matrix, rows: readonly number[]): Matrix {
  const out = createMatrix(rows.length, m.cols);
  rows.forEach((r, i) => out.data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return out;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}
