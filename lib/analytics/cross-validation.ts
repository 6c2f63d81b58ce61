// Splitting rows into training and test folds: k-fold, stratified k-fold (each fold keeps the class
// proportions, as scikit-learn's StratifiedKFold) and leave-one-out, for small stores. Shuffling is
// seeded, so a run is reproducible.

import type { BinaryLabels } from "./model";
import { createRandom } from "./random";

export type Fold = { readonly train: Int32Array; readonly test: Int32Array };

function shuffleInPlace(a: Int32Array, seed: number): void {
  const random = createRandom(seed);
  for (let i = a.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

function foldsFromAssignment(assignment: Int32Array, k: number): Fold[] {
  const counts = new Int32Array(k);
  for (const f of assignment) counts[f]!++;
  return Array.from({ length: k }, (_, f) => {
    const test = new Int32Array(counts[f]!);
    const train = new Int32Array(assignment.length - counts[f]!);
    let t = 0;
    let r = 0;
    for (let i = 0; i < assignment.length; i++) {
      if (assignment[i] === f) test[t++] = i;
      else train[r++] = i;
    }
    return { train, test };
  });
}

function checkK(n: number, k: number): void {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`the number of folds must be an integer ≥ 2, got ${k}`);
  if (k > n) throw new RangeError(`cannot make ${k} folds from ${n} rows`);
}

/** Plain k-fold: rows shuffled (seeded), then dealt into k folds whose sizes differ by at most one. */
export function kFold(n: number, k: number, seed = 0): Fold[] {
  checkK(n, k);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, seed);
  const assignment = new Int32Array(n);
  order.forEach((row, position) => (assignment[row] = position % k));
  return foldsFromAssignment(assignment, k);
}

/**
 * Stratified k-fold: the rows of each class are shuffled and dealt round-robin, so every fold holds
 * ⌊n_c / k⌋ or ⌈n_c / k⌉ rows of class c. Every class needs at least k rows, as in scikit-learn
 * (which only warns; here a fold without positives has no AUC, so it is an error).
 */
export function stratifiedKFold(y: BinaryLabels, k: number, seed = 0): Fold[] {
  checkK(y.length, k);
  const assignment = new Int32Array(y.length);
  let offset = 0;
  for (const cls of [0, 1]) {
    const rows = Int32Array.from(
      Array.from(y.keys()).filter((i) => y[i] === cls),
      (i) => i,
    );
    if (rows.length < k) {
      throw new RangeError(
        `class ${cls} has ${rows.length} rows, fewer than the ${k} folds: use fewer folds or leave-one-out`,
      );
    }
    shuffleInPlace(rows, seed + cls);
    // Continue the round-robin where the previous class stopped, so fold sizes stay balanced overall.
    rows.forEach((row, position) => (assignment[row] = (position + offset) % k));
    offset = (offset + rows.length) % k;
  }
  return foldsFromAssignment(assignment, k);
}

/** Leave-one-out: n folds, each testing one row. */
export function leaveOneOut(n: number): Fold[] {
  if (n < 2) throw new RangeError(`leave-one-out needs at least 2 rows, got ${n}`);
  return Array.from({ length: n }, (_, i) => {
    const train = new Int32Array(n - 1);
    for (let j = 0, t = 0; j < n; j++) if (j !== i) train[t++] = j;
    return { train, test: Int32Array.of(i) };
  });
}
