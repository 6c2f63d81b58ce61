// The BG/NBD model of repeat buying (P. S. Fader, B. G. S. Hardie & K. L. Lee, "'Counting Your
// Customers' the Easy Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005):
// while active, a customer buys as a Poisson process with rate λ ~ Gamma(r, α) across customers;
// after each repeat purchase the customer drops out with probability p ~ Beta(a, b). A customer is
// summarised by x (repeat purchases in (0, T]), t_x (time of the last of them, 0 when x = 0) and T
// (time since the first purchase), all in one time unit (days or weeks; α is in that unit).
//
//   - log-likelihood: eq. (6) of the paper, on the log scale with log-sum-exp for the two terms and
//     without the cancellations that an optimiser on a ridge of the likelihood would exploit;
//   - fit: maximum likelihood over (ln r, ln α, ln a, ln b) with Nelder–Mead (as the `lifetimes`
//     package does), restarted from its result until a restart no longer improves (a stalled simplex
//     is the known failure of the method), on the distinct (x, t_x, T) rows weighted by their count;
//     the covariance of the log-parameters is the inverse of the numerical Hessian of −LL there;
//   - conditional expected purchases in (T, T + t]: eq. (10), with the Gauss hypergeometric ₂F₁;
//   - P(alive): Fader, Hardie & Lee, "Computing P(alive) Using the BG/NBD Model" (2008 note), eq. 1;
//   - unconditional E[X(t)] for a new customer: eq. (9);
//   - a simulator drawing customers from known parameters (seeded), for tests.
import { invertPositiveDefinite, nelderMeadWithRestarts, numericalHessian } from "./optimize";
import { createRandom } from "./random";
import { hyp2f1, lnGammaRatio, sampleBeta, sampleExponential, sampleGamma, sampleLogNormal } from "./special";

export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

/** Per-customer summaries in one time unit: x = repeat purchases, t_x = recency, T = age. */
export type RepeatPurchaseData = {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** Optional count (or weight) per row, e.g. after aggregating identical rows. */
  weights?: Float64Array;
};

export type BgNbdFit = BgNbdParams & {
  logLikelihood: number;
  /** Nelder–Mead iterations over all restarts. */
  iterations: number;
  converged: boolean;
  /**
   * Asymptotic covariance of (ln r, ln α, ln a, ln b), 4×4 row-major: the inverse Hessian of −LL at
   * the optimum. Null when that Hessian is not positive definite (the optimum is on a ridge, e.g. a
   * or b running off to infinity), in which case no interval can be drawn.
   */
  covariance: Float64Array | null;
  customers: number;
  repeatCustomers: number;
};

export type BgNbdFitOptions = {
  /** Starting (r, α, a, b); default r = a = b = 1 and α = the mean T (the time scale of the data). */
  init?: BgNbdParams;
  /** Nelder–Mead tolerances on the log-parameters and on −LL. Defaults 1e-8 and 1e-9. */
  xatol?: number;
  fatol?: number;
  /** Iterations per Nelder–Mead run. Default 2,000. */
  maxIter?: number;
};

/**
 * Fewest customers and fewest customers with a repeat purchase for a fit. With no repeat
 * customer the likelihood grows without bound as λ → 0 (no finite MLE); with a handful the MLE
 * exists but a and b are barely identified. 20 and 5 are the floor below which the intervals of
 * clv.ts become so wide that the fit says nothing; above it the intervals show the uncertainty.
 */
export const BGNBD_MIN_CUSTOMERS = 20;
/** The fit searches ln r, ln α, ln a and ln b within ±18 (parameters between 1.5e-8 and 6.6e7). */
export const LOG_PARAM_BOUND = 18;
export const BGNBD_MIN_REPEAT_CUSTOMERS = 5;

// ---------------------------------------------------------------------------------------------------
// Likelihood

/** ln L of each customer (eq. 6 of the paper). */
export function bgnbdLogLikelihoodPerCustomer(params: BgNbdParams, data: RepeatPurchaseData): Float64Array {
  checkParams(params);
  checkData(data);
  const out = new Float64Array(data.frequency.length);
  logLikelihoodInto(params, data.frequency, data.recency, data.T, out);
  return out;
}

/** Σ wᵢ ln Lᵢ (weights default to 1). */
export function bgnbdLogLikelihood(params: BgNbdParams, data: RepeatPurchaseData): number {
  checkParams(params);
  checkData(data);
  return weightedLogLikelihood(
    params,
    data.frequency,
    data.recency,
    data.T,
    data.weights ?? null,
    lnGammaCache(data.frequency, data.recency, data.T),
  );
}

/**
 * lnΓ(v + x) for each distinct x is all the likelihood needs of lnΓ: cached per x value. maxTime is
 * the largest t_x or T when every one is a whole number ≤ DAY_TABLE_MAX (then per-time logarithms
 * are tabulated), else −1.
 */
type XCache = { maxX: number; present: Uint8Array; maxTime: number };

const DAY_TABLE_MAX = 100_000;

function lnGammaCache(x: Float64Array, tx?: Float64Array, T?: Float64Array): XCache {
  let maxX = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > maxX) maxX = x[i]!;
  const present = new Uint8Array(maxX + 1);
  for (let i = 0; i < x.length; i++) present[x[i]!] = 1;
  let maxTime = tx && T ? 0 : -1;
  if (tx && T) {
    for (let i = 0; i < x.length && maxTime >= 0; i++) {
      const a = tx[i]!;
      const b = T[i]!;
      if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || b > DAY_TABLE_MAX) maxTime = -1;
      else if (b > maxTime) maxTime = b;
    }
  }
  return { maxX, present, maxTime };
}

/**
 * Eq. (6) rearranged for stability on the likelihood's ridges (r, α → ∞ with r/α fixed is the limit
 * without heterogeneity in λ): r ln α − (r + x) ln(α + T) = −r log1p(T/α) − x ln(α + T), and the
 * Gamma and Beta function ratios as lnΓ(v + x) − lnΓ(v) differences (lnGammaRatio).
 */
function weightedLogLikelihood(
  params: BgNbdParams,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  w: Float64Array | null,
  cache: XCache,
): number {
  const { r, alpha, a, b } = params;
  const base = new Float64Array(cache.maxX + 1);
  const lnA4 = new Float64Array(cache.maxX + 1);
  for (let k = 0; k <= cache.maxX; k++) {
    if (cache.present[k] === 0) continue;
    base[k] = lnGammaRatio(r, k) + lnGammaRatio(b, k) - lnGammaRatio(a + b, k);
    lnA4[k] = k > 0 ? Math.log(a) - Math.log(b + k - 1) : -Infinity;
  }
  // With whole-number times (days or weeks, at most DAY_TABLE_MAX), the two logarithms of each time
  // come from a table built once per evaluation: a few thousand logs instead of four per customer.
  const maxTime = cache.maxTime;
  let l1: Float64Array | null = null;
  let l2: Float64Array | null = null;
  if (maxTime >= 0) {
    l1 = new Float64Array(maxTime + 1);
    l2 = new Float64Array(maxTime + 1);
    for (let t = 0; t <= maxTime; t++) {
      l1[t] = Math.log1p(t / alpha);
      l2[t] = Math.log(alpha + t);
    }
  }
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const k = x[i]!;
    const ti = T[i]!;
    const a3 =
      l1 !== null && l2 !== null
        ? -r * l1[ti]! - (k === 0 ? 0 : k * l2[ti]!)
        : -r * Math.log1p(ti / alpha) - (k === 0 ? 0 : k * Math.log(alpha + ti));
    let ll = base[k]! + a3;
    if (k > 0) {
      const si = tx[i]!;
      const a4 =
        l1 !== null && l2 !== null
          ? lnA4[k]! - r * l1[si]! - k * l2[si]!
          : lnA4[k]! - r * Math.log1p(si / alpha) - k * Math.log(alpha + si);
      ll += a4 > a3 ? a4 - a3 + Math.log1p(Math.exp(a3 - a4)) : Math.log1p(Math.exp(a4 - a3));
    }
    sum += w === null ? ll : w[i]! * ll;
  }
  return sum;
}

function logLikelihoodInto(params: BgNbdParams, x: Float64Array, tx: Float64Array, T: Float64Array, out: Float64Array) {
  for (let i = 0; i < x.length; i++) {
    out[i] = weightedLogLikelihood(
      params,
      x.subarray(i, i + 1),
      tx.subarray(i, i + 1),
      T.subarray(i, i + 1),
      null,
      lnGammaCache(x.subarray(i, i + 1)),
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Aggregation and fit

export type AggregatedRows = {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** Total weight of each distinct row. */
  weights: Float64Array;
  /** For each input row, the index of its distinct row. */
  index: Int32Array;
};

/**
 * Collapses identical (x, t_x, T) rows into one with their summed weight: with whole-day data most
 * one-time buyers share a row per first-purchase day, so 100k customers become a few tens of thousands
 * of distinct rows (or a few hundred in weeks).
 */
export function aggregateRows(data: RepeatPurchaseData): AggregatedRows {
  checkData(data);
  const n = data.frequency.length;
  const seen = new Map<string, number>();
  const index = new Int32Array(n);
  const fx: number[] = [];
  const ft: number[] = [];
  const fT: number[] = [];
  const fw: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${data.frequency[i]}|${data.recency[i]}|${data.T[i]}`;
    let j = seen.get(key);
    if (j === undefined) {
      j = fx.length;
      seen.set(key, j);
      fx.push(data.frequency[i]!);
      ft.push(data.recency[i]!);
      fT.push(data.T[i]!);
      fw.push(0);
    }
    fw[j]! += data.weights ? data.weights[i]! : 1;
    index[i] = j;
  }
  return {
    frequency: Float64Array.from(fx),
    recency: Float64Array.from(ft),
    T: Float64Array.from(fT),
    weights: Float64Array.from(fw),
    index,
  };
}

export function fitBgNbd(data: RepeatPurchaseData, options: BgNbdFitOptions = {}): BgNbdFit {
  checkData(data);
  const { xatol = 1e-8, fatol = 1e-9, maxIter = 2000 } = options;
  let customers = 0;
  let repeatCustomers = 0;
  let sumT = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const w = data.weights ? data.weights[i]! : 1;
    customers += w;
    if (data.frequency[i]! > 0) repeatCustomers += w;
    sumT += w * data.T[i]!;
  }
  if (customers < BGNBD_MIN_CUSTOMERS) {
    throw new RangeError(`the BG/NBD needs at least ${BGNBD_MIN_CUSTOMERS} customers to fit, got ${customers}`);
  }
  if (repeatCustomers < BGNBD_MIN_REPEAT_CUSTOMERS) {
    throw new RangeError(
      `the BG/NBD needs at least ${BGNBD_MIN_REPEAT_CUSTOMERS} customers with a repeat purchase to fit, got ${repeatCustomers}`,
    );
  }
  if (!(sumT > 0)) throw new RangeError("the BG/NBD needs customers observed for some time (every T is 0)");

  const agg = aggregateRows(data);
  const cache = lnGammaCache(agg.frequency, agg.recency, agg.T);
  const negLL = (theta: Float64Array): number => {
    // Parameters beyond e^±LOG_PARAM_BOUND are the model's degenerate limits (a, b → ∞: the same
    // dropout probability for everyone), where the likelihood is flat and its arithmetic loses all
    // precision: the search stays inside.
    for (let j = 0; j < 4; j++) if (Math.abs(theta[j]!) > LOG_PARAM_BOUND) return Infinity;
    const p = fromLog(theta);
    if (!paramsFinite(p)) return Infinity;
    return -weightedLogLikelihood(p, agg.frequency, agg.recency, agg.T, agg.weights, cache);
  };

  const init = options.init ?? { r: 1, alpha: sumT / customers, a: 1, b: 1 };
  checkParams(init);
  let theta: Float64Array = Float64Array.from([
    Math.log(init.r),
    Math.log(init.alpha),
    Math.log(init.a),
    Math.log(init.b),
  ]);
  const fit = nelderMeadWithRestarts(negLL, theta, { xatol, fatol, maxIter });
  theta = fit.x;
  const params = fromLog(theta);
  const hessian = numericalHessian(negLL, theta);
  return {
    ...params,
    logLikelihood: -fit.fun,
    iterations: fit.iterations,
    converged: fit.converged,
    covariance: invertPositiveDefinite(hessian, 4),
    customers,
    repeatCustomers,
  };
}

function fromLog(theta: Float64Array): BgNbdParams {
  return { r: Math.exp(theta[0]!), alpha: Math.exp(theta[1]!), a: Math.exp(theta[2]!), b: Math.exp(theta[3]!) };
}

function paramsFinite(p: BgNbdParams): boolean {
  return p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0 && Number.isFinite(p.r + p.alpha + p.a + p.b);
}

/**
 * Draws parameter sets from the asymptotic normal of the log-parameters: θ̂ + L z with L Lᵀ the
 * covariance. Used by clv.ts for intervals.
 */
export function drawBgNbdParams(fit: BgNbdFit, draws: number, seed: number): BgNbdParams[] {
  if (fit.covariance === null) {
    throw new RangeError("the BG/NBD fit has no covariance (its Hessian is not positive definite): no intervals");
  }
  return sampleLogNormal([fit.r, fit.alpha, fit.a, fit.b], fit.covariance, draws, seed).map((v) => ({
    r: v[0]!,
    alpha: v[1]!,
    a: v[2]!,
    b: v[3]!,
  }));
}

// ---------------------------------------------------------------------------------------------------
// Predictions

/**
 * E[Y(t) | x, t_x, T]: expected repeat purchases in (T, T + t] of a customer with history
 * (x, t_x, T), eq. (10):
 *   (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))]
 *   / [1 + δ(x > 0) · a/(b + x − 1) · ((α + T)/(α + t_x))^(r+x)].
 * At a = 1 the factor (a + b + x − 1)/(a − 1) has a removable singularity: within 1e-7 of it the
 * mean of a = 1 ± 1e-6 is returned (cancellation there costs ~1e-10 relative).
 */
export function bgnbdExpectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  if (Math.abs(a - 1) < 1e-7) {
    return (
      0.5 *
      (bgnbdExpectedPurchases({ r, alpha, a: 1 - 1e-6, b }, t, x, tx, T) +
        bgnbdExpectedPurchases({ r, alpha, a: 1 + 1e-6, b }, t, x, tx, T))
    );
  }
  const rx = r + x;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const f = hyp2f1(rx, b + x, a + b + x - 1, z);
  const bracket = 1 - Math.exp(rx * Math.log((alpha + T) / (alpha + T + t))) * f;
  const denominator = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp(rx * Math.log((alpha + T) / (alpha + tx))) : 1;
  return (head * bracket) / denominator;
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ(x > 0) · a/(b + x − 1) · ((α + T)/(α + t_x))^(r+x)); 1 when x = 0,
 * the model's convention (dropout happens only after a repeat purchase).
 */
export function bgnbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))));
}

/**
 * E[X(t)] for a customer observed from their first purchase, eq. (9):
 * (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
 */
export function bgnbdUnconditionalExpectedPurchases(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  if (!(t >= 0)) throw new RangeError(`t must be ≥ 0, got ${t}`);
  if (t === 0) return 0;
  if (Math.abs(a - 1) < 1e-7) {
    return (
      0.5 *
      (bgnbdUnconditionalExpectedPurchases({ r, alpha, a: 1 - 1e-6, b }, t) +
        bgnbdUnconditionalExpectedPurchases({ r, alpha, a: 1 + 1e-6, b }, t))
    );
  }
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b, a + b - 1, z));
}

// ---------------------------------------------------------------------------------------------------
// Simulation

export type BgNbdSimulation = RepeatPurchaseData & {
  /** Repeat purchases in (T, T + holdout] (zeros without a holdout). */
  holdoutFrequency: Float64Array;
  /** Whether the customer was still active at T (before any holdout). */
  alive: Uint8Array;
  /** Each customer's repeat-purchase times in (0, T + holdout]: times[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  times: Float64Array;
};

/**
 * Draws one customer per entry of `ages` (their T) from the BG/NBD with the given parameters:
 * λ ~ Gamma(r, rate α), p ~ Beta(a, b), exponential gaps, dropout with probability p after each
 * repeat purchase. Purchases in (T, T + holdout] are counted apart.
 */
export function simulateBgNbd(
  params: BgNbdParams,
  ages: Float64Array,
  options: { seed?: number; holdout?: number } = {},
): BgNbdSimulation {
  checkParams(params);
  const { seed = 0, holdout = 0 } = options;
  if (!(holdout >= 0) || !Number.isFinite(holdout))
    throw new RangeError(`holdout must be a finite number ≥ 0, got ${holdout}`);
  const random = createRandom(seed);
  const n = ages.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const holdoutFrequency = new Float64Array(n);
  const alive = new Uint8Array(n);
  const offsets = new Int32Array(n + 1);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const T = ages[i]!;
    if (!(T >= 0) || !Number.isFinite(T)) throw new RangeError(`ages[${i}] must be a finite number ≥ 0, got ${T}`);
    const lambda = sampleGamma(random, params.r, params.alpha);
    const p = sampleBeta(random, params.a, params.b);
    let t = 0;
    let diedAt = Infinity;
    for (;;) {
      t += sampleExponential(random, lambda);
      if (t > T + holdout) break;
      if (t <= T) {
        frequency[i]! += 1;
        recency[i] = t;
      } else {
        holdoutFrequency[i]! += 1;
      }
      times.push(t);
      if (random.next() < p) {
        diedAt = t;
        break;
      }
    }
    alive[i] = diedAt <= T ? 0 : 1;
    offsets[i + 1] = times.length;
  }
  return {
    frequency,
    recency,
    T: Float64Array.from(ages),
    holdoutFrequency,
    alive,
    offsets,
    times: Float64Array.from(times),
  };
}

// ---------------------------------------------------------------------------------------------------
// Validation

function checkParams(p: BgNbdParams): void {
  for (const [name, v] of [
    ["r", p.r],
    ["alpha", p.alpha],
    ["a", p.a],
    ["b", p.b],
  ] as const) {
    if (!(v > 0) || !Number.isFinite(v))
      throw new RangeError(`BG/NBD parameter ${name} must be a finite number > 0, got ${v}`);
  }
}

/** x a whole number ≥ 0, 0 ≤ t_x ≤ T finite, t_x = 0 when x = 0, weights finite ≥ 0. */
export function checkData(data: RepeatPurchaseData): void {
  const { frequency: x, recency: tx, T, weights } = data;
  const n = x.length;
  if (tx.length !== n || T.length !== n || (weights && weights.length !== n)) {
    throw new RangeError(
      `frequency, recency, T${weights ? " and weights" : ""} must have the same length, got ${n}, ${tx.length}, ${T.length}${weights ? `, ${weights.length}` : ""}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const ti = tx[i]!;
    const Ti = T[i]!;
    if (!Number.isInteger(xi) || xi < 0) throw new RangeError(`frequency[${i}] must be a whole number ≥ 0, got ${xi}`);
    if (!Number.isFinite(Ti) || Ti < 0) throw new RangeError(`T[${i}] must be a finite number ≥ 0, got ${Ti}`);
    if (!Number.isFinite(ti) || ti < 0 || ti > Ti) {
      throw new RangeError(`recency[${i}] must be between 0 and T[${i}] = ${Ti}, got ${ti}`);
    }
    if (xi === 0 && ti !== 0) throw new RangeError(`recency[${i}] must be 0 when frequency is 0, got ${ti}`);
    if (weights && (!Number.isFinite(weights[i]) || weights[i]! < 0)) {
      throw new RangeError(`weights[${i}] must be a finite number ≥ 0, got ${weights[i]}`);
    }
  }
}
