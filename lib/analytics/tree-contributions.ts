// Per-row feature contributions of tree models, by the path method (Saabas, "Interpreting random
// forests", 2014): walking a row from the root to its leaf, each split moves the node value from
// parent to child, and that change is credited to the split's feature. The contributions of a row
// add up exactly to its prediction minus the root value (the bias), so they explain that prediction
// and nothing else. For boosted trees the same is done per tree in raw-score (log-odds) units, with
// an internal node's value the sample-weighted mean of its children's.
import { createMatrix, type Matrix } from "./matrix";

/** A tree as flat arrays over node ids (0 = root); leaves have left = right = −1. */
export type PathTree = {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly nSamples: Int32Array;
};

export type Contributions = {
  /** The value every row starts from (root value, plus the baseline for boosted trees). */
  bias: number;
  /** rows × features; row sums + bias = the model's (raw) prediction. */
  contributions: Matrix;
};

/** Node values for internal nodes from the leaves' values: sample-weighted means, bottom-up. */
export function internalNodeValues(tree: PathTree): Float64Array {
  const n = tree.left.length;
  const value = Float64Array.from(tree.value);
  const weight = Float64Array.from(tree.nSamples);
  // Children have larger ids than their parent in both trees' layouts (pre-order / creation order),
  // so one backwards pass settles every node after its children.
  for (let node = n - 1; node >= 0; node--) {
    const l = tree.left[node]!;
    const r = tree.right[node]!;
    if (l < 0) continue;
    if (l <= node || r <= node) throw new RangeError(`node ${node} has a child with a smaller id`);
    const wl = weight[l]!;
    const wr = weight[r]!;
    weight[node] = wl + wr;
    value[node] = wl + wr > 0 ? (wl * value[l]! + wr * value[r]!) / (wl + wr) : 0;
  }
  return value;
}

function addPaths(tree: PathTree, nodeValue: Float64Array, x: Matrix, out: Float64Array): void {
  const d = x.cols;
  for (let i = 0; i < x.rows; i++) {
    let node = 0;
    while (tree.left[node]! >= 0) {
      const f = tree.feature[node]!;
      const next = x.data[i * d + f]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
      out[i * d + f]! += nodeValue[next]! - nodeValue[node]!;
      node = next;
    }
  }
}

/** Contributions of one tree whose internal nodes already carry values (a CART tree). */
export function treeContributions(tree: PathTree, x: Matrix): Contributions {
  const out = createMatrix(x.rows, x.cols);
  addPaths(tree, tree.value, x, out.data);
  return { bias: tree.value[0]!, contributions: out };
}

/** Contributions to the raw score of boosted trees: baseline + Σ trees. */
export function boostedContributions(baseline: number, trees: readonly PathTree[], x: Matrix): Contributions {
  const out = createMatrix(x.rows, x.cols);
  let bias = baseline;
  for (const tree of trees) {
    const values = internalNodeValues(tree);
    bias += values[0]!;
    addPaths(tree, values, x, out.data);
  }
  return { bias, contributions: out };
}

/** Contributions of a linear model on its own inputs: coef_j · (x_ij − reference_j). */
export function linearContributionsAt(coef: ArrayLike<number>, x: Matrix, reference: ArrayLike<number>): Matrix {
  if (coef.length !== x.cols || reference.length !== x.cols) {
    throw new RangeError(
      `expected ${x.cols} coefficients and reference values, got ${coef.length} and ${reference.length}`,
    );
  }
  const out = createMatrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      out.data[i * x.cols + j] = coef[j]! * (x.data[i * x.cols + j]! - reference[j]!);
    }
  }
  return out;
}
