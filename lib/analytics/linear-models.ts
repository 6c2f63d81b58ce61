// Linear regression models with scikit-learn 1.2's semantics (sklearn.linear_model), so that a spend
// model fitted here can be checked against the reference implementation:
//   - every model fits an intercept that is not penalised: x and y are centred on their means
//     (sklearn's `_preprocess_data`), the coefficients are fitted on the centred data and
//     intercept = ȳ − x̄ · coef;
//   - linearRegression is ordinary least squares, solved by a Householder QR of the centred x and a
//     one-sided Jacobi SVD of R (Hestenes 1958). Singular values ≤ max(n, p) · ε · σ_max are treated as
//     zero (numpy.linalg.lstsq's default cut-off), so a rank-deficient design — a duplicated column, a
//     column that is an exact multiple or sum of others — gets the minimum-norm least-squares solution,
//     as sklearn's LinearRegression (scipy's lstsq) gives. `rank` says when that happened;
//   - ridge minimises ‖y − Xw − b‖² + α‖w‖² by a Cholesky factorisation of the centred Gram matrix plus
//     αI (sklearn's "cholesky" solver, which "auto" picks for dense data); α = 0 is ordinary least squares;
//   - lasso minimises (2n)⁻¹‖y − Xw − b‖² + α‖w‖₁ by cyclic coordinate descent (Friedman, Hastie &
//     Tibshirani 2010) with sklearn's stopping rule: a sweep whose largest coefficient change, relative
//     to the largest coefficient, is below tol triggers a duality-gap check, and the run stops when the
//     gap is below tol · ‖y − ȳ‖². The updates use the centred Gram matrix (sklearn's
//     `enet_coordinate_descent_gram`, i.e. precompute=True): one O(np²) pass over the data, then O(p²) per
//     sweep, which suits the many-rows-few-features data here (the same iterates as sklearn's default
//     residual updates, up to rounding);
//   - lassoAlphaMax, lassoAlphaGrid and lassoPath give the regularisation path of sklearn's `_alpha_grid`
//     and `lasso_path` (warm starts from the previous alpha), and lassoCV picks alpha by k-fold
//     cross-validation on that path, as LassoCV (with this module's seeded kFold as the splitter).
import { kFold } from "./cross-validation";
import type { Matrix } from "./matrix";
import { takeRows, takeValues, type Regressor } from "./model";

/** A fitted linear model: predict(x) = x · coef + intercept. */
export type LinearModel = Regressor & {
  readonly coef: Float64Array;
  readonly intercept: number;
};

export type LinearRegressionModel = LinearModel & {
  /** Numerical rank of the centred design; below the number of features, coef is the minimum-norm solution. */
  readonly rank: number;
  /** Singular values of the centred design, descending. */
  readonly singularValues: Float64Array;
};

export type RidgeOptions = {
  /** L2 penalty α ≥ 0 on ‖w‖² (sklearn's Ridge: the loss is not divided by n). Default 1. */
  alpha?: number;
};

export type RidgeModel = LinearModel & { readonly alpha: number };

export type LassoOptions = {
  /** L1 penalty α ≥ 0 of (2n)⁻¹‖y − Xw − b‖² + α‖w‖₁. Default 1, as sklearn. */
  alpha?: number;
  /** Tolerance of the duality gap, relative to ‖y − ȳ‖² (sklearn's tol). Default 1e-4. */
  tol?: number;
  /** Maximum coordinate-descent sweeps. Default 1000. */
  maxIter?: number;
  /** Warm start: initial coefficients (e.g. the fit at a nearby alpha). Default all zeros. */
  coefInit?: Float64Array;
};

export type LassoModel = LinearModel & {
  readonly alpha: number;
  /** Sweeps run (sklearn's n_iter_). */
  readonly iterations: number;
  /** Duality gap at the end, divided by n (sklearn's dual_gap_). */
  readonly dualGap: number;
  /** Whether the gap fell below tol · ‖y − ȳ‖² before maxIter. */
  readonly converged: boolean;
};

export type LassoGridOptions = {
  /** Number of alphas on the grid. Default 100. */
  nAlphas?: number;
  /** Smallest alpha as a fraction of alphaMax, 0 < eps < 1. Default 1e-3. */
  eps?: number;
};

export type LassoPathOptions = LassoGridOptions & {
  /** Alphas to fit (any order; fitted and returned in decreasing order). Default lassoAlphaGrid(x, y, options). */
  alphas?: ArrayLike<number>;
  tol?: number;
  maxIter?: number;
};

export type LassoCVOptions = LassoPathOptions & {
  /** Number of folds. Default 5. */
  folds?: number;
  /** Seed of the fold shuffle. Default 0. */
  seed?: number;
};

export type LassoCVResult = {
  /** The alpha with the lowest mean test MSE over the folds. */
  alpha: number;
  /** The grid, decreasing. */
  alphas: Float64Array;
  /** Mean and population std (ddof = 0) of the per-fold test MSE, one per alpha. */
  mseMean: Float64Array;
  mseStd: Float64Array;
  /** Lasso at the chosen alpha, fitted on all rows. */
  model: LassoModel;
};

// ---------------------------------------------------------------------------------------------------
// Shared pieces

function checkXY(x: Matrix, y: Float64Array): void {
  if (x.rows === 0 || x.cols === 0)
    throw new RangeError(`x must have at least one row and one column, got ${x.rows}×${x.cols}`);
  if (x.data.length !== x.rows * x.cols) {
    throw new RangeError(`x data has ${x.data.length} values, expected ${x.rows}×${x.cols}`);
  }
  if (y.length !== x.rows) throw new RangeError(`y has ${y.length} values but x has ${x.rows} rows`);
  for (let k = 0; k < x.data.length; k++) {
    if (!Number.isFinite(x.data[k])) {
      throw new RangeError(`x has a non-finite value at row ${Math.floor(k / x.cols)}, column ${k % x.cols}`);
    }
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`y has a non-finite value at row ${i}`);
  }
}

function checkAlpha(alpha: number): void {
  if (!Number.isFinite(alpha) || alpha < 0) throw new RangeError(`alpha must be a finite number ≥ 0, got ${alpha}`);
}

function columnMeans(x: Matrix): Float64Array {
  const mean = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    const o = i * x.cols;
    for (let j = 0; j < x.cols; j++) mean[j]! += x.data[o + j]!;
  }
  for (let j = 0; j < x.cols; j++) mean[j]! /= x.rows;
  return mean;
}

function meanOf(y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  return s / y.length;
}

function createLinearModel(coef: Float64Array, intercept: number): LinearModel {
  const p = coef.length;
  return {
    coef,
    intercept,
    predict: (x: Matrix) => {
      if (x.cols !== p) throw new RangeError(`the model has ${p} features but x has ${x.cols} columns`);
      const out = new Float64Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        const o = i * p;
        let s = intercept;
        for (let j = 0; j < p; j++) s += x.data[o + j]! * coef[j]!;
        out[i] = s;
      }
      return out;
    },
  };
}

function interceptOf(xMean: Float64Array, yMean: number, coef: Float64Array): number {
  let s = yMean;
  for (let j = 0; j < coef.length; j++) s -= xMean[j]! * coef[j]!;
  return s;
}

type CentredGram = {
  n: number;
  p: number;
  xMean: Float64Array;
  yMean: number;
  /** (x − x̄)ᵀ(x − x̄), p×p row-major, both triangles filled. */
  gram: Float64Array;
  /** (x − x̄)ᵀ(y − ȳ). */
  xty: Float64Array;
  /** ‖y − ȳ‖². */
  yy: number;
};

function centredGram(x: Matrix, y: Float64Array): CentredGram {
  const n = x.rows;
  const p = x.cols;
  const xMean = columnMeans(x);
  const yMean = meanOf(y);
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const r = new Float64Array(p);
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let j = 0; j < p; j++) r[j] = x.data[o + j]! - xMean[j]!;
    const yc = y[i]! - yMean;
    yy += yc * yc;
    for (let a = 0; a < p; a++) {
      const ra = r[a]!;
      if (ra === 0) continue;
      xty[a]! += ra * yc;
      const row = a * p;
      for (let b = a; b < p; b++) gram[row + b]! += ra * r[b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[a * p + b] = gram[b * p + a]!;
  return { n, p, xMean, yMean, gram, xty, yy };
}

// ---------------------------------------------------------------------------------------------------
// Ordinary least squares

/**
 * One-sided Jacobi SVD of an m×p column-major matrix a (overwritten by U·Σ): returns the singular values
 * (column norms at convergence, not sorted) and V (p×p column-major).
 */
function jacobiSvd(a: Float64Array, m: number, p: number): { s: Float64Array; v: Float64Array } {
  const v = new Float64Array(p * p);
  for (let j = 0; j < p; j++) v[j * p + j] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let i = 0; i < p - 1; i++) {
      for (let j = i + 1; j < p; j++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let k = 0; k < m; k++) {
          const ai = a[i * m + k]!;
          const aj = a[j * m + k]!;
          alpha += ai * ai;
          beta += aj * aj;
          gamma += ai * aj;
        }
        if (gamma === 0 || Math.abs(gamma) <= Number.EPSILON * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // Rotation that zeroes the (i, j) entry of aᵀa (Golub & Van Loan, §8.6.3).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < m; k++) {
          const ai = a[i * m + k]!;
          const aj = a[j * m + k]!;
          a[i * m + k] = c * ai - s * aj;
          a[j * m + k] = s * ai + c * aj;
        }
        for (let k = 0; k < p; k++) {
          const vi = v[i * p + k]!;
          const vj = v[j * p + k]!;
          v[i * p + k] = c * vi - s * vj;
          v[j * p + k] = s * vi + c * vj;
        }
      }
    }
    if (!rotated) break;
  }
  const s = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let ss = 0;
    for (let k = 0; k < m; k++) ss += a[j * m + k]! ** 2;
    s[j] = Math.sqrt(ss);
  }
  return { s, v };
}

/**
 * Ordinary least squares with an intercept (sklearn's LinearRegression). A rank-deficient design gets
 * the minimum-norm solution, see the header.
 */
export function linearRegression(x: Matrix, y: Float64Array): LinearRegressionModel {
  checkXY(x, y);
  const n = x.rows;
  const p = x.cols;
  const xMean = columnMeans(x);
  const yMean = meanOf(y);

  // Centred x, column-major so that each Householder step runs over contiguous memory.
  const a = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let j = 0; j < p; j++) a[j * n + i] = x.data[o + j]! - xMean[j]!;
  }
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = y[i]! - yMean;

  // Householder QR: a ← R in its upper triangle, b ← Qᵀb.
  const m = Math.min(n, p);
  for (let k = 0; k < m; k++) {
    const col = k * n;
    let norm = 0;
    for (let i = k; i < n; i++) norm += a[col + i]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const akk = a[col + k]!;
    const alpha = akk > 0 ? -norm : norm;
    // v = a[k:, k] − α e₁ kept in a[k:, k]; H = I − 2vvᵀ/(vᵀv), vᵀv = 2(norm² − α·akk).
    a[col + k] = akk - alpha;
    const vtv = 2 * (norm * norm - alpha * akk);
    const apply = (target: Float64Array, offset: number) => {
      let d = 0;
      for (let i = k; i < n; i++) d += a[col + i]! * target[offset + i]!;
      const f = (2 * d) / vtv;
      for (let i = k; i < n; i++) target[offset + i]! -= f * a[col + i]!;
    };
    for (let j = k + 1; j < p; j++) apply(a, j * n);
    apply(b, 0);
    a[col + k] = alpha;
  }

  // R (m×p, upper trapezoidal) and c = first m entries of Qᵀb.
  const r = new Float64Array(m * p);
  for (let j = 0; j < p; j++) for (let i = 0; i <= Math.min(j, m - 1); i++) r[j * m + i] = a[j * n + i]!;
  const c = b.subarray(0, m);

  // R = UΣVᵀ; w = Σ_k v_k (u_kᵀc) / σ_k over σ_k above the cut-off. After Jacobi, column k of r is σ_k u_k.
  const { s, v } = jacobiSvd(r, m, p);
  let sMax = 0;
  for (const sk of s) sMax = Math.max(sMax, sk);
  const cutoff = Math.max(n, p) * Number.EPSILON * sMax;
  const coef = new Float64Array(p);
  let rank = 0;
  for (let k = 0; k < p; k++) {
    const sk = s[k]!;
    if (sk <= cutoff || sk === 0) continue;
    rank++;
    let d = 0;
    for (let i = 0; i < m; i++) d += r[k * m + i]! * c[i]!;
    const f = d / (sk * sk);
    for (let j = 0; j < p; j++) coef[j]! += f * v[k * p + j]!;
  }
  const singularValues = Float64Array.from(s).sort().reverse();
  return { ...createLinearModel(coef, interceptOf(xMean, yMean, coef)), rank, singularValues };
}

// ---------------------------------------------------------------------------------------------------
// Ridge

/** Cholesky solve of the symmetric positive-definite p×p system a·w = b (a is copied); null if not PD. */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / l[j * p + j]!;
      }
    }
  }
  const w = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = w[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * w[k]!;
    w[i] = s / l[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = w[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * w[k]!;
    w[i] = s / l[i * p + i]!;
  }
  return w;
}

/** Ridge regression with an unpenalised intercept (sklearn's Ridge, Cholesky solver). */
export function ridge(x: Matrix, y: Float64Array, options: RidgeOptions = {}): RidgeModel {
  const o: Required<RidgeOptions> = { alpha: options.alpha ?? 1 };
  checkAlpha(o.alpha);
  checkXY(x, y);
  if (o.alpha === 0) return { ...linearRegression(x, y), alpha: 0 };
  const g = centredGram(x, y);
  const a = Float64Array.from(g.gram);
  for (let j = 0; j < g.p; j++) a[j * g.p + j]! += o.alpha;
  const coef = choleskySolve(a, g.xty, g.p);
  // XᵀX + αI with α > 0 is positive definite; failing here means α is negligible next to the Gram
  // matrix's scale while the design is singular, where ordinary least squares' minimum-norm solution
  // is the limit the caller is after (sklearn falls back to lstsq the same way).
  if (coef === null) return { ...linearRegression(x, y), alpha: o.alpha };
  return { ...createLinearModel(coef, interceptOf(g.xMean, g.yMean, coef)), alpha: o.alpha };
}

// ---------------------------------------------------------------------------------------------------
// Lasso

function resolveLassoOptions(options: LassoOptions): Required<Omit<LassoOptions, "coefInit">> {
  const o = { alpha: options.alpha ?? 1, tol: options.tol ?? 1e-4, maxIter: options.maxIter ?? 1000 };
  checkAlpha(o.alpha);
  if (!Number.isFinite(o.tol) || o.tol < 0) throw new RangeError(`tol must be a finite number ≥ 0, got ${o.tol}`);
  if (!Number.isInteger(o.maxIter) || o.maxIter < 1)
    throw new RangeError(`maxIter must be an integer ≥ 1, got ${o.maxIter}`);
  return { alpha: o.alpha, tol: o.tol, maxIter: o.maxIter };
}

/** Coordinate descent on the Gram matrix, w updated in place (sklearn's enet_coordinate_descent_gram, l2 = 0). */
function lassoGram(
  g: CentredGram,
  alpha: number,
  tol: number,
  maxIter: number,
  w: Float64Array,
): { iterations: number; gap: number; converged: boolean } {
  const { n, p, gram, xty, yy } = g;
  const l1 = alpha * n;
  const gapTol = tol * yy;
  // h = Gw, kept up to date as coordinates change.
  const h = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const wa = w[a]!;
    if (wa !== 0) for (let b = 0; b < p; b++) h[b]! += gram[a * p + b]! * wa;
  }
  let gap = Infinity;
  let iter = 0;
  while (iter < maxIter) {
    iter++;
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const gjj = gram[j * p + j]!;
      if (gjj === 0) continue;
      const wOld = w[j]!;
      const row = j * p;
      if (wOld !== 0) for (let b = 0; b < p; b++) h[b]! -= wOld * gram[row + b]!;
      const t = xty[j]! - h[j]!;
      // "+ 0" turns the −0 of a negative t below the threshold into 0.
      const wNew = (Math.sign(t) * Math.max(Math.abs(t) - l1, 0)) / gjj + 0;
      w[j] = wNew;
      if (wNew !== 0) for (let b = 0; b < p; b++) h[b]! += wNew * gram[row + b]!;
      dwMax = Math.max(dwMax, Math.abs(wNew - wOld));
      wMax = Math.max(wMax, Math.abs(wNew));
    }
    if (wMax === 0 || dwMax / wMax < tol || iter === maxIter) {
      // Duality gap (sklearn's formulation): residual R = yc − Xc·w, Xcᵀ R = xty − Gw.
      let dualNorm = 0;
      let qw = 0;
      let wh = 0;
      let wl1 = 0;
      for (let j = 0; j < p; j++) {
        dualNorm = Math.max(dualNorm, Math.abs(xty[j]! - h[j]!));
        qw += w[j]! * xty[j]!;
        wh += w[j]! * h[j]!;
        wl1 += Math.abs(w[j]!);
      }
      const rNorm2 = yy + wh - 2 * qw;
      let scale = 1;
      if (dualNorm > l1) {
        scale = l1 / dualNorm;
        gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
      } else {
        gap = rNorm2;
      }
      gap += l1 * wl1 - scale * (yy - qw);
      if (gap < gapTol) return { iterations: iter, gap, converged: true };
    }
  }
  return { iterations: iter, gap, converged: false };
}

function lassoFromGram(
  g: CentredGram,
  o: Required<Omit<LassoOptions, "coefInit">>,
  coefInit?: Float64Array,
): LassoModel {
  const w = new Float64Array(g.p);
  if (coefInit !== undefined) {
    if (coefInit.length !== g.p)
      throw new RangeError(`coefInit has ${coefInit.length} values but x has ${g.p} columns`);
    w.set(coefInit);
  }
  // A constant target: zero coefficients are exact and the gap is 0 (sklearn would sweep to maxIter
  // because its test is gap < tol · 0).
  const r =
    g.yy === 0 ? (w.fill(0), { iterations: 0, gap: 0, converged: true }) : lassoGram(g, o.alpha, o.tol, o.maxIter, w);
  return {
    ...createLinearModel(w, interceptOf(g.xMean, g.yMean, w)),
    alpha: o.alpha,
    iterations: r.iterations,
    dualGap: r.gap / g.n,
    converged: r.converged,
  };
}

/** Lasso with an unpenalised intercept (sklearn's Lasso), see the header. */
export function lasso(x: Matrix, y: Float64Array, options: LassoOptions = {}): LassoModel {
  const o = resolveLassoOptions(options);
  checkXY(x, y);
  return lassoFromGram(centredGram(x, y), o, options.coefInit);
}

function alphaMaxOf(g: CentredGram): number {
  let m = 0;
  for (const v of g.xty) m = Math.max(m, Math.abs(v));
  // max|xᵀy| / n, nudged up by an ulp when the division rounds down, so that coordinate descent's
  // threshold alpha · n is never below max|xᵀy| and every coefficient is exactly 0.
  let alpha = m / g.n;
  while (alpha * g.n < m) alpha += alpha * Number.EPSILON;
  return alpha;
}

/** The smallest alpha at which the lasso's coefficients are all zero: max_j |x_jᵀ(y − ȳ)| / n on centred x. */
export function lassoAlphaMax(x: Matrix, y: Float64Array): number {
  checkXY(x, y);
  return alphaMaxOf(centredGram(x, y));
}

function gridOf(alphaMax: number, options: LassoGridOptions): Float64Array {
  const o: Required<LassoGridOptions> = { nAlphas: options.nAlphas ?? 100, eps: options.eps ?? 1e-3 };
  if (!Number.isInteger(o.nAlphas) || o.nAlphas < 1)
    throw new RangeError(`nAlphas must be an integer ≥ 1, got ${o.nAlphas}`);
  if (!(o.eps > 0 && o.eps < 1)) throw new RangeError(`eps must be in (0, 1), got ${o.eps}`);
  // sklearn: np.logspace(log10(alpha_max · eps), log10(alpha_max), num)[::-1]; a constant target
  // (alpha_max = 0) gets sklearn's fallback of a grid of the smallest normal double.
  if (alphaMax === 0) return new Float64Array(o.nAlphas).fill(2.2250738585072014e-308);
  const hi = Math.log10(alphaMax);
  const lo = Math.log10(alphaMax * o.eps);
  const out = new Float64Array(o.nAlphas);
  for (let k = 0; k < o.nAlphas; k++) {
    const t = o.nAlphas === 1 ? hi : lo + ((hi - lo) * (o.nAlphas - 1 - k)) / (o.nAlphas - 1);
    out[k] = 10 ** t;
  }
  return out;
}

/** sklearn's alpha grid: nAlphas values log-spaced from alphaMax down to eps · alphaMax, decreasing. */
export function lassoAlphaGrid(x: Matrix, y: Float64Array, options: LassoGridOptions = {}): Float64Array {
  checkXY(x, y);
  return gridOf(alphaMaxOf(centredGram(x, y)), options);
}

function pathFromGram(g: CentredGram, options: LassoPathOptions): LassoModel[] {
  const alphas =
    options.alphas === undefined ? gridOf(alphaMaxOf(g), options) : Float64Array.from(options.alphas).sort().reverse();
  if (alphas.length === 0) throw new RangeError("alphas must not be empty");
  const o = resolveLassoOptions({ alpha: alphas[0]!, tol: options.tol, maxIter: options.maxIter });
  const models: LassoModel[] = [];
  let previous: Float64Array | undefined;
  for (const alpha of alphas) {
    checkAlpha(alpha);
    const m = lassoFromGram(g, { ...o, alpha }, previous);
    models.push(m);
    previous = m.coef;
  }
  return models;
}

/**
 * Lasso fits along decreasing alphas, each warm-started from the previous one (sklearn's lasso_path,
 * plus intercepts). The Gram matrix is computed once.
 */
export function lassoPath(x: Matrix, y: Float64Array, options: LassoPathOptions = {}): LassoModel[] {
  checkXY(x, y);
  return pathFromGram(centredGram(x, y), options);
}

/**
 * Chooses alpha by k-fold cross-validation (sklearn's LassoCV): the grid comes from all rows, each fold
 * fits the path on its training rows and scores the test rows by mean squared error, and the alpha with
 * the lowest mean MSE is refitted on all rows.
 */
export function lassoCV(x: Matrix, y: Float64Array, options: LassoCVOptions = {}): LassoCVResult {
  checkXY(x, y);
  const { folds = 5, seed = 0, ...pathOptions } = options;
  const g = centredGram(x, y);
  const alphas =
    pathOptions.alphas === undefined
      ? gridOf(alphaMaxOf(g), pathOptions)
      : Float64Array.from(pathOptions.alphas).sort().reverse();
  const splits = kFold(x.rows, folds, seed);
  const mse = splits.map(({ train, test }) => {
    const path = lassoPath(takeRows(x, train), takeValues(y, train), { ...pathOptions, alphas });
    const xTest = takeRows(x, test);
    const yTest = takeValues(y, test);
    return path.map((m) => {
      const pred = m.predict(xTest);
      let s = 0;
      for (let i = 0; i < pred.length; i++) s += (pred[i]! - yTest[i]!) ** 2;
      return s / pred.length;
    });
  });
  const mseMean = new Float64Array(alphas.length);
  const mseStd = new Float64Array(alphas.length);
  let best = 0;
  for (let k = 0; k < alphas.length; k++) {
    let s = 0;
    for (const f of mse) s += f[k]!;
    const mean = s / mse.length;
    let v = 0;
    for (const f of mse) v += (f[k]! - mean) ** 2;
    mseMean[k] = mean;
    mseStd[k] = Math.sqrt(v / mse.length);
    if (mean < mseMean[best]!) best = k;
  }
  const alpha = alphas[best]!;
  const model = lassoFromGram(g, resolveLassoOptions({ alpha, tol: pathOptions.tol, maxIter: pathOptions.maxIter }));
  return { alpha, alphas, mseMean, mseStd, model };
}
