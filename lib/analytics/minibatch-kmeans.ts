// Mini-batch k-means (D. Sculley, "Web-scale k-means clustering", WWW 2010) as scikit-learn's
// MiniBatchKMeans (version 1.2), for stores too large for a full k-means per pipeline run:
//   - initialisation: nInit k-means++ seedings, each on its own random sample of initSize rows,
//     the one with the lowest inertia on a further random validation sample of initSize rows wins;
//   - each step draws batchSize rows with replacement, labels them with the current centres and
//     moves each centre to the mean of every point it has been given so far (per-centre counts, so
//     the learning rate of a centre is its batch count over its total count);
//   - centres whose count falls below reassignmentRatio × the largest count are moved onto random
//     points of the batch (every step when there is an empty centre or once 10·k samples have been
//     seen since the last check, i.e. every step for k ≤ batchSize / 10), and their count is set to
//     the smallest count of the others so that they are not reassigned again at once;
//   - early stopping: an exponentially weighted average of the per-sample batch inertia (weight
//     2·batchSize / (n + 1)) that has not reached a new minimum for maxNoImprovement steps, or, if
//     tol > 0, a squared centre change ≤ tol × the mean per-feature variance; otherwise maxIter
//     passes over the data;
//   - the final labels and inertia are computed on the full data.
// The data are not copied (sklearn does not centre them here either), so 1M rows cost no memory
// beyond the labels.
import { assignRows, checkFinite, meanFeatureVariance, seedPlusPlus } from "./kmeans";
import { createMatrix, type Matrix } from "./matrix";
import { createRandom, type Random } from "./random";

export type MiniBatchKMeansOptions = {
  /** Number of clusters, 1 ≤ k ≤ rows. */
  k: number;
  /** "k-means++" (default) or a k×cols matrix of initial centres. */
  init?: "k-means++" | Matrix;
  /** Rows per step, default 1024 (capped at the number of rows). */
  batchSize?: number;
  /** Maximum passes over the data, default 100 (steps = ⌊maxIter·rows / batchSize⌋). */
  maxIter?: number;
  /** k-means++ seedings to choose from, default 3 (sklearn ≤ 1.3); explicit centres are used once. */
  nInit?: number;
  /** Rows sampled for each seeding and for the validation sample, default 3·batchSize (at least 3·k). */
  initSize?: number;
  /** Steps without a new minimum of the smoothed batch inertia before stopping, default 10; null never stops on it. */
  maxNoImprovement?: number | null;
  /** Relative tolerance on the squared centre change per step, default 0 (not used), as sklearn. */
  tol?: number;
  /** Reassign centres whose count is below this fraction of the largest, default 0.01; 0 never reassigns. */
  reassignmentRatio?: number;
  /** Default 0. */
  seed?: number;
};

export type MiniBatchKMeansResult = {
  centers: Matrix;
  /** Closest final centre of every row. */
  labels: Int32Array;
  /** Inertia of the final centres on the full data. */
  inertia: number;
  /** Passes over the data, ⌈steps·batchSize / rows⌉. */
  nIter: number;
  nSteps: number;
  /** Whether early stopping ended the run before maxIter passes. */
  converged: boolean;
};

export function miniBatchKMeans(data: Matrix, options: MiniBatchKMeansOptions): MiniBatchKMeansResult {
  const o = resolveOptions(data, options);
  const { rows: n, cols: d, data: x } = data;
  const k = o.k;
  const batchSize = Math.min(o.batchSize, n);
  const initSize = Math.min(o.initSize ?? Math.max(3 * batchSize, 3 * k), n);
  const tol = o.tol === 0 ? 0 : meanFeatureVariance(x, n, d) * o.tol;
  const random = createRandom(o.seed);

  const validation = randomRows(random, n, initSize);
  const validationLabels = new Int32Array(initSize);
  let centers = new Float64Array(k * d);
  if (o.init === "k-means++") {
    const nLocalTrials = 2 + Math.floor(Math.log(k));
    const sample = new Float64Array(initSize * d);
    const candidate = new Float64Array(k * d);
    let bestInertia = Infinity;
    for (let run = 0; run < o.nInit; run++) {
      const rows = randomRows(random, n, initSize);
      for (let t = 0; t < initSize; t++) sample.set(x.subarray(rows[t]! * d, rows[t]! * d + d), t * d);
      seedPlusPlus(sample, initSize, d, k, random, nLocalTrials, candidate, null);
      const inertia = assignRows(x, validation, initSize, d, candidate, k, validationLabels);
      if (inertia < bestInertia) {
        bestInertia = inertia;
        centers.set(candidate);
      }
    }
  } else {
    centers.set(o.init.data);
  }

  let centersNew = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const batchSums = new Float64Array(k * d);
  const batchCounts = new Float64Array(k);
  const batch = new Int32Array(batchSize);
  const batchLabels = new Int32Array(batchSize);
  const dists = new Float64Array(k);
  const order = new Int32Array(k);
  const picks = new Int32Array(batchSize);
  const toReassign = new Uint8Array(k);

  let ewaInertia = NaN;
  let ewaInertiaMin = Infinity;
  let noImprovement = 0;
  let sinceLastReassign = 0;
  const nSteps = Math.floor((o.maxIter * n) / batchSize);
  const alpha = Math.min((batchSize * 2) / (n + 1), 1);
  let step = 0;
  let converged = false;
  for (; step < nSteps; step++) {
    for (let t = 0; t < batchSize; t++) batch[t] = random.int(n);

    // sklearn's _random_reassign, evaluated before the step.
    sinceLastReassign += batchSize;
    let reassign = false;
    if (counts.includes(0) || sinceLastReassign >= 10 * k) {
      sinceLastReassign = 0;
      reassign = true;
    }

    // sklearn's _mini_batch_step: labels and inertia against the current centres, then the update.
    const batchInertia = assignRows(x, batch, batchSize, d, centers, k, batchLabels, dists);
    batchSums.fill(0);
    batchCounts.fill(0);
    for (let t = 0; t < batchSize; t++) {
      const l = batchLabels[t]!;
      batchCounts[l]! += 1;
      const xi = batch[t]! * d;
      for (let f = 0; f < d; f++) batchSums[l * d + f]! += x[xi + f]!;
    }
    for (let j = 0; j < k; j++) {
      const w = batchCounts[j]!;
      if (w > 0) {
        const total = counts[j]! + w;
        const scale = 1 / total;
        for (let f = 0; f < d; f++) {
          centersNew[j * d + f] = (centers[j * d + f]! * counts[j]! + batchSums[j * d + f]!) * scale;
        }
        counts[j] = total;
      } else {
        for (let f = 0; f < d; f++) centersNew[j * d + f] = centers[j * d + f]!;
      }
    }
    if (reassign && o.reassignmentRatio > 0) {
      reassignLowCounts(x, d, k, batch, counts, centersNew, o.reassignmentRatio, random, order, picks, toReassign);
    }

    let centersSquaredDiff = 0;
    if (tol > 0) {
      for (let t = 0; t < k * d; t++) {
        const diff = centersNew[t]! - centers[t]!;
        centersSquaredDiff += diff * diff;
      }
    }
    [centers, centersNew] = [centersNew, centers];

    // sklearn's _mini_batch_convergence. The first step's inertia is that of the initial centres.
    if (step === 0) continue;
    const perSample = batchInertia / batchSize;
    ewaInertia = Number.isNaN(ewaInertia) ? perSample : ewaInertia * (1 - alpha) + perSample * alpha;
    if (tol > 0 && centersSquaredDiff <= tol) {
      converged = true;
      break;
    }
    if (ewaInertia < ewaInertiaMin) {
      noImprovement = 0;
      ewaInertiaMin = ewaInertia;
    } else {
      noImprovement++;
    }
    if (o.maxNoImprovement !== null && noImprovement >= o.maxNoImprovement) {
      converged = true;
      break;
    }
  }
  const stepsDone = Math.min(step + 1, nSteps);

  const labels = new Int32Array(n);
  const inertia = assignRows(x, null, n, d, centers, k, labels, dists);
  return {
    centers: createMatrix(k, d, centers),
    labels,
    inertia,
    nIter: Math.ceil((stepsDone * batchSize) / n),
    nSteps: stepsDone,
    converged,
  };
}

type ResolvedOptions = Required<Omit<MiniBatchKMeansOptions, "init" | "initSize" | "maxNoImprovement">> & {
  init: "k-means++" | Matrix;
  initSize: number | null;
  maxNoImprovement: number | null;
};

function resolveOptions(data: Matrix, options: MiniBatchKMeansOptions): ResolvedOptions {
  const {
    k,
    init = "k-means++",
    batchSize = 1024,
    maxIter = 100,
    nInit = 3,
    initSize = null,
    maxNoImprovement = 10,
    tol = 0,
    reassignmentRatio = 0.01,
    seed = 0,
  } = options;
  const positiveInteger = (value: number, name: string) => {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  };
  if (data.rows < 1 || data.cols < 1) {
    throw new RangeError(`data must have rows and columns, got ${data.rows}×${data.cols}`);
  }
  if (!Number.isInteger(k) || k < 1 || k > data.rows) {
    throw new RangeError(`k must be an integer from 1 to the ${data.rows} rows, got ${k}`);
  }
  positiveInteger(batchSize, "batchSize");
  positiveInteger(maxIter, "maxIter");
  positiveInteger(nInit, "nInit");
  if (initSize !== null) {
    positiveInteger(initSize, "initSize");
    if (initSize < k) throw new RangeError(`initSize must be at least k = ${k}, got ${initSize}`);
  }
  if (maxNoImprovement !== null && (!Number.isInteger(maxNoImprovement) || maxNoImprovement < 0)) {
    throw new RangeError(`maxNoImprovement must be a non-negative integer or null, got ${maxNoImprovement}`);
  }
  if (!Number.isFinite(tol) || tol < 0) throw new RangeError(`tol must be a finite number ≥ 0, got ${tol}`);
  if (!Number.isFinite(reassignmentRatio) || reassignmentRatio < 0) {
    throw new RangeError(`reassignmentRatio must be a finite number ≥ 0, got ${reassignmentRatio}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  checkFinite(data, "data");
  if (init !== "k-means++") {
    if (typeof init !== "object" || init.rows !== k || init.cols !== data.cols) {
      const shape = typeof init === "object" ? `${init.rows}×${init.cols}` : String(init);
      throw new RangeError(`init must be "k-means++" or a ${k}×${data.cols} matrix of centres, got ${shape}`);
    }
    checkFinite(init, "init");
  }
  return {
    k,
    init,
    batchSize,
    maxIter,
    nInit,
    initSize,
    maxNoImprovement,
    tol,
    reassignmentRatio,
    seed,
  };
}

/** `count` row indices drawn uniformly with replacement (numpy's randint(0, n, count)). */
function randomRows(random: Random, n: number, count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let t = 0; t < count; t++) rows[t] = random.int(n);
  return rows;
}

/**
 * The reassignment of sklearn's `_mini_batch_step`: centres with count < ratio × the largest count
 * (at most half a batch of them, the lowest counts first) move onto distinct random points of the
 * batch; their counts become the smallest count among the centres that were kept.
 */
function reassignLowCounts(
  x: Float64Array,
  d: number,
  k: number,
  batch: Int32Array,
  counts: Float64Array,
  centers: Float64Array,
  ratio: number,
  random: Random,
  order: Int32Array,
  picks: Int32Array,
  toReassign: Uint8Array,
): void {
  let max = 0;
  for (let j = 0; j < k; j++) if (counts[j]! > max) max = counts[j]!;
  let nReassign = 0;
  for (let j = 0; j < k; j++) {
    toReassign[j] = counts[j]! < ratio * max ? 1 : 0;
    nReassign += toReassign[j]!;
  }
  if (nReassign === 0) return;
  const batchSize = batch.length;
  const limit = Math.floor(0.5 * batchSize);
  if (nReassign > 0.5 * batchSize) {
    for (let j = 0; j < k; j++) order[j] = j;
    order.sort((a, b) => counts[a]! - counts[b]! || a - b);
    for (let r = limit; r < k; r++) toReassign[order[r]!] = 0;
    nReassign = limit;
  }
  // Distinct batch positions (numpy's choice without replacement): a partial Fisher–Yates shuffle.
  for (let t = 0; t < batchSize; t++) picks[t] = t;
  for (let t = 0; t < nReassign; t++) {
    const u = t + random.int(batchSize - t);
    const tmp = picks[t]!;
    picks[t] = picks[u]!;
    picks[u] = tmp;
  }
  let minKept = Infinity;
  for (let j = 0; j < k; j++) if (!toReassign[j] && counts[j]! < minKept) minKept = counts[j]!;
  let next = 0;
  for (let j = 0; j < k; j++) {
    if (!toReassign[j]) continue;
    const row = batch[picks[next++]!]! * d;
    centers.set(x.subarray(row, row + d), j * d);
    counts[j] = minKept;
  }
}
