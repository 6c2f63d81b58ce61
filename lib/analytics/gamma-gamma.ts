// The Gamma-Gamma model of spend per transaction (P. S. Fader & B. G. S. Hardie, "The Gamma-Gamma
// Model of Monetary Value", 2013 note; after Colombo & Jiang 1999): a customer's transaction values
// are Gamma(p, ν) around their own mean p/ν, and ν ~ Gamma(q, γ) across customers. Spend is assumed
// independent of the purchase process, so it pairs with the BG/NBD.
//
// A customer enters through x (repeat transactions, ≥ 1) and m̄ (their mean value), and
//   ln L = lnΓ(px + q) − lnΓ(px) − lnΓ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + x m̄)
// (the note's eq. 4: the density of m̄ after integrating ν out). Fitted by maximum likelihood over
// (ln p, ln q, ln γ) with Nelder–Mead on the repeat customers only (x ≥ 1, m̄ > 0), as the note and
// the `lifetimes` package do. The conditional expectation (the note's eq. 5):
//   E[M | x, m̄] = p (γ + x m̄) / (px + q − 1)
//              = (q − 1)/(px + q − 1) · γp/(q − 1) + px/(px + q − 1) · m̄,
// a weighted mean of the population mean γp/(q − 1) and the customer's own m̄. With x = 0 it is the
// population mean, which is finite only when q > 1 (Infinity otherwise).
import { invertPositiveDefinite, nelderMeadWithRestarts, numericalHessian } from "./optimize";
import { createRandom } from "./random";
import { lnGamma, lnGammaRatio, sampleGamma, sampleLogNormal } from "./special";

export type GammaGammaParams = { p: number; q: number; gamma: number };

export type GammaGammaFit = GammaGammaParams & {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Asymptotic covariance of (ln p, ln q, ln γ), 3×3 row-major; null when the Hessian is not positive definite. */
  covariance: Float64Array | null;
  /** The repeat customers the fit used. */
  customers: number;
};

/** Repeat customers' x (≥ 1) and m̄ (> 0); rows with x = 0 are skipped by the fit. */
export type MonetaryData = { frequency: Float64Array; monetary: Float64Array };

/**
 * Fewest repeat customers for a fit. Each contributes one m̄; with fewer than 5 the three
 * parameters are not identified in practice (the likelihood is nearly flat along p/γ).
 */
export const GAMMA_GAMMA_MIN_REPEAT_CUSTOMERS = 5;

export function gammaGammaLogLikelihoodPerCustomer(params: GammaGammaParams, data: MonetaryData): Float64Array {
  checkParams(params);
  checkData(data);
  const n = data.frequency.length;
  const out = new Float64Array(n);
  const { p, q, gamma } = params;
  const c = -lnGamma(q);
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i]!;
    const m = data.monetary[i]!;
    if (x === 0) {
      out[i] = NaN;
      continue;
    }
    out[i] = rowLogLikelihood(p, q, gamma, x, m, lnGammaRatio(p * x, q)) + c;
  }
  return out;
}

/** Σ ln L over the repeat customers (rows with x = 0 contribute nothing). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: MonetaryData): number {
  checkParams(params);
  checkData(data);
  const { x, m } = repeatRows(data);
  return logLikelihood(params, x, m, distinctX(x));
}

type DistinctX = { values: Float64Array; slot: Int32Array };

/** lnΓ(px + q) and lnΓ(px) depend on x alone: computed once per distinct x per evaluation. */
function distinctX(x: Float64Array): DistinctX {
  const map = new Map<number, number>();
  const slot = new Int32Array(x.length);
  const values: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let s = map.get(x[i]!);
    if (s === undefined) {
      s = values.length;
      values.push(x[i]!);
      map.set(x[i]!, s);
    }
    slot[i] = s;
  }
  return { values: Float64Array.from(values), slot };
}

function logLikelihood(params: GammaGammaParams, x: Float64Array, m: Float64Array, d: DistinctX): number {
  const { p, q, gamma } = params;
  const perX = new Float64Array(d.values.length);
  for (let k = 0; k < d.values.length; k++) perX[k] = lnGammaRatio(p * d.values[k]!, q);
  let sum = -x.length * lnGamma(q);
  for (let i = 0; i < x.length; i++) sum += rowLogLikelihood(p, q, gamma, x[i]!, m[i]!, perX[d.slot[i]!]!);
  return sum;
}

/**
 * The note's eq. (4) without lnΓ(q), rearranged for stability as px → ∞ (the ridge where spend has no
 * within-customer variation): (px − 1) ln m̄ + px ln x − (px + q) ln(γ + x m̄) + q ln γ
 * = −px log1p(γ/(x m̄)) + q ln(γ/(γ + x m̄)) − ln m̄.
 */
function rowLogLikelihood(p: number, q: number, gamma: number, x: number, m: number, lnRatio: number): number {
  const xm = x * m;
  return lnRatio - p * x * Math.log1p(gamma / xm) + q * Math.log(gamma / (gamma + xm)) - Math.log(m);
}

function repeatRows(data: MonetaryData): { x: Float64Array; m: Float64Array } {
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < data.frequency.length; i++) {
    if (data.frequency[i]! > 0) {
      xs.push(data.frequency[i]!);
      ms.push(data.monetary[i]!);
    }
  }
  return { x: Float64Array.from(xs), m: Float64Array.from(ms) };
}

export type GammaGammaFitOptions = {
  /**
   * Starting (p, q, γ). Default p = 1, q = 2 and γ = the mean m̄, so that the population mean
   * γp/(q − 1) starts at the sample's. (From q = 1, where that mean is infinite, Nelder–Mead was seen
   * to walk off along the ridge p → ∞, γ → 0 on 50k simulated customers.)
   */
  init?: GammaGammaParams;
  xatol?: number;
  fatol?: number;
  maxIter?: number;
};

export function fitGammaGamma(data: MonetaryData, options: GammaGammaFitOptions = {}): GammaGammaFit {
  checkData(data);
  const { xatol = 1e-8, fatol = 1e-9, maxIter = 2000 } = options;
  const { x, m } = repeatRows(data);
  if (x.length < GAMMA_GAMMA_MIN_REPEAT_CUSTOMERS) {
    throw new RangeError(
      `the Gamma-Gamma model needs at least ${GAMMA_GAMMA_MIN_REPEAT_CUSTOMERS} customers with a repeat purchase to fit, got ${x.length}`,
    );
  }
  let mean = 0;
  let allEqual = true;
  for (let i = 0; i < m.length; i++) {
    mean += m[i]!;
    if (m[i] !== m[0]) allEqual = false;
  }
  mean /= m.length;
  if (allEqual) {
    throw new RangeError("the Gamma-Gamma model needs repeat customers whose average spend differs (all are equal)");
  }
  const d = distinctX(x);
  const negLL = (theta: Float64Array): number => {
    // q, γ → ∞ with γ/q fixed is the limit without heterogeneity in spend (everyone's expected order
    // value is the population mean); out there the likelihood's arithmetic loses all precision, so
    // the search stays within e^±18.
    for (let j = 0; j < 3; j++) if (Math.abs(theta[j]!) > 18) return Infinity;
    const p = { p: Math.exp(theta[0]!), q: Math.exp(theta[1]!), gamma: Math.exp(theta[2]!) };
    if (!Number.isFinite(p.p + p.q + p.gamma) || !(p.p > 0 && p.q > 0 && p.gamma > 0)) return Infinity;
    return -logLikelihood(p, x, m, d);
  };
  const init = options.init ?? { p: 1, q: 2, gamma: mean };
  checkParams(init);
  const fit = nelderMeadWithRestarts(
    negLL,
    Float64Array.from([Math.log(init.p), Math.log(init.q), Math.log(init.gamma)]),
    {
      xatol,
      fatol,
      maxIter,
    },
  );
  return {
    p: Math.exp(fit.x[0]!),
    q: Math.exp(fit.x[1]!),
    gamma: Math.exp(fit.x[2]!),
    logLikelihood: -fit.fun,
    iterations: fit.iterations,
    converged: fit.converged,
    covariance: invertPositiveDefinite(numericalHessian(negLL, fit.x), 3),
    customers: x.length,
  };
}

/**
 * E[M | x, m̄] = p (γ + x m̄) / (px + q − 1). For x = 0 (m̄ ignored) the population mean γp/(q − 1),
 * Infinity when q ≤ 1.
 */
export function gammaGammaExpectedAverageValue(params: GammaGammaParams, x: number, monetary: number): number {
  const { p, q, gamma } = params;
  if (x === 0) return q > 1 ? (gamma * p) / (q - 1) : Infinity;
  const denominator = p * x + q - 1;
  return denominator > 0 ? (p * (gamma + x * monetary)) / denominator : Infinity;
}

/** Parameter draws from the asymptotic normal of (ln p, ln q, ln γ), for intervals. */
export function drawGammaGammaParams(fit: GammaGammaFit, draws: number, seed: number): GammaGammaParams[] {
  if (fit.covariance === null) {
    throw new RangeError("the Gamma-Gamma fit has no covariance (its Hessian is not positive definite): no intervals");
  }
  return sampleLogNormal([fit.p, fit.q, fit.gamma], fit.covariance, draws, seed).map((v) => ({
    p: v[0]!,
    q: v[1]!,
    gamma: v[2]!,
  }));
}

/**
 * For each entry of `frequency` (x ≥ 1), draws ν ~ Gamma(q, rate γ) and x values Gamma(p, rate ν);
 * returns their means m̄ (and the customers' true means p/ν).
 */
export function simulateGammaGamma(
  params: GammaGammaParams,
  frequency: Float64Array,
  seed = 0,
): { monetary: Float64Array; trueMean: Float64Array } {
  checkParams(params);
  const random = createRandom(seed);
  const n = frequency.length;
  const monetary = new Float64Array(n);
  const trueMean = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = frequency[i]!;
    if (!Number.isInteger(x) || x < 1) throw new RangeError(`frequency[${i}] must be a whole number ≥ 1, got ${x}`);
    const nu = sampleGamma(random, params.q, params.gamma);
    let sum = 0;
    for (let j = 0; j < x; j++) sum += sampleGamma(random, params.p, nu);
    monetary[i] = sum / x;
    trueMean[i] = params.p / nu;
  }
  return { monetary, trueMean };
}

function checkParams(params: GammaGammaParams): void {
  for (const [name, v] of [
    ["p", params.p],
    ["q", params.q],
    ["gamma", params.gamma],
  ] as const) {
    if (!(v > 0) || !Number.isFinite(v))
      throw new RangeError(`Gamma-Gamma parameter ${name} must be a finite number > 0, got ${v}`);
  }
}

function checkData(data: MonetaryData): void {
  const { frequency, monetary } = data;
  if (frequency.length !== monetary.length) {
    throw new RangeError(
      `frequency and monetary must have the same length, got ${frequency.length} and ${monetary.length}`,
    );
  }
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    if (!Number.isInteger(x) || x < 0) throw new RangeError(`frequency[${i}] must be a whole number ≥ 0, got ${x}`);
    const m = monetary[i]!;
    if (x > 0 && !(m > 0 && Number.isFinite(m))) {
      throw new RangeError(`monetary[${i}] must be a finite number > 0 for a repeat customer, got ${m}`);
    }
  }
}
