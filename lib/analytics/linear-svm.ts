// Linear support vector machine with the hinge loss, as scikit-learn's LinearSVC(loss="hinge",
// dual=True) (version 1.2), which calls liblinear's solve_l2r_l1l2_svc:
//
//   minimise over w   ½ ‖w‖² + Σᵢ Cᵢ · max(0, 1 − ỹᵢ · w·[xᵢ, s]),   ỹᵢ = ±1,  Cᵢ = C · classᵢ · sampleᵢ,
//
// by dual coordinate descent (Hsieh, Chang, Lin, Keerthi & Sundararajan, "A dual coordinate descent
// method for large-scale linear SVM", ICML 2008, Algorithm 1 with the shrinking of Section 3.2). The
// bias is an extra feature of constant value s = interceptScaling (1 by default), so, exactly like
// liblinear, the intercept w_s · s is penalised. The primal is strictly convex in w, so any solver run
// to a tight tolerance agrees with liblinear whatever the order in which it visits the rows.
//
// An SVM gives decision values, not probabilities. plattScaling fits P(y = 1 | f) = 1 / (1 + exp(a·f + b))
// as sklearn.calibration._sigmoid_calibration (Platt, "Probabilistic outputs for support vector
// machines", 1999, with the regularised targets of his Section 2.2), minimised by the Newton method
// with backtracking of Lin, Lin & Weng, "A note on Platt's probabilistic outputs for support vector
// machines" (Machine Learning 68, 2007). calibratedLinearSvm then follows
// CalibratedClassifierCV(LinearSVC(...), method="sigmoid", cv=3, ensemble=False): the sigmoid is fitted
// on out-of-fold decision values from a stratified 3-fold split, the final SVM on every row.
import { stratifiedKFold } from "./cross-validation";
import { checkFinite } from "./kmeans";
import { checkBinaryLabels, linearDecision, rowWeights, type ClassWeight } from "./logistic-regression";
import type { Matrix } from "./matrix";
import { takeRows, takeValues, type BinaryClassifier, type BinaryLabels, type ClassifierTrainer } from "./model";
import { createRandom } from "./random";

export type LinearSvmOptions = {
  /** Penalty of the hinge loss, > 0. Default 1 (sklearn's). */
  C?: number;
  /** null (default) or "balanced": Cᵢ is multiplied by n / (2 · n_class). */
  classWeight?: ClassWeight;
  /** One non-negative weight per row, multiplying Cᵢ. Default: all 1. */
  sampleWeight?: Float64Array | null;
  /**
   * liblinear's eps: stop when the spread of the projected gradients (max − min) over all rows is
   * ≤ tol. Default 1e-4 (sklearn's).
   */
  tol?: number;
  /** Maximum passes over the (active) rows. Default 1000 (sklearn's). */
  maxIter?: number;
  /** Value of the bias feature. Default 1 (sklearn's intercept_scaling). */
  interceptScaling?: number;
  /** Seed for the order of the coordinate updates. Default 0. */
  seed?: number;
};

export type LinearSvmModel = {
  readonly coef: Float64Array;
  readonly intercept: number;
  /** Passes of coordinate descent. */
  readonly iterations: number;
  /** Whether the stopping test passed before maxIter (sklearn warns otherwise). */
  readonly converged: boolean;
  /** x·coef + intercept; positive means class 1. */
  readonly decisionFunction: (x: Matrix) => Float64Array;
};

export function linearSvm(x: Matrix, y: BinaryLabels, options: LinearSvmOptions = {}): LinearSvmModel {
  const {
    C = 1,
    classWeight = null,
    sampleWeight = null,
    tol = 1e-4,
    maxIter = 1000,
    interceptScaling = 1,
    seed = 0,
  } = options;
  if (!(C > 0) || !Number.isFinite(C)) throw new RangeError(`C must be a finite number > 0, got ${C}`);
  if (!(tol > 0) || !Number.isFinite(tol)) throw new RangeError(`tol must be a finite number > 0, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`maxIter must be a positive integer, got ${maxIter}`);
  if (!(interceptScaling > 0) || !Number.isFinite(interceptScaling)) {
    throw new RangeError(`interceptScaling must be a finite number > 0, got ${interceptScaling}`);
  }
  const { rows: n, cols: d } = x;
  if (n < 1 || d < 1) throw new RangeError(`x must have rows and columns, got ${n}×${d}`);
  checkFinite(x, "x");
  const positives = checkBinaryLabels(y, n);
  const upper = rowWeights(y, positives, classWeight, sampleWeight);
  for (let i = 0; i < n; i++) upper[i]! *= C;

  const src = x.data;
  const s = interceptScaling;
  const w = new Float64Array(d + 1);
  const alpha = new Float64Array(n);
  const qd = new Float64Array(n);
  const sign = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let q = s * s;
    for (let f = 0; f < d; f++) q += src[i * d + f]! ** 2;
    qd[i] = q;
    sign[i] = y[i] === 1 ? 1 : -1;
  }
  const index = Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(seed);

  let activeSize = n;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    let pgMaxNew = -Infinity;
    let pgMinNew = Infinity;
    for (let k = 0; k < activeSize; k++) {
      const j = k + random.int(activeSize - k);
      const t = index[k]!;
      index[k] = index[j]!;
      index[j] = t;
    }
    for (let k = 0; k < activeSize; k++) {
      const i = index[k]!;
      const yi = sign[i]!;
      const o = i * d;
      let dot = w[d]! * s;
      for (let f = 0; f < d; f++) dot += w[f]! * src[o + f]!;
      const g = yi * dot - 1;
      const ci = upper[i]!;
      const ai = alpha[i]!;
      let pg = 0;
      // Shrinking (Hsieh et al. Section 3.2): a bound variable whose gradient points outside the box by
      // more than last pass's extreme projected gradient is set aside until the final check.
      if (ai === 0) {
        if (g > pgMaxOld) {
          activeSize--;
          index[k] = index[activeSize]!;
          index[activeSize] = i;
          k--;
          continue;
        }
        if (g < 0) pg = g;
      } else if (ai === ci) {
        if (g < pgMinOld) {
          activeSize--;
          index[k] = index[activeSize]!;
          index[activeSize] = i;
          k--;
          continue;
        }
        if (g > 0) pg = g;
      } else {
        pg = g;
      }
      if (pg > pgMaxNew) pgMaxNew = pg;
      if (pg < pgMinNew) pgMinNew = pg;
      if (Math.abs(pg) > 1e-12) {
        const next = Math.min(Math.max(ai - g / qd[i]!, 0), ci);
        alpha[i] = next;
        const delta = (next - ai) * yi;
        for (let f = 0; f < d; f++) w[f]! += delta * src[o + f]!;
        w[d]! += delta * s;
      }
    }
    iterations++;
    if (pgMaxNew - pgMinNew <= tol) {
      if (activeSize === n) {
        converged = true;
        break;
      }
      // Converged on the active rows: check every row once more before stopping.
      activeSize = n;
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMaxNew > 0 ? pgMaxNew : Infinity;
    pgMinOld = pgMinNew < 0 ? pgMinNew : -Infinity;
  }

  const coef = w.slice(0, d);
  const intercept = w[d]! * s;
  return { coef, intercept, iterations, converged, decisionFunction: (xs) => linearDecision(xs, coef, intercept) };
}

export type PlattSigmoid = {
  /** P(y = 1 | f) = 1 / (1 + exp(a·f + b)); a < 0 when larger decision values mean class 1. */
  readonly a: number;
  readonly b: number;
};

/**
 * Platt's sigmoid on decision values f with labels y, as sklearn's `_sigmoid_calibration`: targets
 * (N₊ + 1)/(N₊ + 2) for positives and 1/(N₋ + 2) for negatives (N counted with the sample weights),
 * start a = 0, b = log((N₋ + 1)/(N₊ + 1)), and Newton's method with step halving (Lin, Lin & Weng 2007,
 * Algorithm 1) until the gradient is below 1e-12 per unit of weight. sklearn stops its BFGS at a
 * gradient of 1e-5 on the sum, so the two agree to about 1e-7 (see the fixture). A single class is
 * allowed, as in sklearn: the targets still differ from 0 and 1, so the minimum exists.
 */
export function plattScaling(f: Float64Array, y: BinaryLabels, sampleWeight: Float64Array | null = null): PlattSigmoid {
  const n = f.length;
  if (n < 1) throw new RangeError("plattScaling needs at least one decision value");
  if (y.length !== n) throw new RangeError(`y has ${y.length} labels for ${n} decision values`);
  if (sampleWeight !== null && sampleWeight.length !== n) {
    throw new RangeError(`sampleWeight has ${sampleWeight.length} values for ${n} decision values`);
  }
  let prior0 = 0;
  let prior1 = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (v > 1) throw new RangeError(`y must hold only 0 and 1, got ${v} at row ${i}`);
    if (!Number.isFinite(f[i]!)) throw new RangeError(`decision value ${i} is not finite: ${f[i]}`);
    const wi = sampleWeight === null ? 1 : sampleWeight[i]!;
    if (!(wi >= 0) || !Number.isFinite(wi))
      throw new RangeError(`sampleWeight must be finite and ≥ 0, got ${wi} at row ${i}`);
    if (v === 1) prior1 += wi;
    else prior0 += wi;
  }
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const weight = (i: number) => (sampleWeight === null ? 1 : sampleWeight[i]!);
  const target = (i: number) => (y[i] === 1 ? hi : lo);

  // −Σ w [t log P + (1 − t) log(1 − P)] with P = 1/(1 + exp(z)), z = a·f + b, written with softplus:
  // −log P = log(1 + e^z), −log(1 − P) = log(1 + e^−z).
  const objective = (a: number, b: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const z = a * f[i]! + b;
      const t = target(i);
      v += weight(i) * (t * softplus(z) + (1 - t) * softplus(-z));
    }
    return v;
  };

  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  let value = objective(a, b);
  const tolerance = 1e-12 * Math.max(1, prior0 + prior1);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const wi = weight(i);
      const z = a * f[i]! + b;
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z)); // P = 1/(1 + e^z)
      const r = wi * (target(i) - p);
      const h = wi * p * (1 - p);
      const fi = f[i]!;
      ga += r * fi;
      gb += r;
      haa += h * fi * fi;
      hab += h * fi;
      hbb += h;
    }
    if (Math.max(Math.abs(ga), Math.abs(gb)) <= tolerance) break;
    // Lin, Lin & Weng add σ = 1e-12 to the diagonal so the 2×2 system is always solvable.
    haa += 1e-12;
    hbb += 1e-12;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    // Below the rounding of the objective the sufficient-decrease test cannot be evaluated, while the
    // quadratic model is exact to rounding: take the full Newton step.
    const tiny = -slope < 1e-13 * Math.max(1, Math.abs(value));
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const na = a + step * da;
      const nb = b + step * db;
      const v = objective(na, nb);
      if (tiny || v <= value + 1e-4 * step * slope) {
        a = na;
        b = nb;
        value = v;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { a, b };
}

/** Platt's probability for each decision value. */
export function applyPlatt(sigmoid: PlattSigmoid, f: Float64Array): Float64Array {
  return f.map((v) => {
    const z = sigmoid.a * v + sigmoid.b;
    return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
  });
}

export type CalibratedLinearSvmOptions = LinearSvmOptions & {
  /** Folds of the inner stratified split giving the out-of-fold decision values. Default 3 (sklearn's cv=3). */
  folds?: number;
};

export type CalibratedLinearSvmModel = BinaryClassifier & {
  /** The SVM fitted on every row. */
  readonly svm: LinearSvmModel;
  /** The sigmoid fitted on the out-of-fold decision values. */
  readonly sigmoid: PlattSigmoid;
};

/**
 * CalibratedClassifierCV(LinearSVC(loss="hinge", ...), method="sigmoid", cv=folds, ensemble=False):
 * out-of-fold decision values from stratifiedKFold(y, folds, seed) fit the sigmoid (with the sample
 * weights, if any), and the SVM used for prediction is fitted on all rows. sklearn's folds are
 * StratifiedKFold without shuffling, so its probabilities differ slightly from these.
 */
export function calibratedLinearSvm(
  x: Matrix,
  y: BinaryLabels,
  options: CalibratedLinearSvmOptions = {},
): CalibratedLinearSvmModel {
  const { folds = 3, ...svmOptions } = options;
  const sampleWeight = svmOptions.sampleWeight ?? null;
  checkBinaryLabels(y, x.rows);
  const outOfFold = new Float64Array(x.rows);
  for (const fold of stratifiedKFold(y, folds, svmOptions.seed ?? 0)) {
    const model = linearSvm(takeRows(x, fold.train), takeValues(y, fold.train), {
      ...svmOptions,
      sampleWeight: sampleWeight === null ? null : takeValues(sampleWeight, fold.train),
    });
    const f = model.decisionFunction(takeRows(x, fold.test));
    fold.test.forEach((row, k) => (outOfFold[row] = f[k]!));
  }
  const sigmoid = plattScaling(outOfFold, y, sampleWeight);
  const svm = linearSvm(x, y, svmOptions);
  return { svm, sigmoid, predictProba: (xs: Matrix) => applyPlatt(sigmoid, svm.decisionFunction(xs)) };
}

/** A trainer for cross-validation: the options apart from sample weights, which are per row. */
export function createCalibratedLinearSvmTrainer(
  options: Omit<CalibratedLinearSvmOptions, "sampleWeight"> = {},
): ClassifierTrainer<CalibratedLinearSvmModel> {
  return (x, y) => calibratedLinearSvm(x, y, options);
}

/** log(1 + exp(z)) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
