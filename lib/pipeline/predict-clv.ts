// The CLV step: BG/NBD (expected purchases, P(alive)) and Gamma-Gamma (expected order value) fitted
// by maximum likelihood on every paid order before the cutoff, in days; discounted CLV per customer
// with 10th–90th percentile intervals from the parameters' sampling uncertainty; and a
// calibration/holdout check — the same models refitted without the last days, asked to predict them.
// `analytics clv` runs fitClvFromTransactions, the same code on a transaction file.
import {
  BGNBD_MIN_CUSTOMERS,
  BGNBD_MIN_REPEAT_CUSTOMERS,
  bgnbdExpectedPurchases,
  bgnbdProbabilityAlive,
  fitBgNbd,
  type BgNbdFit,
  type BgNbdParams,
} from "../analytics/bgnbd";
import {
  compareHoldout,
  customerLifetimeValue,
  customerLifetimeValueIntervals,
  percentileSorted,
  summarizeTransactions,
  type CustomerSummary,
  type TimeUnit,
} from "../analytics/clv";
import type { PurchaseData } from "../analytics/customer-features";
import { fitGammaGamma, type GammaGammaFit } from "../analytics/gamma-gamma";
import { createRandom } from "../analytics/random";
import type { PredictionParams } from "../validation/pipeline";
import type { ClvHoldout, ClvReport } from "../db/prediction-report";
import { DAY, paidTransactions, type Transactions } from "./predict-data";

export type Skipped = { code: string; values?: Record<string, number | string> };

function repeatCount(summary: CustomerSummary): number {
  let n = 0;
  for (const f of summary.frequency) if (f > 0) n++;
  return n;
}

/** Why BG/NBD cannot be fitted to this summary, or null. */
function tooLittle(summary: CustomerSummary): Skipped | null {
  const customers = summary.frequency.length;
  if (customers < BGNBD_MIN_CUSTOMERS)
    return { code: "clv_too_few_customers", values: { customers, needed: BGNBD_MIN_CUSTOMERS } };
  const repeat = repeatCount(summary);
  if (repeat < BGNBD_MIN_REPEAT_CUSTOMERS)
    return { code: "clv_too_few_repeat", values: { repeat, needed: BGNBD_MIN_REPEAT_CUSTOMERS } };
  return null;
}

function fitBoth(summary: CustomerSummary): { bg: BgNbdFit; gg: GammaGammaFit } {
  const bg = fitBgNbd({ frequency: summary.frequency, recency: summary.recency, T: summary.T });
  const gg = fitGammaGamma({ frequency: summary.frequency, monetary: summary.monetary });
  return { bg, gg };
}

/** Pearson correlation of frequency and monetary value among repeat customers (Gamma-Gamma's independence check). */
export function frequencyMonetaryCorrelation(summary: CustomerSummary): number | null {
  const xs: number[] = [];
  const ms: number[] = [];
  summary.frequency.forEach((f, i) => {
    if (f > 0) {
      xs.push(f);
      ms.push(summary.monetary[i] as number);
    }
  });
  if (xs.length < 3) return null;
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(xs);
  const mm = mean(ms);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ms[i] as number) - mm;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

function holdoutReport(
  tx: { customer: Int32Array; time: Float64Array; amount: Float64Array },
  calibrationEnd: number,
  holdoutEnd: number,
  timeUnit: TimeUnit,
  seed: number,
  /** A well-determined fit of nearly the same data to start from (fewer Nelder–Mead steps). */
  init?: BgNbdParams,
): ClvHoldout {
  const summary = summarizeTransactions(tx, { calibrationEnd, holdoutEnd, timeUnit });
  const skip = tooLittle(summary);
  if (skip) return { skipped: skip };
  const bg = fitBgNbdSampled(summary, seed, init);
  const groups = compareHoldout(bg, summary);
  let totalActual = 0;
  let totalPredicted = 0;
  const out = groups
    .filter((g) => g.customers > 0)
    .map((g) => {
      totalActual += g.actualMean * g.customers;
      totalPredicted += g.predictedMean * g.customers;
      return {
        group: g.repeatPurchases === 7 ? "7+" : String(g.repeatPurchases),
        customers: g.customers,
        actual: g.actualMean,
        predicted: g.predictedMean,
      };
    });
  return {
    calibrationEnd: new Date(calibrationEnd * DAY).toISOString().slice(0, 10),
    holdoutDays: holdoutEnd - calibrationEnd,
    customers: summary.frequency.length,
    groups: out,
    totalActual,
    totalPredicted,
  };
}

/** `analytics clv`: fit on (…, calibrationEnd], optionally compare with (calibrationEnd, holdoutEnd]. */
export function fitClvFromTransactions(
  t: { customer: Int32Array; day: Float64Array; amount: Float64Array; customers: number },
  options: {
    calibrationEnd: number;
    holdoutEnd?: number | undefined;
    timeUnit: TimeUnit;
    horizonMonths: number;
    monthlyDiscount: number;
  },
) {
  const started = performance.now();
  const tx = { customer: t.customer, time: t.day, amount: t.amount };
  const summary = summarizeTransactions(tx, {
    calibrationEnd: options.calibrationEnd,
    ...(options.holdoutEnd !== undefined ? { holdoutEnd: options.holdoutEnd } : {}),
    timeUnit: options.timeUnit,
  });
  const skip = tooLittle(summary);
  if (skip) {
    const v = skip.values ?? {};
    throw new RangeError(
      skip.code === "clv_too_few_customers"
        ? `Only ${v.customers} customers bought by the calibration end; BG/NBD needs at least ${v.needed}.`
        : `Only ${v.repeat} customers made a repeat purchase by the calibration end; BG/NBD needs at least ${v.needed}.`,
    );
  }
  const { bg, gg } = fitBoth(summary);
  const repeatCustomers = repeatCount(summary);
  let holdout: Record<string, unknown> | undefined;
  if (summary.holdout) {
    const groups = compareHoldout(bg, summary);
    const clv = customerLifetimeValue(bg, gg, summary, {
      months: options.horizonMonths,
      monthlyDiscount: options.monthlyDiscount,
    });
    let actual = 0;
    let predicted = 0;
    for (const g of groups) {
      actual += g.customers > 0 ? g.actualMean * g.customers : 0;
      predicted += g.customers > 0 ? g.predictedMean * g.customers : 0;
    }
    let totalClv = 0;
    for (const v of clv.clv) totalClv += v;
    holdout = {
      duration: summary.holdout.duration,
      actualPurchases: actual,
      predictedPurchases: predicted,
      groups: groups.map((g) => ({
        repeatPurchases: g.repeatPurchases === 7 ? "7+" : g.repeatPurchases,
        customers: g.customers,
        actual: g.actualMean,
        predicted: g.predictedMean,
      })),
      totalClv,
    };
  }
  return {
    bgnbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLikelihood: bg.logLikelihood, converged: bg.converged },
    gammaGamma: { p: gg.p, q: gg.q, gamma: gg.gamma, logLikelihood: gg.logLikelihood, converged: gg.converged },
    timeUnit: options.timeUnit,
    customers: summary.frequency.length,
    repeatCustomers,
    ...(holdout ? { holdout } : {}),
    fitSeconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
}

function histogram(values: Float64Array, bins = 20): { edges: number[]; counts: number[] } {
  const finite = Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
  if (finite.length === 0) return { edges: [], counts: [] };
  // Up to the 99th percentile; the last bin takes the tail.
  const hi = Math.max(percentileSorted(finite, 0.99), 1e-9);
  const width = hi / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.max(0, Math.floor(v / width)))]! += 1;
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * width);
  edges[bins] = finite[finite.length - 1] as number;
  return { edges, counts };
}

export type ClvStepOutput =
  | { skipped: Skipped }
  | {
      report: ClvReport;
      expectedPurchases: Float32Array;
      pAlive: Float32Array;
      clv: Float32Array;
      clvLow: Float32Array;
      clvHigh: Float32Array;
    };

/** Holdout length for the check: 180 days when the history allows, else the churn horizon. */
export function holdoutDaysFor(spanDays: number, horizonDays: number): number | null {
  if (spanDays >= 3 * 180) return 180;
  if (spanDays >= 3 * horizonDays) return horizonDays;
  return null;
}

export function computeClv(
  input: {
    data: PurchaseData;
    cutoff: number;
    timeZone: string;
    params: PredictionParams;
    seed: number;
    /** The scoring population (customer indexes), in output order. */
    customers: Int32Array;
    fits: BgNbdFits;
  },
  progress: (fraction: number) => void = () => undefined,
): ClvStepOutput {
  const started = performance.now();
  const { params } = input;
  const at = input.fits.at(input.cutoff);
  if ("skipped" in at) return { skipped: at.skipped };
  const { txs, summary, bg } = at;
  let gg: GammaGammaFit;
  try {
    gg = fitGammaGammaSampled(summary, input.seed);
  } catch (err) {
    if (err instanceof RangeError) return { skipped: { code: "clv_fit_failed", values: { message: err.message } } };
    throw err;
  }
  const tx = { customer: txs.customer, time: txs.day, amount: txs.amount };
  let first = Infinity;
  let last = -Infinity;
  for (const d of tx.time) {
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const calibrationEnd = last;
  progress(0.3);
  const options = { months: params.clvMonths, monthlyDiscount: params.monthlyDiscount };
  let estimate: { clv: Float64Array; expectedPurchases: Float64Array; probabilityAlive: Float64Array };
  let low: Float64Array | null = null;
  let high: Float64Array | null = null;
  // A fit without a covariance (its optimum on a ridge of the likelihood: a, b → ∞ for BG/NBD, q, γ → ∞
  // for Gamma-Gamma, the limits without heterogeneity) is held at its estimate in the draws, and the
  // report says so: the intervals then show the other model's uncertainty only.
  const heldFixed: ("bgnbd" | "gammaGamma")[] = [];
  const fixed = (n: number) => Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1e-12 : 0));
  const bgDraw = bg.covariance ? bg : (heldFixed.push("bgnbd"), { ...bg, covariance: fixed(4) });
  const ggDraw = gg.covariance ? gg : (heldFixed.push("gammaGamma"), { ...gg, covariance: fixed(3) });
  if (heldFixed.length < 2) {
    // Ages on a 2% grid for the draws (P(alive) and the estimate stay exact): two years of daily ages
    // would otherwise mean tens of thousands of distinct hypergeometric series per draw.
    const iv = customerLifetimeValueIntervals(bgDraw, ggDraw, summary, {
      ...options,
      draws: params.clvDraws,
      seed: input.seed,
      relativeTimeGrid: 0.02,
    });
    estimate = {
      clv: iv.clv.estimate,
      expectedPurchases: iv.expectedPurchases.estimate,
      probabilityAlive: iv.probabilityAlive.estimate,
    };
    low = iv.clv.lower;
    high = iv.clv.upper;
  } else {
    estimate = customerLifetimeValue(bg, gg, summary, options);
  }
  progress(0.7);

  const n = input.customers.length;
  const rowOf = new Int32Array(input.data.customerCount).fill(-1);
  summary.customers.forEach((c, row) => (rowOf[c] = row));
  const out = {
    expectedPurchases: new Float32Array(n).fill(NaN),
    pAlive: new Float32Array(n).fill(NaN),
    clv: new Float32Array(n).fill(NaN),
    clvLow: new Float32Array(n).fill(NaN),
    clvHigh: new Float32Array(n).fill(NaN),
  };
  let total = 0;
  let totalLow = 0;
  let totalHigh = 0;
  let totalPurchases = 0;
  input.customers.forEach((c, i) => {
    const row = rowOf[c] as number;
    if (row < 0) return;
    const v = estimate.clv[row] as number;
    out.clv[i] = v;
    out.expectedPurchases[i] = estimate.expectedPurchases[row] as number;
    out.pAlive[i] = Math.min(1, Math.max(0, estimate.probabilityAlive[row] as number));
    total += v;
    totalPurchases += estimate.expectedPurchases[row] as number;
    if (low && high) {
      // The value at the fitted parameters can sit just outside the 10–90% band of the draws (CLV is
      // not linear in the parameters): the interval shown is widened to include it.
      const lo = Math.min(low[row] as number, v);
      const hi = Math.max(high[row] as number, v);
      out.clvLow[i] = lo;
      out.clvHigh[i] = hi;
      totalLow += lo;
      totalHigh += hi;
    }
  });

  const holdoutDays = holdoutDaysFor(last - first, params.horizonDays);
  const holdout: ClvHoldout =
    holdoutDays === null
      ? { skipped: { code: "holdout_too_short", values: { days: params.horizonDays } } }
      : holdoutReport(
          tx,
          calibrationEnd - holdoutDays,
          calibrationEnd,
          "day",
          input.seed,
          bg.covariance ? bg : undefined,
        );
  progress(1);

  return {
    ...out,
    report: {
      timeUnit: "day",
      calibrationEnd: new Date(calibrationEnd * DAY).toISOString().slice(0, 10),
      customers: summary.frequency.length,
      repeatCustomers: repeatCount(summary),
      bgnbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, logLikelihood: bg.logLikelihood, converged: bg.converged },
      gammaGamma: { p: gg.p, q: gg.q, gamma: gg.gamma, logLikelihood: gg.logLikelihood, converged: gg.converged },
      frequencyMonetaryCorrelation: frequencyMonetaryCorrelation(summary),
      horizonMonths: params.clvMonths,
      monthlyDiscount: params.monthlyDiscount,
      draws: low ? params.clvDraws : 0,
      heldFixed,
      // Sums of the per-customer percentiles: parameter uncertainty moves every customer the same way,
      // so this is close to the percentile of the total (and never narrower).
      totals: {
        clv: total,
        clvLow: low ? totalLow : NaN,
        clvHigh: high ? totalHigh : NaN,
        expectedPurchases: totalPurchases,
      },
      distribution: histogram(estimate.clv),
      holdout,
      fitSeconds: (performance.now() - started) / 1000,
    },
  };
}

/** Largest number of customers a BG/NBD or Gamma-Gamma fit uses; bigger stores fit on a seeded sample. */
export const FIT_SAMPLE = 20_000;

export type BgNbdAt = { txs: Transactions; summary: CustomerSummary; bg: BgNbdFit } | { skipped: Skipped };

function sampleRows(n: number, size: number, seed: number): Int32Array | null {
  if (n <= size) return null;
  const random = createRandom(seed);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(n - i);
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  }
  return idx.subarray(0, size).sort();
}

const pick = (a: Float64Array, rows: Int32Array | null) => (rows ? Float64Array.from(rows, (i) => a[i] as number) : a);

/**
 * Maximum-likelihood BG/NBD on a summary: above FIT_SAMPLE customers on a seeded random sample of
 * them (the estimate's covariance is then the sample's, so the intervals stay honest), started from
 * `init` when given (a fit of nearly the same data converges in far fewer Nelder–Mead steps).
 */
export function fitBgNbdSampled(summary: CustomerSummary, seed: number, init?: BgNbdParams): BgNbdFit {
  const rows = sampleRows(summary.frequency.length, FIT_SAMPLE, seed);
  return fitBgNbd(
    { frequency: pick(summary.frequency, rows), recency: pick(summary.recency, rows), T: pick(summary.T, rows) },
    { xatol: 1e-6, fatol: 1e-6, ...(init ? { init } : {}) },
  );
}

function fitGammaGammaSampled(summary: CustomerSummary, seed: number): GammaGammaFit {
  const rows = sampleRows(summary.frequency.length, FIT_SAMPLE, seed + 1);
  return fitGammaGamma(
    { frequency: pick(summary.frequency, rows), monetary: pick(summary.monetary, rows) },
    { xatol: 1e-6, fatol: 1e-6 },
  );
}

/**
 * BG/NBD fits of one run, by cutoff: the scoring features and the CLV step share one fit.
 */
export function createBgNbdFits(data: PurchaseData, timeZone: string, seed: number) {
  const fits = new Map<number, BgNbdAt>();
  return {
    /** Fitted on the paid orders before `cutoff`, calibration end = the last day with one. */
    at(cutoff: number): BgNbdAt {
      const known = fits.get(cutoff);
      if (known) return known;
      const txs = paidTransactions(data, cutoff, timeZone);
      let result: BgNbdAt;
      if (txs.customer.length === 0) {
        result = { skipped: { code: "clv_too_few_customers", values: { customers: 0, needed: BGNBD_MIN_CUSTOMERS } } };
      } else {
        let lastDay = -Infinity;
        for (const d of txs.day) if (d > lastDay) lastDay = d;
        const summary = summarizeTransactions(
          { customer: txs.customer, time: txs.day, amount: txs.amount },
          { calibrationEnd: lastDay, timeUnit: "day" },
        );
        const skip = tooLittle(summary);
        if (skip) result = { skipped: skip };
        else {
          try {
            // No warm start from another cutoff's fit: a fit on a ridge (a, b → ∞, no covariance)
            // would keep the next one there.
            result = { txs, summary, bg: fitBgNbdSampled(summary, seed) };
          } catch (err) {
            if (!(err instanceof RangeError)) throw err;
            result = { skipped: { code: "clv_fit_failed", values: { message: err.message } } };
          }
        }
      }
      fits.set(cutoff, result);
      return result;
    },
  };
}

export type BgNbdFits = ReturnType<typeof createBgNbdFits>;

/**
 * BG/NBD as a feature for the supervised models: each customer's P(alive) and expected purchases in
 * the next `days` days from the fit as of the cutoff; null when there is no fit.
 */
export function bgnbdFeatures(
  fit: BgNbdAt,
  days: number,
): { customers: Int32Array; pAlive: Float64Array; expected: Float64Array } | null {
  if ("skipped" in fit) return null;
  const { summary, bg } = fit;
  const n = summary.frequency.length;
  const pAlive = new Float64Array(n);
  const expected = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = summary.frequency[i] as number;
    const tx = summary.recency[i] as number;
    const T = summary.T[i] as number;
    pAlive[i] = bgnbdProbabilityAlive(bg, x, tx, T);
    expected[i] = bgnbdExpectedPurchases(bg, days, x, tx, T);
  }
  return { customers: summary.customers, pAlive, expected };
}
