// Unconstrained minimisation for the maximum-likelihood fits of lib/analytics (BG/NBD, Gamma-Gamma):
//   - nelderMead: the downhill simplex as scipy.optimize.minimize(method="Nelder-Mead") implements it
//     (scipy 1.10 `_minimize_neldermead`, non-adaptive): initial simplex x0 with each coordinate in
//     turn scaled by 1.05 (or set to 0.00025 when it is 0), reflection 1, expansion 2, contraction
//     0.5, shrink 0.5, and the stopping test max|xᵢ − x₀| ≤ xatol and max|f(xᵢ) − f(x₀)| ≤ fatol
//     on the vertices. The same start gives scipy's path, so iterations and evaluations can be
//     compared with the reference.
//   - numericalHessian: central differences (the 4-point formula for mixed partials) with steps
//     ε^(1/4)·max(|xᵢ|, 1), balancing truncation O(h²) against rounding O(ε|f|/h²);
//   - Cholesky factorisation and the inverse of a symmetric positive-definite matrix, for the
//     asymptotic covariance (inverse Hessian of the negative log-likelihood) and for drawing from it.
// Square matrices here are small (the 3 or 4 model parameters), row-major in a Float64Array.

export type Objective = (x: Float64Array) => number;

export type NelderMeadOptions = {
  /** Absolute tolerance on the vertices' distance to the best vertex (per coordinate). Default 1e-4, as scipy. */
  xatol?: number;
  /** Absolute tolerance on the spread of the function values. Default 1e-4, as scipy. */
  fatol?: number;
  /** Maximum iterations. Default 200 × dimension, as scipy. */
  maxIter?: number;
  /** Maximum function evaluations. Default 200 × dimension, as scipy. */
  maxFev?: number;
};

export type NelderMeadResult = {
  x: Float64Array;
  fun: number;
  /** scipy's `nit` (it counts from 1). */
  iterations: number;
  evaluations: number;
  /** Whether the tolerances were met before maxIter or maxFev. */
  converged: boolean;
};

export function nelderMead(f: Objective, x0: ArrayLike<number>, options: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  if (n < 1) throw new RangeError("nelderMead needs at least one parameter");
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i])) throw new RangeError(`nelderMead start has a non-finite value at ${i}: ${x0[i]}`);
  }
  const { xatol = 1e-4, fatol = 1e-4, maxIter = 200 * n, maxFev = 200 * n } = options;
  if (!(xatol >= 0) || !(fatol >= 0)) throw new RangeError(`xatol and fatol must be ≥ 0, got ${xatol} and ${fatol}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`maxIter must be a positive integer, got ${maxIter}`);
  if (!Number.isInteger(maxFev) || maxFev < 1) throw new RangeError(`maxFev must be a positive integer, got ${maxFev}`);

  let evaluations = 0;
  const call = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    // A NaN would break every comparison below; +∞ keeps the simplex away from the point instead.
    return Number.isNaN(v) ? Infinity : v;
  };

  let sim: Float64Array[] = [];
  sim.push(Float64Array.from(x0));
  for (let k = 0; k < n; k++) {
    const y = Float64Array.from(x0);
    y[k] = y[k] !== 0 ? 1.05 * y[k]! : 0.00025;
    sim.push(y);
  }
  let fsim: Float64Array = new Float64Array(n + 1);
  for (let k = 0; k <= n && evaluations < maxFev; k++) fsim[k] = call(sim[k]!);
  [sim, fsim] = sortSimplex(sim, fsim);

  const xbar = new Float64Array(n);
  const point = (c1: number, c2: number, from: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = c1 * xbar[j]! + c2 * from[j]!;
    return out;
  };

  let iterations = 1;
  let converged = false;
  while (evaluations < maxFev && iterations < maxIter) {
    if (simplexConverged(sim, fsim, xatol, fatol)) {
      converged = true;
      break;
    }
    xbar.fill(0);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) xbar[j]! += sim[k]![j]!;
    for (let j = 0; j < n; j++) xbar[j]! /= n;
    const worst = sim[n]!;
    const xr = point(2, -1, worst);
    const fxr = call(xr);
    let shrink = false;
    if (fxr < fsim[0]!) {
      const xe = point(3, -2, worst);
      const fxe = call(xe);
      if (fxe < fxr) {
        sim[n] = xe;
        fsim[n] = fxe;
      } else {
        sim[n] = xr;
        fsim[n] = fxr;
      }
    } else if (fxr < fsim[n - 1]!) {
      sim[n] = xr;
      fsim[n] = fxr;
    } else if (fxr < fsim[n]!) {
      const xc = point(1.5, -0.5, worst); // outside contraction
      const fxc = call(xc);
      if (fxc <= fxr) {
        sim[n] = xc;
        fsim[n] = fxc;
      } else shrink = true;
    } else {
      const xcc = point(0.5, 0.5, worst); // inside contraction
      const fxcc = call(xcc);
      if (fxcc < fsim[n]!) {
        sim[n] = xcc;
        fsim[n] = fxcc;
      } else shrink = true;
    }
    if (shrink) {
      const best = sim[0]!;
      for (let k = 1; k <= n; k++) {
        const v = sim[k]!;
        for (let j = 0; j < n; j++) v[j] = best[j]! + 0.5 * (v[j]! - best[j]!);
        fsim[k] = call(v);
      }
    }
    [sim, fsim] = sortSimplex(sim, fsim);
    iterations++;
  }
  if (!converged) converged = simplexConverged(sim, fsim, xatol, fatol);
  return { x: sim[0]!, fun: fsim[0]!, iterations, evaluations, converged };
}

/**
 * Nelder–Mead, restarted from its own result (a fresh simplex around it) until a restart improves
 * −LL by no more than fatol: at most 10 runs. Used by the BG/NBD and Gamma-Gamma fits.
 */
export function nelderMeadWithRestarts(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  o: { xatol: number; fatol: number; maxIter: number },
): { x: Float64Array; fun: number; iterations: number; converged: boolean } {
  let best = nelderMead(f, x0, { xatol: o.xatol, fatol: o.fatol, maxIter: o.maxIter, maxFev: 4 * o.maxIter });
  let iterations = best.iterations;
  let converged = best.converged;
  for (let run = 1; run < 10; run++) {
    const next = nelderMead(f, best.x, { xatol: o.xatol, fatol: o.fatol, maxIter: o.maxIter, maxFev: 4 * o.maxIter });
    iterations += next.iterations;
    const improved = best.fun - next.fun;
    if (next.fun <= best.fun) best = next;
    converged = next.converged;
    if (!(improved > o.fatol)) break;
  }
  return { x: best.x, fun: best.fun, iterations, converged: converged && Number.isFinite(best.fun) };
}

/** Stable sort of the vertices by value (numpy's argsort is stable for the few vertices here). */
function sortSimplex(sim: Float64Array[], fsim: Float64Array): [Float64Array[], Float64Array] {
  const order = Array.from(fsim.keys()).sort((i, j) => fsim[i]! - fsim[j]! || i - j);
  return [order.map((i) => sim[i]!), Float64Array.from(order, (i) => fsim[i]!)];
}

function simplexConverged(sim: Float64Array[], fsim: Float64Array, xatol: number, fatol: number): boolean {
  const best = sim[0]!;
  for (let k = 1; k < sim.length; k++) {
    if (!(Math.abs(fsim[k]! - fsim[0]!) <= fatol)) return false;
    const v = sim[k]!;
    for (let j = 0; j < best.length; j++) if (!(Math.abs(v[j]! - best[j]!) <= xatol)) return false;
  }
  return true;
}

/**
 * Hessian of f at x by central differences, row-major n×n. `step` overrides the relative step
 * ε^(1/4) ≈ 1.2e-4 (each hᵢ = step · max(|xᵢ|, 1)). Costs 2n + 4·n(n−1)/2 + 1 evaluations.
 */
export function numericalHessian(
  f: Objective,
  x: ArrayLike<number>,
  step = Math.pow(2.220446049250313e-16, 0.25),
): Float64Array {
  const n = x.length;
  if (!(step > 0)) throw new RangeError(`step must be > 0, got ${step}`);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`numericalHessian point has a non-finite value at ${i}: ${x[i]}`);
    // Round the step so that x ± h is exactly representable relative to x (the classic trick).
    const hi = step * Math.max(Math.abs(x[i]!), 1);
    h[i] = x[i]! + hi - x[i]!;
  }
  const y = Float64Array.from(x);
  const at = (i: number, si: number, j: number, sj: number): number => {
    y.set(x as ArrayLike<number>);
    y[i]! += si * h[i]!;
    if (j >= 0) y[j]! += sj * h[j]!;
    return f(y);
  };
  const f0 = f(Float64Array.from(x));
  const hess = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    hess[i * n + i] = (at(i, 1, -1, 0) - 2 * f0 + at(i, -1, -1, 0)) / (h[i]! * h[i]!);
    for (let j = i + 1; j < n; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i]! * h[j]!);
      hess[i * n + j] = v;
      hess[j * n + i] = v;
    }
  }
  return hess;
}

/**
 * Lower-triangular L with A = L Lᵀ for a symmetric n×n matrix (row-major), or null when A is not
 * positive definite (a pivot ≤ 0 or not finite).
 */
export function cholesky(a: ArrayLike<number>, n: number): Float64Array | null {
  if (a.length !== n * n) throw new RangeError(`cholesky needs ${n}×${n} values, got ${a.length}`);
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  return l;
}

/** Inverse of a symmetric positive-definite n×n matrix by Cholesky, or null when it is not positive definite. */
export function invertPositiveDefinite(a: ArrayLike<number>, n: number): Float64Array | null {
  const l = cholesky(a, n);
  if (l === null) return null;
  // Solve L Lᵀ X = I column by column.
  const inv = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
      y[i] = s / l[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * inv[k * n + c]!;
      inv[i * n + c] = s / l[i * n + i]!;
    }
  }
  return inv;
}
