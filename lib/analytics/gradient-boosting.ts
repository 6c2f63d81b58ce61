// Histogram gradient-boosted trees, modelled on scikit-learn's HistGradientBoostingClassifier
// (loss="log_loss", binary) and HistGradientBoostingRegressor (loss="squared_error"), version 1.2,
// after LightGBM (Ke et al., NeurIPS 2017):
//   - each feature is binned once: with ≤ maxBins distinct values the thresholds are the midpoints
//     between them, otherwise the numpy "midpoint" percentiles at k/maxBins (k = 1..maxBins−1) of a
//     seeded subsample of 200 000 rows (sklearn's _BinMapper); a value goes to the first bin whose
//     threshold is ≥ it, and a split "bin ≤ b" predicts as "x ≤ threshold[b]";
//   - the baseline is the weighted mean (regressor) or the log-odds of the weighted positive rate,
//     clipped to [10ε, 1 − 10ε] (classifier);
//   - each iteration fits one tree to the gradients g and hessians h of the loss (half squared error:
//     g = w·(raw − y), h = w; half binomial: g = w·(p − y), h = w·p(1 − p)), stored in float32 as in
//     sklearn, so the sums see the same rounding;
//   - trees grow leaf-wise: the splittable node of largest gain is split next until maxLeafNodes
//     leaves; gain = G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ), leaf value −G/(H + λ), times
//     the learning rate (sklearn's splitting.pyx, with its 1e-15 in the denominators);
//   - a child with < 2·minSamplesLeaf rows, or at maxDepth, is a leaf; a split must leave
//     minSamplesLeaf rows and a hessian sum ≥ 1e-3 on each side; the root's "gain" is measured
//     against a node value of 0, as sklearn does (it only matters when no split gains anything);
//   - histograms: the smaller child's is built from its rows, the larger child's is the parent's
//     minus it (the subtraction trick);
//   - optional early stopping on a seeded (stratified, for the classifier) validation fraction with
//     sklearn's rule: stop when none of the last nIterNoChange validation losses beats the one before
//     them by more than tol.
// Missing values and categorical features are not handled (inputs must be finite). sklearn's
// early_stopping="auto" turns itself on above 10 000 rows; here it is off unless asked for, so a
// model does not silently depend on a validation split.
import { balancedSampleWeights } from "./decision-tree";
import { assertFinite, type Matrix } from "./matrix";
import type { BinaryClassifier, BinaryLabels, Regressor } from "./model";
import { createRandom } from "./random";

export { balancedSampleWeights };

export type GradientBoostingOptions = {
  /** Shrinkage of each tree's leaf values. Default 0.1. */
  learningRate?: number;
  /** Boosting iterations (one tree each). Default 100. */
  maxIter?: number;
  /** Maximum leaves per tree, ≥ 2, or Infinity. Default 31. */
  maxLeafNodes?: number;
  /** Maximum depth per tree (root = 0), or Infinity. Default Infinity. */
  maxDepth?: number;
  /** Minimum rows per leaf. Default 20. */
  minSamplesLeaf?: number;
  /** L2 penalty λ on leaf values. Default 0. */
  l2Regularization?: number;
  /** Bins per feature, 2..255. Default 255. */
  maxBins?: number;
  /** Hold out validationFraction of the rows and stop when their loss stops improving. Default false. */
  earlyStopping?: boolean;
  /** Default 0.1. */
  validationFraction?: number;
  /** Default 10. */
  nIterNoChange?: number;
  /** Default 1e-7. */
  tol?: number;
  /** Seed of the validation split and of the binning subsample. Default 0. */
  seed?: number;
  /** Non-negative weight per row (e.g. balancedSampleWeights(y)). Default: all 1. */
  sampleWeight?: Float64Array;
};

/** One fitted tree; leaves have feature −1 and children −1. value is already multiplied by the learning rate. */
export type BoostedTree = {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly binThreshold: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  /** Loss reduction of each split (0 at leaves). */
  readonly gain: Float64Array;
  readonly nSamples: Int32Array;
};

export type GradientBoostingModel = {
  readonly nFeatures: number;
  readonly baseline: number;
  readonly trees: readonly BoostedTree[];
  /** Bin thresholds per feature. */
  readonly binThresholds: readonly Float64Array[];
  /** Total split gain per feature, normalised to sum to 1 (all zeros if no tree split). */
  readonly featureImportances: Float64Array;
  /** Weighted mean training loss after 0, 1, … nIter iterations (half squared error / log-loss). */
  readonly trainLoss: Float64Array;
  /** The same on the validation rows when early stopping is on, else empty. */
  readonly validationLoss: Float64Array;
  /** Baseline plus the sum of the trees, for each row. */
  readonly predictRaw: (x: Matrix) => Float64Array;
};

export type GradientBoostingClassifier = BinaryClassifier & GradientBoostingModel;
export type GradientBoostingRegressor = Regressor & GradientBoostingModel;

type Loss = "log_loss" | "squared_error";

type ResolvedOptions = Required<Omit<GradientBoostingOptions, "sampleWeight">>;

const MIN_HESSIAN_TO_SPLIT = 1e-3;
const BINNING_SUBSAMPLE = 200_000;

export function gradientBoostingClassifier(
  x: Matrix,
  y: BinaryLabels,
  options: GradientBoostingOptions = {},
): GradientBoostingClassifier {
  checkInput(x, y.length);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`labels must be 0 or 1, got ${y[i]} at row ${i}`);
  }
  const model = fitBoosting(x, Float64Array.from(y), "log_loss", options, y);
  return {
    ...model,
    predictProba: (data: Matrix) => model.predictRaw(data).map((r) => 1 / (1 + Math.exp(-r))),
  };
}

export function gradientBoostingRegressor(
  x: Matrix,
  y: Float64Array,
  options: GradientBoostingOptions = {},
): GradientBoostingRegressor {
  checkInput(x, y.length);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`targets must be finite, got ${y[i]} at row ${i}`);
  }
  const model = fitBoosting(x, y, "squared_error", options, null);
  return { ...model, predict: model.predictRaw };
}

function checkInput(x: Matrix, n: number): void {
  if (x.rows < 1 || x.cols < 1) throw new RangeError(`x must have rows and columns, got ${x.rows}×${x.cols}`);
  if (n !== x.rows) throw new RangeError(`x has ${x.rows} rows but y has ${n} values`);
  assertFinite(x, "x");
}

function resolveOptions(options: GradientBoostingOptions, n: number): ResolvedOptions {
  const o: ResolvedOptions = {
    learningRate: options.learningRate ?? 0.1,
    maxIter: options.maxIter ?? 100,
    maxLeafNodes: options.maxLeafNodes ?? 31,
    maxDepth: options.maxDepth ?? Infinity,
    minSamplesLeaf: options.minSamplesLeaf ?? 20,
    l2Regularization: options.l2Regularization ?? 0,
    maxBins: options.maxBins ?? 255,
    earlyStopping: options.earlyStopping ?? false,
    validationFraction: options.validationFraction ?? 0.1,
    nIterNoChange: options.nIterNoChange ?? 10,
    tol: options.tol ?? 1e-7,
    seed: options.seed ?? 0,
  };
  if (!Number.isFinite(o.learningRate) || o.learningRate <= 0) {
    throw new RangeError(`learningRate must be a finite number > 0, got ${o.learningRate}`);
  }
  if (!Number.isInteger(o.maxIter) || o.maxIter < 1)
    throw new RangeError(`maxIter must be a positive integer, got ${o.maxIter}`);
  if (!(o.maxLeafNodes === Infinity || (Number.isInteger(o.maxLeafNodes) && o.maxLeafNodes >= 2))) {
    throw new RangeError(`maxLeafNodes must be an integer ≥ 2 or Infinity, got ${o.maxLeafNodes}`);
  }
  if (!(o.maxDepth === Infinity || (Number.isInteger(o.maxDepth) && o.maxDepth >= 1))) {
    throw new RangeError(`maxDepth must be a positive integer or Infinity, got ${o.maxDepth}`);
  }
  if (!Number.isInteger(o.minSamplesLeaf) || o.minSamplesLeaf < 1) {
    throw new RangeError(`minSamplesLeaf must be a positive integer, got ${o.minSamplesLeaf}`);
  }
  if (!Number.isFinite(o.l2Regularization) || o.l2Regularization < 0) {
    throw new RangeError(`l2Regularization must be a finite number ≥ 0, got ${o.l2Regularization}`);
  }
  if (!Number.isInteger(o.maxBins) || o.maxBins < 2 || o.maxBins > 255) {
    throw new RangeError(`maxBins must be an integer from 2 to 255, got ${o.maxBins}`);
  }
  if (!(o.validationFraction > 0 && o.validationFraction < 1)) {
    throw new RangeError(`validationFraction must be in (0, 1), got ${o.validationFraction}`);
  }
  if (!Number.isInteger(o.nIterNoChange) || o.nIterNoChange < 1) {
    throw new RangeError(`nIterNoChange must be a positive integer, got ${o.nIterNoChange}`);
  }
  if (!Number.isFinite(o.tol)) throw new RangeError(`tol must be a finite number, got ${o.tol}`);
  if (!Number.isFinite(o.seed)) throw new RangeError(`seed must be a finite number, got ${o.seed}`);
  const w = options.sampleWeight;
  if (w !== undefined) {
    if (w.length !== n) throw new RangeError(`sampleWeight has ${w.length} values, expected ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(w[i]) || w[i]! < 0) {
        throw new RangeError(`sampleWeight must be finite and ≥ 0, got ${w[i]} at row ${i}`);
      }
    }
  }
  if (o.earlyStopping && Math.ceil(o.validationFraction * n) >= n) {
    throw new RangeError(`early stopping needs more rows than a validation fraction of ${n} rows leaves`);
  }
  return o;
}

/** sklearn's _find_binning_thresholds on one column (values need not be sorted). */
export function findBinThresholds(values: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
  if (distinct <= maxBins) {
    const t = new Float64Array(Math.max(distinct - 1, 0));
    for (let i = 0; i + 1 < distinct; i++) t[i] = (sorted[i]! + sorted[i + 1]!) * 0.5;
    return t;
  }
  // numpy.percentile(method="midpoint") at linspace(0, 100, maxBins + 1)[1:-1], replicating numpy's
  // arithmetic: virtual index ½(⌊(n−1)q⌋ + ⌈(n−1)q⌉), lerp b − (b − a)·½ between neighbours.
  const all = Float64Array.from(values).sort();
  const n = all.length;
  const t = new Float64Array(maxBins - 1);
  const step = 100 / maxBins;
  for (let k = 1; k < maxBins; k++) {
    const q = (k * step) / 100;
    const vi = (n - 1) * q;
    const lo = Math.floor(vi);
    if (Math.floor(vi) === Math.ceil(vi)) {
      t[k - 1] = all[lo]!;
    } else {
      const a = all[lo]!;
      const b = all[Math.min(lo + 1, n - 1)]!;
      t[k - 1] = b - (b - a) * 0.5;
    }
  }
  return t;
}

/** Index of the first threshold ≥ v (the number of thresholds < v). */
function binOf(thresholds: Float64Array, v: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= thresholds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

type Node = {
  start: number;
  stop: number;
  depth: number;
  sumG: number;
  sumH: number;
  value: number;
  hist: Float64Array | null;
  split: SplitInfo | null;
  id: number;
};

type SplitInfo = {
  gain: number;
  trueGain: number;
  feature: number;
  bin: number;
  nLeft: number;
  sumGLeft: number;
  sumHLeft: number;
  sumGRight: number;
  sumHRight: number;
  valueLeft: number;
  valueRight: number;
};

function nodeValue(g: number, h: number, l2: number): number {
  return -g / (h + l2 + 1e-15);
}

function fitBoosting(
  xAll: Matrix,
  yAll: Float64Array,
  loss: Loss,
  options: GradientBoostingOptions,
  labels: BinaryLabels | null,
): GradientBoostingModel {
  const o = resolveOptions(options, xAll.rows);
  const d = xAll.cols;
  const wAll = options.sampleWeight ?? null;

  // Training / validation rows.
  let trainRows: Int32Array;
  let validRows: Int32Array = new Int32Array(0);
  if (o.earlyStopping) {
    [trainRows, validRows] = splitValidation(xAll.rows, labels, o.validationFraction, o.seed);
  } else {
    trainRows = Int32Array.from({ length: xAll.rows }, (_, i) => i);
  }
  const n = trainRows.length;
  const y = new Float64Array(n);
  const w = wAll === null ? null : new Float64Array(n);
  for (let k = 0; k < n; k++) {
    y[k] = yAll[trainRows[k]!]!;
    if (w !== null) w[k] = wAll![trainRows[k]!]!;
  }
  let totalWeight = n;
  if (w !== null) {
    totalWeight = 0;
    for (let k = 0; k < n; k++) totalWeight += w[k]!;
    if (!(totalWeight > 0)) throw new RangeError("sampleWeight must have a positive sum on the training rows");
  }

  // Bin thresholds from (a seeded subsample of) the training rows, then the binned matrix, row-major.
  const random = createRandom(o.seed + 1);
  let binRows: Int32Array = trainRows;
  if (n > BINNING_SUBSAMPLE) {
    const pick = Int32Array.from(trainRows);
    for (let i = 0; i < BINNING_SUBSAMPLE; i++) {
      const j = i + random.int(n - i);
      const t = pick[i]!;
      pick[i] = pick[j]!;
      pick[j] = t;
    }
    binRows = pick.subarray(0, BINNING_SUBSAMPLE);
  }
  const binThresholds: Float64Array[] = [];
  const nBins = new Int32Array(d);
  const column = new Float64Array(binRows.length);
  for (let f = 0; f < d; f++) {
    for (let k = 0; k < binRows.length; k++) column[k] = xAll.data[binRows[k]! * d + f]!;
    const t = findBinThresholds(column, o.maxBins);
    binThresholds.push(t);
    nBins[f] = t.length + 1;
  }
  const binned = binRowsOf(xAll, trainRows, binThresholds);
  const validBinned = binRowsOf(xAll, validRows, binThresholds);
  const yValid = Float64Array.from(validRows, (r) => yAll[r]!);
  const wValid = wAll === null ? null : Float64Array.from(validRows, (r) => wAll[r]!);

  // Baseline.
  let mean = 0;
  for (let k = 0; k < n; k++) mean += (w === null ? 1 : w[k]!) * y[k]!;
  mean /= totalWeight;
  let baseline = mean;
  if (loss === "log_loss") {
    const eps = 10 * Number.EPSILON;
    const p = Math.min(Math.max(mean, eps), 1 - eps);
    baseline = Math.log(p / (1 - p));
  }

  const raw = new Float64Array(n).fill(baseline);
  const rawValid = new Float64Array(validRows.length).fill(baseline);
  const gradients = new Float32Array(n);
  const constantHessian = loss === "squared_error" && w === null;
  const hessians = new Float32Array(constantHessian ? 1 : n);
  if (constantHessian) hessians[0] = 1;
  const partition = new Int32Array(n);
  const buffer = new Int32Array(n);
  const histSize = d * 256 * 3;
  const histPool: Float64Array[] = [];
  const takeHist = () => histPool.pop()?.fill(0) ?? new Float64Array(histSize);

  const trees: BoostedTree[] = [];
  // The leaves and splittable nodes of the tree being grown.
  let leaves: Node[] = [];
  let splittable: Node[] = [];
  const importances = new Float64Array(d);
  const trainLoss: number[] = [meanLoss(loss, y, raw, w)];
  const validationLoss: number[] = o.earlyStopping ? [meanLoss(loss, yValid, rawValid, wValid)] : [];

  for (let iter = 0; iter < o.maxIter; iter++) {
    computeGradients(loss, y, raw, w, gradients, hessians, constantHessian);
    const tree = growTree();
    trees.push(tree);
    if (o.earlyStopping) {
      for (let k = 0; k < validRows.length; k++) rawValid[k]! += predictBinnedRow(tree, validBinned, k * d);
      validationLoss.push(meanLoss(loss, yValid, rawValid, wValid));
    }
    trainLoss.push(meanLoss(loss, y, raw, w));
    if (o.earlyStopping && shouldStop(validationLoss, o.nIterNoChange, o.tol)) break;
  }

  let totalGain = 0;
  for (let f = 0; f < d; f++) totalGain += importances[f]!;
  if (totalGain > 0) for (let f = 0; f < d; f++) importances[f]! /= totalGain;

  const predictRaw = (x: Matrix): Float64Array => {
    if (x.cols !== d)
      throw new RangeError(`the model was fitted on ${d} features, got a matrix with ${x.cols} columns`);
    assertFinite(x, "x");
    const out = new Float64Array(x.rows).fill(baseline);
    for (const tree of trees) {
      for (let i = 0; i < x.rows; i++) {
        let node = 0;
        while (tree.left[node]! >= 0) {
          node = x.data[i * d + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
        }
        out[i]! += tree.value[node]!;
      }
    }
    return out;
  };

  return {
    nFeatures: d,
    baseline,
    trees,
    binThresholds,
    featureImportances: importances,
    trainLoss: Float64Array.from(trainLoss),
    validationLoss: Float64Array.from(validationLoss),
    predictRaw,
  };

  /** sklearn's TreeGrower: leaf-wise growth, histograms with the subtraction trick. */
  function growTree(): BoostedTree {
    for (let k = 0; k < n; k++) partition[k] = k;
    const nodes: Node[] = [];
    leaves = [];
    splittable = [];
    const children: [number, number][] = [];
    const newNode = (start: number, stop: number, depth: number, sumG: number, sumH: number, value: number): Node => {
      const node: Node = { start, stop, depth, sumG, sumH, value, hist: null, split: null, id: nodes.length };
      nodes.push(node);
      children.push([-1, -1]);
      return node;
    };
    let sumG = 0;
    let sumH = 0;
    for (let k = 0; k < n; k++) sumG += gradients[k]!;
    if (constantHessian) sumH = n;
    else for (let k = 0; k < n; k++) sumH += hessians[k]!;
    const root = newNode(0, n, 0, sumG, sumH, 0);
    if (n < 2 * o.minSamplesLeaf || sumH < MIN_HESSIAN_TO_SPLIT) {
      leaves.push(root);
    } else {
      root.hist = takeHist();
      buildHistogram(root.hist, root.start, root.stop);
      findSplitAndPush(root);
    }

    while (splittable.length > 0) {
      let bestIndex = 0;
      for (let i = 1; i < splittable.length; i++) {
        if (splittable[i]!.split!.gain > splittable[bestIndex]!.split!.gain) bestIndex = i;
      }
      const node = splittable.splice(bestIndex, 1)[0]!;
      const split = node.split!;
      importances[split.feature]! += split.trueGain;
      // Stable partition of the node's rows: bin ≤ split.bin to the left.
      let l = node.start;
      let r = 0;
      for (let k = node.start; k < node.stop; k++) {
        const i = partition[k]!;
        if (binned[i * d + split.feature]! <= split.bin) partition[l++] = i;
        else buffer[r++] = i;
      }
      partition.set(buffer.subarray(0, r), l);
      const depth = node.depth + 1;
      const nLeaves = leaves.length + splittable.length + 2;
      const left = newNode(node.start, l, depth, split.sumGLeft, split.sumHLeft, split.valueLeft);
      const right = newNode(l, node.stop, depth, split.sumGRight, split.sumHRight, split.valueRight);
      children[node.id] = [left.id, right.id];
      if (nLeaves >= o.maxLeafNodes) {
        leaves.push(left, right, ...splittable);
        splittable.length = 0;
        releaseHist(node);
        continue;
      }
      if (depth >= o.maxDepth) {
        leaves.push(left, right);
        releaseHist(node);
        continue;
      }
      const splitLeft = left.stop - left.start >= 2 * o.minSamplesLeaf;
      const splitRight = right.stop - right.start >= 2 * o.minSamplesLeaf;
      if (!splitLeft) leaves.push(left);
      if (!splitRight) leaves.push(right);
      if (splitLeft || splitRight) {
        const [small, large] = left.stop - left.start < right.stop - right.start ? [left, right] : [right, left];
        small.hist = takeHist();
        buildHistogram(small.hist, small.start, small.stop);
        large.hist = node.hist!;
        node.hist = null;
        const lh = large.hist;
        const sh = small.hist;
        for (let k = 0; k < histSize; k++) lh[k]! -= sh[k]!;
        if (splitLeft) findSplitAndPush(left);
        if (splitRight) findSplitAndPush(right);
      }
      releaseHist(node);
      if (!splitLeft) releaseHist(left);
      if (!splitRight) releaseHist(right);
    }
    for (const node of splittable) leaves.push(node);
    for (const node of nodes) if (node.hist !== null) releaseHist(node);

    // Leaf values times the learning rate, added to the training raw predictions via the partition.
    const m = nodes.length;
    const tree = {
      feature: new Int32Array(m).fill(-1),
      threshold: new Float64Array(m).fill(NaN),
      binThreshold: new Uint8Array(m),
      left: new Int32Array(m).fill(-1),
      right: new Int32Array(m).fill(-1),
      value: new Float64Array(m),
      gain: new Float64Array(m),
      nSamples: new Int32Array(m),
    };
    for (const node of nodes) {
      tree.nSamples[node.id] = node.stop - node.start;
      const [l, r] = children[node.id]!;
      if (l >= 0) {
        const s = node.split!;
        tree.feature[node.id] = s.feature;
        tree.binThreshold[node.id] = s.bin;
        tree.threshold[node.id] = binThresholds[s.feature]![s.bin]!;
        tree.left[node.id] = l;
        tree.right[node.id] = r;
        tree.gain[node.id] = s.trueGain;
      } else {
        const v = o.learningRate * node.value;
        tree.value[node.id] = v;
        for (let k = node.start; k < node.stop; k++) raw[partition[k]!]! += v;
      }
    }
    return tree;
  }

  function releaseHist(node: Node): void {
    if (node.hist !== null) {
      histPool.push(node.hist);
      node.hist = null;
    }
  }

  function buildHistogram(hist: Float64Array, start: number, stop: number): void {
    if (constantHessian) {
      for (let k = start; k < stop; k++) {
        const i = partition[k]!;
        const g = gradients[i]!;
        const base = i * d;
        for (let f = 0; f < d; f++) {
          const idx = (f * 256 + binned[base + f]!) * 3;
          hist[idx]! += g;
          hist[idx + 2]! += 1;
        }
      }
    } else {
      for (let k = start; k < stop; k++) {
        const i = partition[k]!;
        const g = gradients[i]!;
        const h = hessians[i]!;
        const base = i * d;
        for (let f = 0; f < d; f++) {
          const idx = (f * 256 + binned[base + f]!) * 3;
          hist[idx]! += g;
          hist[idx + 1]! += h;
          hist[idx + 2]! += 1;
        }
      }
    }
  }

  /** sklearn's find_node_split (left-to-right scan, no missing values), then push or finalise. */
  function findSplitAndPush(node: Node): void {
    const hist = node.hist!;
    const l2 = o.l2Regularization;
    const count = node.stop - node.start;
    const lossCurrent = node.sumG * node.value;
    let best: SplitInfo | null = null;
    for (let f = 0; f < d; f++) {
      let gL = 0;
      let hL = 0;
      let nL = 0;
      let bestGain = -1;
      let bestBin = -1;
      let bestGL = 0;
      let bestHL = 0;
      let bestNL = 0;
      const end = nBins[f]! - 1;
      for (let b = 0; b < end; b++) {
        const idx = (f * 256 + b) * 3;
        const c = hist[idx + 2]!;
        nL += c;
        hL += constantHessian ? c : hist[idx + 1]!;
        gL += hist[idx]!;
        const nR = count - nL;
        const hR = node.sumH - hL;
        const gR = node.sumG - gL;
        if (nL < o.minSamplesLeaf) continue;
        if (nR < o.minSamplesLeaf) break;
        if (hL < MIN_HESSIAN_TO_SPLIT) continue;
        if (hR < MIN_HESSIAN_TO_SPLIT) break;
        const gain = lossCurrent - gL * nodeValue(gL, hL, l2) - gR * nodeValue(gR, hR, l2);
        if (gain > bestGain && gain > 0) {
          bestGain = gain;
          bestBin = b;
          bestGL = gL;
          bestHL = hL;
          bestNL = nL;
        }
      }
      if (bestBin >= 0 && (best === null || bestGain > best.gain)) {
        const gR = node.sumG - bestGL;
        const hR = node.sumH - bestHL;
        best = {
          gain: bestGain,
          trueGain:
            (bestGL * bestGL) / (bestHL + l2) + (gR * gR) / (hR + l2) - (node.sumG * node.sumG) / (node.sumH + l2),
          feature: f,
          bin: bestBin,
          nLeft: bestNL,
          sumGLeft: bestGL,
          sumHLeft: bestHL,
          sumGRight: gR,
          sumHRight: hR,
          valueLeft: nodeValue(bestGL, bestHL, l2),
          valueRight: nodeValue(gR, hR, l2),
        };
      }
    }
    node.split = best;
    if (best === null) leaves.push(node);
    else splittable.push(node);
  }
}

/** A seeded split into training and validation rows (stratified by label for the classifier). */
function splitValidation(
  n: number,
  labels: BinaryLabels | null,
  fraction: number,
  seed: number,
): [Int32Array, Int32Array] {
  const random = createRandom(seed);
  const groups: number[][] = labels === null ? [[]] : [[], []];
  for (let i = 0; i < n; i++) groups[labels === null ? 0 : labels[i]!]!.push(i);
  const train: number[] = [];
  const valid: number[] = [];
  for (const g of groups) {
    for (let i = g.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const t = g[i]!;
      g[i] = g[j]!;
      g[j] = t;
    }
    const k = Math.ceil(fraction * g.length);
    valid.push(...g.slice(0, k));
    train.push(...g.slice(k));
  }
  return [Int32Array.from(train).sort(), Int32Array.from(valid).sort()];
}

/** The rows of x at the given indices, binned (row-major, one byte per value). */
function binRowsOf(x: Matrix, rows: Int32Array, thresholds: readonly Float64Array[]): Uint8Array {
  const d = x.cols;
  const out = new Uint8Array(rows.length * d);
  for (let f = 0; f < d; f++) {
    const t = thresholds[f]!;
    for (let k = 0; k < rows.length; k++) out[k * d + f] = binOf(t, x.data[rows[k]! * d + f]!);
  }
  return out;
}

function predictBinnedRow(tree: BoostedTree, binned: Uint8Array, base: number): number {
  let node = 0;
  while (tree.left[node]! >= 0) {
    node = binned[base + tree.feature[node]!]! <= tree.binThreshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}

/**
 * Gradients and hessians of the half squared error or the half binomial loss at raw, times the
 * weights; the binomial branch is sklearn's (_loss.pyx), stable for large |raw|.
 */
function computeGradients(
  loss: Loss,
  y: Float64Array,
  raw: Float64Array,
  w: Float64Array | null,
  g: Float32Array,
  h: Float32Array,
  constantHessian: boolean,
): void {
  const n = y.length;
  switch (loss) {
    case "squared_error":
      for (let i = 0; i < n; i++) {
        const wi = w === null ? 1 : w[i]!;
        g[i] = wi * (raw[i]! - y[i]!);
        if (!constantHessian) h[i] = wi;
      }
      return;
    case "log_loss":
      for (let i = 0; i < n; i++) {
        const r = raw[i]!;
        const yi = y[i]!;
        let grad: number;
        let e: number;
        if (r > 0) {
          e = Math.exp(-r);
          grad = (1 - yi * (1 + e)) / (1 + e);
        } else {
          e = Math.exp(r);
          grad = (e - yi * (1 + e)) / (1 + e);
        }
        const hess = e / ((1 + e) * (1 + e));
        const wi = w === null ? 1 : w[i]!;
        g[i] = wi * grad;
        h[i] = wi * hess;
      }
      return;
    default: {
      const never: never = loss;
      throw new RangeError(`unknown loss ${String(never)}`);
    }
  }
}

/** Weighted mean loss: ½(y − raw)² or log(1 + e^raw) − y·raw. */
function meanLoss(loss: Loss, y: Float64Array, raw: Float64Array, w: Float64Array | null): number {
  let total = 0;
  let weight = 0;
  for (let i = 0; i < y.length; i++) {
    const r = raw[i]!;
    const l =
      loss === "squared_error"
        ? 0.5 * (y[i]! - r) * (y[i]! - r)
        : (r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r))) - y[i]! * r;
    const wi = w === null ? 1 : w[i]!;
    total += wi * l;
    weight += wi;
  }
  return weight > 0 ? total / weight : 0;
}

/** sklearn's _should_stop on losses (lower is better): no recent loss beats the reference by tol. */
function shouldStop(losses: readonly number[], nIterNoChange: number, tol: number): boolean {
  const reference = nIterNoChange + 1;
  if (losses.length < reference) return false;
  const referenceLoss = losses[losses.length - reference]! - tol;
  for (let k = losses.length - reference + 1; k < losses.length; k++) if (losses[k]! < referenceLoss) return false;
  return true;
}
