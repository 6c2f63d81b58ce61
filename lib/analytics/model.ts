// The shapes shared by the supervised models of lib/analytics (churn classifiers, spend regressors)
// and by what evaluates them (cross-validation, permutation importance). A fitted model is a plain
// object with a predict function; its parameters sit beside it for explanations.

import type { Matrix } from "./matrix";

/** Binary labels, one per row: 1 = the positive class (e.g. churned), 0 = the negative class. */
export type BinaryLabels = Uint8Array;

/** A fitted binary classifier. predictProba returns P(y = 1) for each row of x. */
export type BinaryClassifier = {
  readonly predictProba: (x: Matrix) => Float64Array;
};

/** A fitted regressor. predict returns one value per row of x. */
export type Regressor = {
  readonly predict: (x: Matrix) => Float64Array;
};

/** Fits a classifier on (x, y); what cross-validation calls once per fold. */
export type ClassifierTrainer<M extends BinaryClassifier = BinaryClassifier> = (x: Matrix, y: BinaryLabels) => M;

/** Fits a regressor on (x, y). */
export type RegressorTrainer<M extends Regressor = Regressor> = (x: Matrix, y: Float64Array) => M;

/** The rows of x at the given indices, as a new matrix. */
export function takeRows(x: Matrix, indices: ArrayLike<number>): Matrix {
  const data = new Float64Array(indices.length * x.cols);
  for (let i = 0; i < indices.length; i++) {
    const r = indices[i]!;
    if (r < 0 || r >= x.rows) throw new RangeError(`row index ${r} is outside 0..${x.rows - 1}`);
    data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols);
  }
  return { rows: indices.length, cols: x.cols, data };
}

/** The entries of a typed array at the given indices. */
export function takeValues<T extends Float64Array | Uint8Array>(values: T, indices: ArrayLike<number>): T {
  const out = new (values.constructor as { new (n: number): T })(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]!]!;
  return out;
}
