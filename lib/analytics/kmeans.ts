// k-means clustering with scikit-learn's semantics (sklearn.cluster.KMeans, version 1.2), so that a
// segmentation computed here can be checked against the reference implementation:
//   - greedy k-means++ seeding, as sklearn's `_kmeans_plusplus` (Arthur & Vassilvitskii 2007, with
//     2 + ⌊ln k⌋ candidates per step, keeping the one that lowers the potential most);
//   - the data are centred on their column means before clustering (sklearn does the same for the
//     accuracy of distance computations) and the centres shifted back at the end;
//   - tol is relative: multiplied by the mean of the per-feature variances; a run stops when the
//     labels do not change (strict convergence) or when the squared Frobenius norm of the centre
//     shift is ≤ that tolerance, and then re-assigns the labels once so that they match the returned
//     centres;
//   - an empty cluster is moved onto the point farthest from its own centre (sklearn's
//     `_relocate_empty_clusters_dense`);
//   - of the nInit runs the best inertia wins, unless it is the same partition up to a relabelling
//     (sklearn's `_is_same_clustering`), so rounding cannot flip the choice between equal runs.
//
// Two exact algorithms give the same iterations: Lloyd's (every point against every centre), and
// Hamerly's (G. Hamerly, "Making k-means even faster", SDM 2010), which keeps for each point an upper
// bound on the distance to its centre and a lower bound on the distance to the second closest one
// and skips the points whose bounds prove the label cannot change. Hamerly is the default: with
// k-means++ and 10 restarts on a 100k×12 Gaussian mixture it used 2.7× (k = 6) to 3.3× (k = 10)
// less CPU than Lloyd. Elkan's algorithm (ICML 2003; k lower bounds per point) was measured too and
// used 1.3–1.4× Hamerly's CPU on 100k×12 and about the same on 100k×30, so it is not kept.
import { assertFinite, createMatrix, type Matrix } from "./matrix";
import { createRandom, type Random } from "./random";

export type KMeansAlgorithm = "hamerly" | "lloyd";

export type KMeansOptions = {
  /** Number of clusters, 1 ≤ k ≤ rows. */
  k: number;
  /** "k-means++" (default) or a k×cols matrix of initial centres. */
  init?: "k-means++" | Matrix;
  /**
   * Number of k-means++ restarts, the best inertia kept. Default 10, scikit-learn's default up to 1.3
   * (1.4's "auto" runs k-means++ once, which loses the protection against a bad seeding that
   * segmentation needs more than the time). With explicit initial centres the run is deterministic,
   * so it happens once whatever nInit says (as in every scikit-learn version).
   */
  nInit?: number;
  /** Maximum iterations of one run. Default 300. */
  maxIter?: number;
  /** Relative tolerance on the centre shift, see the header. Default 1e-4; 0 stops only on strict convergence. */
  tol?: number;
  /** Seed for k-means++. Default 0. */
  seed?: number;
  /** Default "hamerly"; both give the same labels, centres and iterations (to rounding). */
  algorithm?: KMeansAlgorithm;
};

export type KMeansResult = {
  centers: Matrix;
  labels: Int32Array;
  /** Sum of squared distances of the points to their centre. */
  inertia: number;
  /** Iterations of the returned run. */
  nIter: number;
  /** Whether the returned run stopped on strict or tol convergence before maxIter. */
  converged: boolean;
};

type ResolvedOptions = Required<Omit<KMeansOptions, "init">> & { init: "k-means++" | Matrix };

type RunResult = { centers: Float64Array; inertia: number; nIter: number; converged: boolean };

export function kmeans(data: Matrix, options: KMeansOptions): KMeansResult {
  const o = resolveOptions(data, options);
  const n = data.rows;
  const d = data.cols;
  const k = o.k;

  const mean = new Float64Array(d);
  const x = centreColumns(data, mean);
  const tol = o.tol === 0 ? 0 : meanFeatureVariance(x, n, d) * o.tol;

  const random = createRandom(o.seed);
  const nRuns = o.init === "k-means++" ? o.nInit : 1;
  const nLocalTrials = 2 + Math.floor(Math.log(k));
  const plusPlus = o.init === "k-means++" ? createPlusPlusWorkspace(n, nLocalTrials) : null;
  const centersInit = new Float64Array(k * d);

  let best: RunResult | null = null;
  let bestLabels = new Int32Array(n);
  let labels = new Int32Array(n);
  for (let run = 0; run < nRuns; run++) {
    if (plusPlus !== null) {
      seedPlusPlus(x, n, d, k, random, nLocalTrials, centersInit, null, plusPlus);
    } else if (o.init !== "k-means++") {
      for (let j = 0; j < k; j++) {
        for (let f = 0; f < d; f++) centersInit[j * d + f] = o.init.data[j * d + f]! - mean[f]!;
      }
    }
    const result = runSingle(o.algorithm, x, n, d, k, centersInit, plusPlus, o.maxIter, tol, labels);
    if (best === null || (result.inertia < best.inertia && !isSameClustering(labels, bestLabels, k))) {
      best = result;
      [bestLabels, labels] = [labels, bestLabels];
    }
  }

  const centers = best!.centers;
  for (let j = 0; j < k; j++) {
    for (let f = 0; f < d; f++) centers[j * d + f]! += mean[f]!;
  }
  return {
    centers: createMatrix(k, d, centers),
    labels: bestLabels,
    inertia: best!.inertia,
    nIter: best!.nIter,
    converged: best!.converged,
  };
}

/**
 * Greedy k-means++ seeding as scikit-learn's `kmeans_plusplus`: the first centre uniformly, then at
 * each step nLocalTrials candidates drawn with probability proportional to the squared distance to
 * the closest chosen centre, keeping the candidate that minimises the resulting potential.
 * nLocalTrials defaults to 2 + ⌊ln k⌋; 1 is the original k-means++ of Arthur & Vassilvitskii.
 */
export function kmeansPlusPlus(
  data: Matrix,
  k: number,
  random: Random,
  nLocalTrials = 2 + Math.floor(Math.log(k)),
): { centers: Matrix; indices: Int32Array } {
  if (!Number.isInteger(k) || k < 1 || k > data.rows) {
    throw new RangeError(`k must be an integer from 1 to the ${data.rows} rows, got ${k}`);
  }
  if (!Number.isInteger(nLocalTrials) || nLocalTrials < 1) {
    throw new RangeError(`nLocalTrials must be a positive integer, got ${nLocalTrials}`);
  }
  checkFinite(data, "data");
  const centers = new Float64Array(k * data.cols);
  const indices = new Int32Array(k);
  seedPlusPlus(data.data, data.rows, data.cols, k, random, nLocalTrials, centers, indices);
  return { centers: createMatrix(k, data.cols, centers), indices };
}

/**
 * The closest centre of each row (lowest index on ties) and the inertia, the E-step of k-means (what
 * scikit-learn's `KMeans.predict` and `score` compute), for assigning new customers to segments.
 */
export function assignToCenters(data: Matrix, centers: Matrix): { labels: Int32Array; inertia: number } {
  if (centers.rows < 1 || centers.cols !== data.cols) {
    throw new RangeError(
      `centers must be a non-empty matrix with ${data.cols} columns, got ${centers.rows}×${centers.cols}`,
    );
  }
  checkFinite(data, "data");
  checkFinite(centers, "centers");
  const labels = new Int32Array(data.rows);
  const inertia = assignRows(data.data, null, data.rows, data.cols, centers.data, centers.rows, labels);
  return { labels, inertia };
}

function resolveOptions(data: Matrix, options: KMeansOptions): ResolvedOptions {
  const { k, init = "k-means++", nInit = 10, maxIter = 300, tol = 1e-4, seed = 0, algorithm = "hamerly" } = options;
  if (data.rows < 1 || data.cols < 1)
    throw new RangeError(`data must have rows and columns, got ${data.rows}×${data.cols}`);
  if (!Number.isInteger(k) || k < 1 || k > data.rows) {
    throw new RangeError(`k must be an integer from 1 to the ${data.rows} rows, got ${k}`);
  }
  if (!Number.isInteger(nInit) || nInit < 1) throw new RangeError(`nInit must be a positive integer, got ${nInit}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`maxIter must be a positive integer, got ${maxIter}`);
  if (!Number.isFinite(tol) || tol < 0) throw new RangeError(`tol must be a finite number ≥ 0, got ${tol}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  switch (algorithm) {
    case "hamerly":
    case "lloyd":
      break;
    default: {
      const never: never = algorithm;
      throw new RangeError(`unknown algorithm ${String(never)}`);
    }
  }
  checkFinite(data, "data");
  if (init !== "k-means++") {
    if (typeof init !== "object" || init.rows !== k || init.cols !== data.cols) {
      const shape = typeof init === "object" ? `${init.rows}×${init.cols}` : String(init);
      throw new RangeError(`init must be "k-means++" or a ${k}×${data.cols} matrix of centres, got ${shape}`);
    }
    checkFinite(init, "init");
  }
  return { k, init, nInit, maxIter, tol, seed, algorithm };
}

/** A copy of the data with each column's mean subtracted; the means are written to `mean`. */
function centreColumns(data: Matrix, mean: Float64Array): Float64Array {
  const { rows: n, cols: d, data: src } = data;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) mean[f]! += src[i * d + f]!;
  }
  for (let f = 0; f < d; f++) {
    mean[f]! /= n;
    if (!Number.isFinite(mean[f])) throw new RangeError(`data column ${f} is too large to average (its sum overflows)`);
  }
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) x[i * d + f] = src[i * d + f]! - mean[f]!;
  }
  return x;
}

/**
 * Mean over the features of their population variance (numpy's var, ddof 0): the scale of
 * scikit-learn's relative tol (`_tolerance`). Shared with mini-batch k-means.
 */
export function meanFeatureVariance(x: Float64Array, n: number, d: number): number {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f]! += x[i * d + f]!;
  for (let f = 0; f < d; f++) mean[f]! /= n;
  const sq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) {
      const t = x[i * d + f]! - mean[f]!;
      sq[f]! += t * t;
    }
  }
  let sum = 0;
  for (let f = 0; f < d; f++) sum += sq[f]! / n;
  return sum / d;
}

/**
 * Throws assertFinite's RangeError (naming the first bad value) if the matrix holds a NaN or ±∞.
 * The scan itself is a plain loop on the typed array (v − v is 0 only for finite v), several times
 * faster than assertFinite's, which then runs only to name the position.
 */
export function checkFinite(m: Matrix, what: string): void {
  const a = m.data;
  let bad = false;
  for (let t = 0; t < a.length; t++) {
    const v = a[t]!;
    if (v - v !== 0) {
      bad = true;
      break;
    }
  }
  if (bad) assertFinite(m, what);
}

function runSingle(
  algorithm: KMeansAlgorithm,
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  centersInit: Float64Array,
  seeding: PlusPlusWorkspace | null,
  maxIter: number,
  tol: number,
  labels: Int32Array,
): RunResult {
  switch (algorithm) {
    case "hamerly":
      return runHamerly(x, n, d, k, centersInit, seeding, maxIter, tol, labels);
    case "lloyd":
      return runLloyd(x, n, d, k, centersInit, maxIter, tol, labels);
    default: {
      const never: never = algorithm;
      throw new RangeError(`unknown algorithm ${String(never)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Lloyd: sklearn's `_kmeans_single_lloyd`.

function runLloyd(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  centersInit: Float64Array,
  maxIter: number,
  tol: number,
  labels: Int32Array,
): RunResult {
  let centers = centersInit.slice();
  let centersNew = new Float64Array(k * d);
  const weights = new Float64Array(k);
  const dists = new Float64Array(k);
  labels.fill(-1);

  let nIter = 0;
  let strict = false;
  let tolConverged = false;
  for (let iter = 0; iter < maxIter; iter++) {
    centersNew.fill(0);
    weights.fill(0);
    const changed = lloydAssign(x, n, d, k, centers, dists, labels, centersNew, weights);
    relocateEmptyClusters(x, n, d, k, centers, centersNew, weights, labels);
    averageCenters(centersNew, weights, k, d);
    let shift = 0;
    for (let j = 0; j < k; j++) shift += sqDist(centersNew, j * d, centers, j * d, d);
    [centers, centersNew] = [centersNew, centers];
    nIter = iter + 1;
    if (changed === 0) {
      strict = true;
      break;
    }
    if (shift <= tol) {
      tolConverged = true;
      break;
    }
  }
  if (!strict) lloydAssign(x, n, d, k, centers, dists, labels, null, null);
  const inertia = inertiaOf(x, n, d, centers, labels);
  return { centers, inertia, nIter, converged: strict || tolConverged };
}

/** Labels every point with its closest centre; accumulates sums and counts when given. Returns the changes. */
function lloydAssign(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  centers: Float64Array,
  dists: Float64Array,
  labels: Int32Array,
  sums: Float64Array | null,
  weights: Float64Array | null,
): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const xi = i * d;
    sqDistsTo(x, xi, d, centers, k, dists);
    let best = 0;
    let bestDist = dists[0]!;
    for (let j = 1; j < k; j++) {
      if (dists[j]! < bestDist) {
        bestDist = dists[j]!;
        best = j;
      }
    }
    if (labels[i] !== best) {
      labels[i] = best;
      changed++;
    }
    if (sums !== null && weights !== null) {
      weights[best]! += 1;
      const cb = best * d;
      for (let f = 0; f < d; f++) sums[cb + f]! += x[xi + f]!;
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------------
// Hamerly (2010), Algorithm 2, arranged in sklearn's iteration so that it stops at the same iteration
// as Lloyd: per point u ≥ ‖x − c(a)‖ and l ≤ min over the other centres j of ‖x − c(j)‖, with s(j)
// half the distance from c(j) to its nearest other centre. If u < max(s(a), l) no other centre can be
// closer. Ties are not skipped (strict <): the full scan decides them like Lloyd, lowest index first.
// Cluster sums are kept up to date incrementally (only moved points touch them), and distances are
// direct Σ(x − c)², so the bounds are not blurred by the cancellation of ‖x‖² − 2x·c + ‖c‖² near a
// centre.

function runHamerly(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  centersInit: Float64Array,
  seeding: PlusPlusWorkspace | null,
  maxIter: number,
  tol: number,
  labels: Int32Array,
): RunResult {
  let centers = centersInit.slice();
  let centersNew = new Float64Array(k * d);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const weights = new Float64Array(k);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  const dists = new Float64Array(k);
  labels.fill(-1);

  let nIter = 0;
  let strict = false;
  let tolConverged = false;
  for (let iter = 0; iter < maxIter; iter++) {
    const changed =
      iter === 0 && seeding !== null
        ? hamerlyFromSeeding(x, n, d, seeding, labels, upper, lower, sums, counts)
        : hamerlyAssign(
            x,
            n,
            d,
            k,
            centers,
            labels,
            upper,
            lower,
            half,
            dists,
            sums,
            counts,
            iter === 0 ? null : moved,
          );
    centersNew.set(sums);
    weights.set(counts);
    relocateEmptyClusters(x, n, d, k, centers, centersNew, weights, labels);
    averageCenters(centersNew, weights, k, d);
    let shift = 0;
    for (let j = 0; j < k; j++) {
      const s = sqDist(centersNew, j * d, centers, j * d, d);
      moved[j] = Math.sqrt(s);
      shift += s;
    }
    [centers, centersNew] = [centersNew, centers];
    nIter = iter + 1;
    if (changed === 0) {
      strict = true;
      break;
    }
    if (shift <= tol) {
      tolConverged = true;
      break;
    }
  }
  if (!strict) hamerlyAssign(x, n, d, k, centers, labels, upper, lower, half, dists, sums, counts, moved);
  const inertia = inertiaOf(x, n, d, centers, labels);
  return { centers, inertia, nIter, converged: strict || tolConverged };
}

/** The first E-step from what k-means++ left: labels, u = √closest, l = √second, then the sums. */
function hamerlyFromSeeding(
  x: Float64Array,
  n: number,
  d: number,
  seeding: PlusPlusWorkspace,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
): number {
  sums.fill(0);
  counts.fill(0);
  const { closest, nearest, second } = seeding;
  for (let i = 0; i < n; i++) {
    const a = nearest[i]!;
    labels[i] = a;
    upper[i] = Math.sqrt(closest[i]!);
    lower[i] = Math.sqrt(second[i]!);
    counts[a]! += 1;
    const xi = i * d;
    const ca = a * d;
    for (let f = 0; f < d; f++) sums[ca + f]! += x[xi + f]!;
  }
  return n;
}

/**
 * One E-step under the bounds. `moved` holds how far each centre moved since the last E-step, and
 * the bounds are first loosened by it (Hamerly's UPDATE-BOUNDS, done here to save a pass over the
 * points): u grows by its own centre's move, l shrinks by the largest move of another centre. With
 * `moved` null (the first E-step) every point is scanned and labels, bounds, sums and counts are set
 * from nothing. Returns the number of changed labels.
 */
function hamerlyAssign(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  half: Float64Array,
  dists: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
  moved: Float64Array | null,
): number {
  const first = moved === null;
  let r1 = 0;
  let m1 = 0;
  let m2 = 0;
  if (first) {
    sums.fill(0);
    counts.fill(0);
    half.fill(0);
  } else {
    for (let j = 0; j < k; j++) {
      const m = moved[j]!;
      if (m > m1) {
        m2 = m1;
        m1 = m;
        r1 = j;
      } else if (m > m2) {
        m2 = m;
      }
    }
    for (let j = 0; j < k; j++) {
      let m = Infinity;
      for (let j2 = 0; j2 < k; j2++) {
        if (j2 === j) continue;
        const dist = sqDist(centers, j * d, centers, j2 * d, d);
        if (dist < m) m = dist;
      }
      half[j] = 0.5 * Math.sqrt(m);
    }
  }
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const xi = i * d;
    const a = labels[i]!;
    if (!first) {
      const u = upper[i]! + moved[a]!;
      const l = lower[i]! - (a === r1 ? m2 : m1);
      lower[i] = l;
      const h = half[a]!;
      const bound = h > l ? h : l;
      if (u < bound) {
        upper[i] = u;
        continue;
      }
      const ua = Math.sqrt(sqDist(x, xi, centers, a * d, d));
      upper[i] = ua;
      if (ua < bound) continue;
    }
    sqDistsTo(x, xi, d, centers, k, dists);
    let best = 0;
    let d1 = dists[0]!;
    let d2 = Infinity;
    for (let j = 1; j < k; j++) {
      const dist = dists[j]!;
      if (dist < d1) {
        d2 = d1;
        d1 = dist;
        best = j;
      } else if (dist < d2) {
        d2 = dist;
      }
    }
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
    if (best !== a) {
      labels[i] = best;
      changed++;
      const cb = best * d;
      counts[best]! += 1;
      for (let f = 0; f < d; f++) sums[cb + f]! += x[xi + f]!;
      if (a >= 0) {
        const ca = a * d;
        counts[a]! -= 1;
        for (let f = 0; f < d; f++) sums[ca + f]! -= x[xi + f]!;
      }
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------------
// Shared by both algorithms.

/**
 * sklearn's `_relocate_empty_clusters_dense`: each empty cluster takes the point farthest from its
 * (old) centre, which is taken out of its own cluster's sum. Labels are not changed: the next
 * E-step moves the point. Nothing happens if every point sits on its centre (duplicates).
 */
function relocateEmptyClusters(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  centersOld: Float64Array,
  sums: Float64Array,
  weights: Float64Array,
  labels: Int32Array,
): void {
  let nEmpty = 0;
  for (let j = 0; j < k; j++) if (weights[j] === 0) nEmpty++;
  if (nEmpty === 0) return;
  const dist = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const s = sqDist(x, i * d, centersOld, labels[i]! * d, d);
    dist[i] = s;
    if (s > max) max = s;
  }
  if (max === 0) return;
  for (let j = 0; j < k; j++) {
    if (weights[j] !== 0) continue;
    // The farthest point not taken yet (sklearn takes the nEmpty largest distances).
    let far = 0;
    for (let i = 1; i < n; i++) if (dist[i]! > dist[far]!) far = i;
    dist[far] = -1;
    const old = labels[far]!;
    for (let f = 0; f < d; f++) {
      sums[old * d + f]! -= x[far * d + f]!;
      sums[j * d + f] = x[far * d + f]!;
    }
    weights[j] = 1;
    weights[old]! -= 1;
  }
}

/** sklearn's `_average_centers`: multiply by 1/weight, and leave a weightless sum as it is. */
function averageCenters(sums: Float64Array, weights: Float64Array, k: number, d: number): void {
  for (let j = 0; j < k; j++) {
    const w = weights[j]!;
    if (w > 0) {
      const alpha = 1 / w;
      for (let f = 0; f < d; f++) sums[j * d + f]! *= alpha;
    }
  }
}

/** Σ‖x − c(label)‖² (sklearn's `_inertia_dense`). */
function inertiaOf(x: Float64Array, n: number, d: number, centers: Float64Array, labels: Int32Array): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(x, i * d, centers, labels[i]! * d, d);
  return inertia;
}

/** sklearn's `_is_same_clustering`: labels2 is labels1 under some relabelling. */
function isSameClustering(labels1: Int32Array, labels2: Int32Array, k: number): boolean {
  const mapping = new Int32Array(k).fill(-1);
  for (let i = 0; i < labels1.length; i++) {
    const a = labels1[i]!;
    const m = mapping[a]!;
    if (m === -1) mapping[a] = labels2[i]!;
    else if (m !== labels2[i]) return false;
  }
  return true;
}

/**
 * Shared with mini-batch k-means (not part of the segmentation API): the nearest of the k centres
 * for `count` rows of x, the t-th being row rows[t] (row t when rows is null), lowest index on ties.
 * Writes labels[t] and returns the inertia of those rows.
 */
export function assignRows(
  x: Float64Array,
  rows: Int32Array | null,
  count: number,
  d: number,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  dists: Float64Array = new Float64Array(k),
): number {
  let inertia = 0;
  for (let t = 0; t < count; t++) {
    sqDistsTo(x, (rows === null ? t : rows[t]!) * d, d, centers, k, dists);
    let best = 0;
    let bestDist = dists[0]!;
    for (let j = 1; j < k; j++) {
      if (dists[j]! < bestDist) {
        bestDist = dists[j]!;
        best = j;
      }
    }
    labels[t] = best;
    inertia += bestDist;
  }
  return inertia;
}

// ---------------------------------------------------------------------------------------------------
// k-means++ seeding (sklearn `_kmeans_plusplus`). Candidates are found by binary search on the running
// sum of the closest squared distances (sklearn: `np.searchsorted(stable_cumsum(...), r)`, clipped to
// the last index). Distances are direct, so a chosen point is at exactly 0 from itself and a
// duplicate of a chosen point cannot be drawn again.
//
// Most distances to a candidate need not be computed (E. Raff, "Exact acceleration of k-means++ and
// k-means‖", IJCAI 2021): if x is closest to the chosen centre a and D = ‖a − cand‖ ≥ 2‖x − a‖, the
// triangle inequality gives ‖x − cand‖ ≥ D − ‖x − a‖ ≥ ‖x − a‖, so the candidate cannot lower x's
// distance; (D − ‖x − a‖)² is kept as a lower bound instead. The sums and choices are those of the
// unpruned algorithm.
//
// The seeding also leaves, per point, its nearest centre, the squared distance to it and a lower
// bound on the squared distance to every other centre: exactly the labels and Hamerly bounds of the
// first E-step, which therefore costs no distance at all after a k-means++ seeding.

type PlusPlusWorkspace = {
  /** Squared distance to the nearest chosen centre. */
  closest: Float64Array;
  /** Index of that centre (the lowest on ties, as a full scan would pick). */
  nearest: Int32Array;
  /** Lower bound on the squared distance to every other chosen centre. */
  second: Float64Array;
  cumsum: Float64Array;
  trial: Float64Array;
};

function createPlusPlusWorkspace(n: number, nLocalTrials: number): PlusPlusWorkspace {
  return {
    closest: new Float64Array(n),
    nearest: new Int32Array(n),
    second: new Float64Array(n),
    cumsum: new Float64Array(n),
    trial: new Float64Array(nLocalTrials * n),
  };
}

/**
 * Writes k initial centres (rows of x) to `centers`, and their row indices to `indices` if given.
 * Uses random.int once and random.next (k − 1)·nLocalTrials times.
 */
export function seedPlusPlus(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  random: Random,
  nLocalTrials: number,
  centers: Float64Array,
  indices: Int32Array | null,
  ws: PlusPlusWorkspace = createPlusPlusWorkspace(n, nLocalTrials),
): void {
  const { closest, nearest, second, cumsum, trial } = ws;
  const first = random.int(n);
  centers.set(x.subarray(first * d, first * d + d), 0);
  if (indices) indices[0] = first;
  let pot = 0;
  for (let i = 0; i < n; i++) {
    const s = sqDist(x, i * d, x, first * d, d);
    closest[i] = s;
    pot += s;
  }
  nearest.fill(0);
  second.fill(Infinity);

  const candidateRows = new Int32Array(nLocalTrials);
  const pots = new Float64Array(nLocalTrials);
  // ‖centre a − candidate t‖² and its square root, at [t * k + a].
  const centreToCandidate = new Float64Array(nLocalTrials * k);
  const centreToCandidateDist = new Float64Array(nLocalTrials * k);
  for (let c = 1; c < k; c++) {
    let run = 0;
    for (let i = 0; i < n; i++) {
      run += closest[i]!;
      cumsum[i] = run;
    }
    for (let t = 0; t < nLocalTrials; t++) {
      const r = random.next() * pot;
      // First index with cumsum ≥ r (numpy searchsorted, side "left").
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumsum[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      const row = Math.min(lo, n - 1);
      candidateRows[t] = row;
      for (let a = 0; a < c; a++) {
        const dd = sqDist(centers, a * d, x, row * d, d);
        centreToCandidate[t * k + a] = dd;
        centreToCandidateDist[t * k + a] = Math.sqrt(dd);
      }
    }
    // trial[t * n + i]: the squared distance from point i to candidate t, or the lower bound when
    // pruned (then ≥ closest[i], so the potential's min(·, closest) is the same either way).
    for (let t = 0; t < nLocalTrials; t++) {
      const row = candidateRows[t]! * d;
      const offset = t * n;
      const bounds = t * k;
      let p = 0;
      for (let i = 0; i < n; i++) {
        const ci = closest[i]!;
        const a = nearest[i]!;
        let v: number;
        if (4 * ci <= centreToCandidate[bounds + a]!) {
          const g = centreToCandidateDist[bounds + a]! - Math.sqrt(ci);
          v = g * g;
        } else {
          v = sqDist(x, i * d, x, row, d);
        }
        trial[offset + i] = v;
        p += v < ci ? v : ci;
      }
      pots[t] = p;
    }
    let bestTrial = 0;
    for (let t = 1; t < nLocalTrials; t++) if (pots[t]! < pots[bestTrial]!) bestTrial = t;
    pot = pots[bestTrial]!;
    const chosen = candidateRows[bestTrial]!;
    const offset = bestTrial * n;
    for (let i = 0; i < n; i++) {
      const v = trial[offset + i]!;
      const ci = closest[i]!;
      if (v < ci) {
        second[i] = ci;
        closest[i] = v;
        nearest[i] = c;
      } else if (v < second[i]!) {
        second[i] = v;
      }
    }
    centers.set(x.subarray(chosen * d, chosen * d + d), c * d);
    if (indices) indices[c] = chosen;
  }
}

// ---------------------------------------------------------------------------------------------------
// Distance kernels. One running sum per distance waits on the latency of each floating-point add;
// independent sums keep the pipeline busy (measured on 100k×12: 1.6× faster for one distance with
// four partial sums, and faster again with four centres sharing each load of x).

/** ‖a[ai..ai+d) − b[bi..bi+d)‖². */
function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let f = 0;
  for (; f + 3 < d; f += 4) {
    const t0 = a[ai + f]! - b[bi + f]!;
    const t1 = a[ai + f + 1]! - b[bi + f + 1]!;
    const t2 = a[ai + f + 2]! - b[bi + f + 2]!;
    const t3 = a[ai + f + 3]! - b[bi + f + 3]!;
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  for (; f < d; f++) {
    const t = a[ai + f]! - b[bi + f]!;
    s0 += t * t;
  }
  return s0 + s1 + (s2 + s3);
}

/** dists[j] = ‖x[xi..xi+d) − centre j‖² for the k centres, four centres per pass over the point. */
function sqDistsTo(
  x: Float64Array,
  xi: number,
  d: number,
  centers: Float64Array,
  k: number,
  dists: Float64Array,
): void {
  let j = 0;
  for (; j + 3 < k; j += 4) {
    const c0 = j * d;
    const c1 = c0 + d;
    const c2 = c1 + d;
    const c3 = c2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let f = 0; f < d; f++) {
      const v = x[xi + f]!;
      const t0 = v - centers[c0 + f]!;
      const t1 = v - centers[c1 + f]!;
      const t2 = v - centers[c2 + f]!;
      const t3 = v - centers[c3 + f]!;
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    dists[j] = s0;
    dists[j + 1] = s1;
    dists[j + 2] = s2;
    dists[j + 3] = s3;
  }
  if (j + 1 < k) {
    const c0 = j * d;
    const c1 = c0 + d;
    let s0 = 0;
    let s1 = 0;
    for (let f = 0; f < d; f++) {
      const v = x[xi + f]!;
      const t0 = v - centers[c0 + f]!;
      const t1 = v - centers[c1 + f]!;
      s0 += t0 * t0;
      s1 += t1 * t1;
    }
    dists[j] = s0;
    dists[j + 1] = s1;
    j += 2;
  }
  if (j < k) dists[j] = sqDist(x, xi, centers, j * d, d);
}
