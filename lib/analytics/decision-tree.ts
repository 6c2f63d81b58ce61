// CART decision trees with scikit-learn's semantics (sklearn.tree.DecisionTreeClassifier with
// criterion="gini" and DecisionTreeRegressor with criterion="squared_error", version 1.2), so that a
// churn or spend tree computed here can be checked node by node against the reference:
//   - depth-first growth, nodes numbered in pre-order with the left child first (sklearn's
//     DepthFirstTreeBuilder), a row goes left when x[feature] ≤ threshold;
//   - every feature is searched at every node (max_features=None); the best split is the one with
//     the highest "proxy" improvement (sklearn's proxy_impurity_improvement), the first feature
//     winning exact ties (sklearn visits features in a seeded random order, so exact ties between
//     features are the one place where the two can differ);
//   - candidate positions lie between consecutive values that differ by more than 1e-7
//     (FEATURE_THRESHOLD), the threshold is their midpoint a/2 + b/2 (or a when rounding puts the
//     midpoint on b);
//   - a node is a leaf when depth = maxDepth, n < minSamplesSplit, n < 2·minSamplesLeaf, its
//     impurity ≤ machine epsilon, no split leaves minSamplesLeaf rows on both sides, or the weighted
//     impurity decrease + epsilon < minImpurityDecrease; minSamplesSplit is raised to
//     2·minSamplesLeaf as sklearn does;
//   - rows of weight 0 are left out of the tree (they count in no node), as in sklearn's splitter.
// One difference: sklearn converts X to float32 before fitting, this module works on the float64
// values. On data that float32 represents exactly (the reference fixtures) the trees are identical.
//
// Speed: each feature is sorted once; a node owns the same range [start, end) of every feature's
// sorted index array, and a split partitions those ranges stably, so a tree of depth D costs
// O(D · n · features) after the sort (100k × 25 at depth 8: about 0.3 s).
import { assertFinite, type Matrix } from "./matrix";
import type { BinaryClassifier, BinaryLabels, Regressor } from "./model";

export type DecisionTreeOptions = {
  /** Maximum depth (root = depth 0). Default Infinity (grow until the other limits stop it). */
  maxDepth?: number;
  /** A node needs at least this many rows to be split. Default 2. */
  minSamplesSplit?: number;
  /** Each child needs at least this many rows. Default 1. */
  minSamplesLeaf?: number;
  /** A split must lower the weighted impurity (sklearn's definition, a fraction of the root weight) by this much. Default 0. */
  minImpurityDecrease?: number;
  /** Non-negative weight per row (e.g. balancedSampleWeights(y)). Default: all 1. */
  sampleWeight?: Float64Array;
};

/**
 * A fitted tree as flat arrays over node ids (0 = root, pre-order). Leaves have feature −1,
 * threshold NaN and children −1. value is the leaf prediction: the weighted fraction of positives
 * (classifier) or the weighted mean (regressor), for internal nodes too.
 */
export type DecisionTree = {
  readonly nFeatures: number;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly impurity: Float64Array;
  readonly nSamples: Int32Array;
  readonly weightedNSamples: Float64Array;
};

/** One decision on the way from the root to a row's leaf. */
export type TreePathStep = { readonly feature: number; readonly threshold: number; readonly goesLeft: boolean };

export type FittedDecisionTree = {
  readonly tree: DecisionTree;
  /** Impurity decrease per feature, weighted by node weight, normalised to sum to 1 (sklearn's feature_importances_). */
  readonly featureImportances: Float64Array;
  /** The decisions taken for one row (a vector of nFeatures values), root first. */
  readonly explain: (row: ArrayLike<number>) => TreePathStep[];
};

export type DecisionTreeClassifier = BinaryClassifier & FittedDecisionTree;
export type DecisionTreeRegressor = Regressor & FittedDecisionTree;

type Criterion = "gini" | "squared_error";

type ResolvedOptions = {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
};

// sklearn's constants: _splitter.pyx FEATURE_THRESHOLD and _tree.pyx EPSILON.
const FEATURE_THRESHOLD = 1e-7;
const EPSILON = Number.EPSILON;

export function decisionTreeClassifier(
  x: Matrix,
  y: BinaryLabels,
  options: DecisionTreeOptions = {},
): DecisionTreeClassifier {
  checkInput(x, y.length);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`labels must be 0 or 1, got ${y[i]} at row ${i}`);
  }
  const fitted = fitTree(x, Float64Array.from(y), "gini", options);
  return { ...fitted, predictProba: (data: Matrix) => predictTree(fitted.tree, data) };
}

export function decisionTreeRegressor(
  x: Matrix,
  y: Float64Array,
  options: DecisionTreeOptions = {},
): DecisionTreeRegressor {
  checkInput(x, y.length);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`targets must be finite, got ${y[i]} at row ${i}`);
  }
  const fitted = fitTree(x, y, "squared_error", options);
  return { ...fitted, predict: (data: Matrix) => predictTree(fitted.tree, data) };
}

/**
 * sklearn's class_weight="balanced" as sample weights: n / (classes present · count of the row's
 * class), so that each class carries the same total weight.
 */
export function balancedSampleWeights(y: BinaryLabels): Float64Array {
  if (y.length === 0) throw new RangeError("balanced weights need at least one label");
  const counts = [0, 0];
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (c !== 0 && c !== 1) throw new RangeError(`labels must be 0 or 1, got ${c} at row ${i}`);
    counts[c]!++;
  }
  const present = (counts[0]! > 0 ? 1 : 0) + (counts[1]! > 0 ? 1 : 0);
  const w = [y.length / (present * counts[0]!), y.length / (present * counts[1]!)];
  return Float64Array.from(y, (c) => w[c]!);
}

/** The tree's value (P(y = 1) or the mean) for each row of x. */
export function predictTree(tree: DecisionTree, x: Matrix): Float64Array {
  if (x.cols !== tree.nFeatures) {
    throw new RangeError(`the tree was fitted on ${tree.nFeatures} features, got a matrix with ${x.cols} columns`);
  }
  assertFinite(x, "x");
  const out = new Float64Array(x.rows);
  const d = x.cols;
  for (let i = 0; i < x.rows; i++) {
    let node = 0;
    while (tree.left[node]! >= 0) {
      node = x.data[i * d + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
    }
    out[i] = tree.value[node]!;
  }
  return out;
}

/** The path of one row from the root to its leaf: which feature was compared with which threshold. */
export function decisionPath(tree: DecisionTree, row: ArrayLike<number>): TreePathStep[] {
  if (row.length !== tree.nFeatures) {
    throw new RangeError(`the tree was fitted on ${tree.nFeatures} features, got a row of ${row.length} values`);
  }
  const steps: TreePathStep[] = [];
  let node = 0;
  while (tree.left[node]! >= 0) {
    const feature = tree.feature[node]!;
    const threshold = tree.threshold[node]!;
    const v = row[feature]!;
    if (!Number.isFinite(v)) throw new RangeError(`row has a non-finite value at column ${feature}`);
    const goesLeft = v <= threshold;
    steps.push({ feature, threshold, goesLeft });
    node = goesLeft ? tree.left[node]! : tree.right[node]!;
  }
  return steps;
}

function checkInput(x: Matrix, n: number): void {
  if (x.rows < 1 || x.cols < 1) throw new RangeError(`x must have rows and columns, got ${x.rows}×${x.cols}`);
  if (n !== x.rows) throw new RangeError(`x has ${x.rows} rows but y has ${n} values`);
  assertFinite(x, "x");
}

function resolveOptions(options: DecisionTreeOptions, n: number): ResolvedOptions {
  const { maxDepth = Infinity, minSamplesSplit = 2, minSamplesLeaf = 1, minImpurityDecrease = 0 } = options;
  if (!(maxDepth === Infinity || (Number.isInteger(maxDepth) && maxDepth >= 1))) {
    throw new RangeError(`maxDepth must be a positive integer or Infinity, got ${maxDepth}`);
  }
  if (!Number.isInteger(minSamplesSplit) || minSamplesSplit < 2) {
    throw new RangeError(`minSamplesSplit must be an integer ≥ 2, got ${minSamplesSplit}`);
  }
  if (!Number.isInteger(minSamplesLeaf) || minSamplesLeaf < 1) {
    throw new RangeError(`minSamplesLeaf must be a positive integer, got ${minSamplesLeaf}`);
  }
  if (!Number.isFinite(minImpurityDecrease) || minImpurityDecrease < 0) {
    throw new RangeError(`minImpurityDecrease must be a finite number ≥ 0, got ${minImpurityDecrease}`);
  }
  const w = options.sampleWeight;
  if (w !== undefined) {
    if (w.length !== n) throw new RangeError(`sampleWeight has ${w.length} values, expected ${n}`);
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(w[i]) || w[i]! < 0) {
        throw new RangeError(`sampleWeight must be finite and ≥ 0, got ${w[i]} at row ${i}`);
      }
      total += w[i]!;
    }
    if (!(total > 0)) throw new RangeError("sampleWeight must have a positive sum");
  }
  return {
    maxDepth,
    minSamplesSplit: Math.max(minSamplesSplit, 2 * minSamplesLeaf),
    minSamplesLeaf,
    minImpurityDecrease,
  };
}

/** Weighted node statistics: w = Σw, a = Σw·[y = 0] (gini) or Σw·y, b = Σw·[y = 1] (gini) or Σw·y². */
function impurityOf(criterion: Criterion, w: number, a: number, b: number): number {
  switch (criterion) {
    case "gini":
      return 1 - (a * a + b * b) / (w * w);
    case "squared_error": {
      const mean = a / w;
      return b / w - mean * mean;
    }
    default: {
      const never: never = criterion;
      throw new RangeError(`unknown criterion ${String(never)}`);
    }
  }
}

type Split = { feature: number; pos: number; threshold: number; proxy: number };

function fitTree(x: Matrix, y: Float64Array, criterion: Criterion, options: DecisionTreeOptions): FittedDecisionTree {
  const o = resolveOptions(options, x.rows);
  const d = x.cols;
  const weight = options.sampleWeight;
  const gini = criterion === "gini";

  // Rows of positive weight, then one sorted copy of their indices per feature.
  const rows: number[] = [];
  for (let i = 0; i < x.rows; i++) if (weight === undefined || weight[i]! > 0) rows.push(i);
  const n = rows.length;
  const columns = new Float64Array(d * x.rows);
  for (let i = 0; i < x.rows; i++) for (let f = 0; f < d; f++) columns[f * x.rows + i] = x.data[i * d + f]!;
  const order = new Int32Array(d * n);
  for (let f = 0; f < d; f++) {
    const col = columns.subarray(f * x.rows, (f + 1) * x.rows);
    const sorted = Int32Array.from(rows).sort((p, q) => col[p]! - col[q]!);
    order.set(sorted, f * n);
  }
  const w = weight ?? new Float64Array(x.rows).fill(1);
  // Statistic a and b per row (see impurityOf), so that both criteria share one scan.
  const sa = new Float64Array(x.rows);
  const sb = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    if (gini) {
      sa[i] = y[i] === 0 ? w[i]! : 0;
      sb[i] = y[i] === 1 ? w[i]! : 0;
    } else {
      sa[i] = w[i]! * y[i]!;
      sb[i] = w[i]! * y[i]! * y[i]!;
    }
  }

  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const impurity: number[] = [];
  const nSamples: number[] = [];
  const weightedNSamples: number[] = [];
  const goesLeft = new Uint8Array(x.rows);
  const buffer = new Int32Array(n);

  type Frame = { start: number; end: number; depth: number; parent: number; isLeft: boolean };
  const stack: Frame[] = [{ start: 0, end: n, depth: 0, parent: -1, isLeft: false }];
  while (stack.length > 0) {
    const { start, end, depth, parent, isLeft } = stack.pop()!;
    const id = feature.length;
    if (parent >= 0) (isLeft ? left : right)[parent] = id;

    let wn = 0;
    let an = 0;
    let bn = 0;
    for (let k = start; k < end; k++) {
      const i = order[k]!;
      wn += w[i]!;
      an += sa[i]!;
      bn += sb[i]!;
    }
    const nodeImpurity = impurityOf(criterion, wn, an, bn);
    feature.push(-1);
    threshold.push(NaN);
    left.push(-1);
    right.push(-1);
    value.push(gini ? bn / wn : an / wn);
    impurity.push(nodeImpurity);
    nSamples.push(end - start);
    weightedNSamples.push(wn);

    const m = end - start;
    if (depth >= o.maxDepth || m < o.minSamplesSplit || m < 2 * o.minSamplesLeaf || nodeImpurity <= EPSILON) continue;

    const best = findBestSplit(start, end, wn, an, bn);
    if (best === null) continue;
    // sklearn's impurity_improvement, as a fraction of the total (root) weight.
    let wl = 0;
    let al = 0;
    let bl = 0;
    const base = best.feature * n;
    for (let k = start; k < best.pos; k++) {
      const i = order[base + k]!;
      wl += w[i]!;
      al += sa[i]!;
      bl += sb[i]!;
    }
    const wr = wn - wl;
    const improvement =
      (wn / weightedNSamples[0]!) *
      (nodeImpurity -
        (wr / wn) * impurityOf(criterion, wr, an - al, bn - bl) -
        (wl / wn) * impurityOf(criterion, wl, al, bl));
    if (improvement + EPSILON < o.minImpurityDecrease) continue;

    feature[id] = best.feature;
    threshold[id] = best.threshold;
    for (let k = start; k < end; k++) goesLeft[order[base + k]!] = k < best.pos ? 1 : 0;
    for (let f = 0; f < d; f++) partition(order, f * n + start, f * n + end, goesLeft, buffer);
    stack.push({ start: best.pos, end, depth: depth + 1, parent: id, isLeft: false });
    stack.push({ start, end: best.pos, depth: depth + 1, parent: id, isLeft: true });
  }

  function findBestSplit(start: number, end: number, wn: number, an: number, bn: number): Split | null {
    let best: Split | null = null;
    for (let f = 0; f < d; f++) {
      const base = f * n;
      const col = columns.subarray(f * x.rows, (f + 1) * x.rows);
      let wl = 0;
      let al = 0;
      let bl = 0;
      for (let p = start + 1; p < end; p++) {
        const prev = order[base + p - 1]!;
        wl += w[prev]!;
        al += sa[prev]!;
        bl += sb[prev]!;
        const xPrev = col[prev]!;
        const xNext = col[order[base + p]!]!;
        if (xNext <= xPrev + FEATURE_THRESHOLD) continue;
        if (p - start < o.minSamplesLeaf) continue;
        if (end - p < o.minSamplesLeaf) break;
        const wr = wn - wl;
        const ar = an - al;
        const br = bn - bl;
        // sklearn's proxy_impurity_improvement: −wR·giniR − wL·giniL, or ΣyL²/wL + ΣyR²/wR.
        const proxy = gini
          ? -wr * (1 - (ar * ar + br * br) / (wr * wr)) - wl * (1 - (al * al + bl * bl) / (wl * wl))
          : (al * al) / wl + (ar * ar) / wr;
        if (best === null || proxy > best.proxy) {
          let t = xPrev / 2 + xNext / 2;
          if (t === xNext || !Number.isFinite(t)) t = xPrev;
          best = { feature: f, pos: p, threshold: t, proxy };
        }
      }
    }
    return best;
  }

  const tree: DecisionTree = {
    nFeatures: d,
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    impurity: Float64Array.from(impurity),
    nSamples: Int32Array.from(nSamples),
    weightedNSamples: Float64Array.from(weightedNSamples),
  };
  return {
    tree,
    featureImportances: computeFeatureImportances(tree),
    explain: (row: ArrayLike<number>) => decisionPath(tree, row),
  };
}

/** Stable partition of order[start, end): rows marked in goesLeft first. */
function partition(order: Int32Array, start: number, end: number, goesLeft: Uint8Array, buffer: Int32Array): void {
  let l = start;
  let r = 0;
  for (let k = start; k < end; k++) {
    const i = order[k]!;
    if (goesLeft[i] === 1) order[l++] = i;
    else buffer[r++] = i;
  }
  order.set(buffer.subarray(0, r), l);
}

/** sklearn's Tree.compute_feature_importances: Σ over splits of wN·iN − wL·iL − wR·iR, normalised. */
export function computeFeatureImportances(tree: DecisionTree): Float64Array {
  const out = new Float64Array(tree.nFeatures);
  const w = tree.weightedNSamples;
  const imp = tree.impurity;
  for (let node = 0; node < tree.feature.length; node++) {
    const l = tree.left[node]!;
    if (l < 0) continue;
    const r = tree.right[node]!;
    out[tree.feature[node]!]! += w[node]! * imp[node]! - w[l]! * imp[l]! - w[r]! * imp[r]!;
  }
  let total = 0;
  for (let f = 0; f < out.length; f++) {
    out[f]! /= w[0]!;
    total += out[f]!;
  }
  if (total > 0) for (let f = 0; f < out.length; f++) out[f]! /= total;
  return out;
}
