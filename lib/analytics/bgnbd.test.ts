import { describe, expect, it } from "vitest";
import {
  aggregateRows,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodPerCustomer,
  bgnbdProbabilityAlive,
  bgnbdUnconditionalExpectedPurchases,
  fitBgNbd,
  simulateBgNbd,
  type BgNbdParams,
} from "./bgnbd";
import fixtures from "./fixtures/bgnbd.json";
import { createRandom } from "./random";

// Reference values: lib/analytics/fixtures/bgnbd.json, written by scripts/reference/bgnbd.py (scipy 1.10:
// the same likelihood with gammaln, its MLE with scipy.optimize.minimize, hyp2f1 for eq. 9 and 10).
// CDNOW: the 2,357-customer sample of Fader, Hardie & Lee (2005), as shipped by the `lifetimes` package.

const f64 = (v: number[]) => Float64Array.from(v);
const cdnow = {
  frequency: f64(fixtures.cdnow.frequency),
  recency: f64(fixtures.cdnow.recency),
  T: f64(fixtures.cdnow.T),
};
const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe("BG/NBD log-likelihood", () => {
  it("matches a hand computation", () => {
    // r = 1, α = 2, a = 1, b = 2, so Γ(r + x)/Γ(r) = x!, α^r = 2, B(1, 2) = 1/2. Eq. (6):
    //  x = 0, T = 2:           B(1,2)/B(1,2) · 2/(2+2)¹ = 1/2
    //  x = 1, t_x = 1, T = 2:  B(1,3)/B(1,2) · 1!·2/(2+2)² + B(2,2)/B(1,2) · 1!·2/(2+1)²
    //                          = (1/3)/(1/2) · 2/16 + (1/6)/(1/2) · 2/9 = 1/12 + 2/27 = 17/108
    //  x = 2, t_x = 3, T = 4:  B(1,4)/B(1,2) · 2!·2/6³ + B(2,3)/B(1,2) · 2!·2/5³
    //                          = (1/4)/(1/2) · 4/216 + (1/12)/(1/2) · 4/125 = 1/108 + 2/375 = 197/13500
    const params = { r: 1, alpha: 2, a: 1, b: 2 };
    const data = { frequency: f64([0, 1, 2]), recency: f64([0, 1, 3]), T: f64([2, 2, 4]) };
    const per = bgnbdLogLikelihoodPerCustomer(params, data);
    expect(per[0]).toBeCloseTo(Math.log(1 / 2), 14);
    expect(per[1]).toBeCloseTo(Math.log(17 / 108), 14);
    expect(per[2]).toBeCloseTo(Math.log(197 / 13500), 14);
    expect(bgnbdLogLikelihood(params, data)).toBeCloseTo(Math.log((1 / 2) * (17 / 108) * (197 / 13500)), 13);
    // Weights count rows: weight 2 on the first is the same as the row twice.
    expect(bgnbdLogLikelihood(params, { ...data, weights: f64([2, 1, 1]) })).toBeCloseTo(
      2 * Math.log(1 / 2) + Math.log(17 / 108) + Math.log(197 / 13500),
      13,
    );
  });

  it("matches scipy per customer on 300 simulated customers", () => {
    const s = fixtures.synthetic;
    const data = { frequency: f64(s.frequency), recency: f64(s.recency), T: f64(s.T) };
    const per = bgnbdLogLikelihoodPerCustomer(s.at, data);
    s.logLikelihoodPerCustomer.forEach((v, i) => relClose(per[i]!, v, 1e-12));
    const total = s.logLikelihoodPerCustomer.reduce((a, b) => a + b, 0);
    relClose(bgnbdLogLikelihood(s.at, data), total, 1e-12);
  });

  it("is unchanged by aggregating identical rows", () => {
    const agg = aggregateRows(cdnow);
    expect(agg.frequency.length).toBeLessThan(1500); // 2,357 rows, most one-time buyers share a T
    expect(agg.weights.reduce((a, b) => a + b, 0)).toBe(2357);
    const p = { r: 0.3, alpha: 5, a: 0.8, b: 2.5 };
    relClose(bgnbdLogLikelihood(p, agg), bgnbdLogLikelihood(p, cdnow), 1e-12);
    expect(agg.frequency[agg.index[156]!]).toBe(29);
  });
});

describe("fitBgNbd", () => {
  it("reproduces Fader, Hardie & Lee (2005) on CDNOW: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4", () => {
    const fit = fitBgNbd(cdnow);
    expect(fit.r.toFixed(3)).toBe("0.243");
    expect(fit.alpha.toFixed(3)).toBe("4.414");
    expect(fit.a.toFixed(3)).toBe("0.793");
    expect(fit.b.toFixed(3)).toBe("2.426");
    expect(fit.logLikelihood.toFixed(1)).toBe("-9582.4");
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    expect(fit.repeatCustomers).toBe(946);
    // And scipy's MLE of the same likelihood, to the flatness of the optimum.
    const ref = fixtures.cdnow.bgnbd;
    relClose(fit.r, ref.r, 1e-4);
    relClose(fit.alpha, ref.alpha, 1e-4);
    relClose(fit.a, ref.a, 1e-4);
    relClose(fit.b, ref.b, 1e-4);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(ref.logLikelihood - 1e-7);
    // Standard errors of the log-parameters are finite and modest for 2,357 customers.
    const cov = fit.covariance!;
    for (let i = 0; i < 4; i++) expect(Math.sqrt(cov[i * 5]!)).toBeLessThan(0.3);
  });

  it("matches scipy's MLE on the 300 simulated customers", () => {
    const s = fixtures.synthetic;
    const fit = fitBgNbd({ frequency: f64(s.frequency), recency: f64(s.recency), T: f64(s.T) });
    for (const k of ["r", "alpha", "a", "b"] as const) relClose(fit[k], s.mle[k], 1e-4);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(s.mle.logLikelihood - 1e-7);
  });

  it("recovers the parameters of 5,000 simulated customers", () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.8 };
    const random = createRandom(11);
    const ages = Float64Array.from({ length: 5000 }, () => 13 + 39 * random.next());
    const sim = simulateBgNbd(truth, ages, { seed: 12 });
    const fit = fitBgNbd(sim);
    // The MLE is asymptotically normal around the truth with the inverse-Hessian covariance: each
    // log-parameter within 3.5 of its standard errors (a 1-in-2,000 event per parameter if the model
    // and the fit are right; the seed is fixed, so this either always passes or always fails). The
    // standard errors must also be small enough for the test to mean something (< 0.25 on the log).
    const names = ["r", "alpha", "a", "b"] as const;
    names.forEach((k, i) => {
      const se = Math.sqrt(fit.covariance![i * 5]!);
      expect(se).toBeLessThan(0.25);
      expect(Math.abs(Math.log(fit[k]) - Math.log(truth[k]))).toBeLessThan(3.5 * se);
    });
  });

  it("refuses too little data with a specific message", () => {
    const few = { frequency: f64(Array(19).fill(1)), recency: f64(Array(19).fill(1)), T: f64(Array(19).fill(5)) };
    expect(() => fitBgNbd(few)).toThrow(new RangeError("the BG/NBD needs at least 20 customers to fit, got 19"));
    const x = Array(30).fill(0);
    x[0] = x[1] = x[2] = x[3] = 2;
    const tx = x.map((v) => (v > 0 ? 3 : 0));
    expect(() => fitBgNbd({ frequency: f64(x), recency: f64(tx), T: f64(Array(30).fill(10)) })).toThrow(
      new RangeError("the BG/NBD needs at least 5 customers with a repeat purchase to fit, got 4"),
    );
  });

  it("rejects inconsistent rows naming the row", () => {
    const bad = (frequency: number[], recency: number[], T: number[]) => () =>
      bgnbdLogLikelihood(
        { r: 1, alpha: 1, a: 1, b: 1 },
        { frequency: f64(frequency), recency: f64(recency), T: f64(T) },
      );
    expect(bad([0, 1.5], [0, 1], [2, 2])).toThrow(new RangeError("frequency[1] must be a whole number ≥ 0, got 1.5"));
    expect(bad([0, 1], [0, 3], [2, 2])).toThrow(new RangeError("recency[1] must be between 0 and T[1] = 2, got 3"));
    expect(bad([0], [1], [2])).toThrow(new RangeError("recency[0] must be 0 when frequency is 0, got 1"));
    expect(bad([0], [0], [Number.NaN])).toThrow(new RangeError("T[0] must be a finite number ≥ 0, got NaN"));
    expect(bad([0, 1], [0], [1, 1])).toThrow(RangeError);
    expect(() => bgnbdLogLikelihood({ r: 0, alpha: 1, a: 1, b: 1 }, cdnow)).toThrow(
      new RangeError("BG/NBD parameter r must be a finite number > 0, got 0"),
    );
  });
});

describe("BG/NBD predictions", () => {
  const p: BgNbdParams = fixtures.cdnow.bgnbd;

  it.each(fixtures.cdnow.predictions)("match scipy for CDNOW row $row (x = $x)", ({ x, tx, T, expected, pAlive }) => {
    for (const [t, v] of Object.entries(expected)) relClose(bgnbdExpectedPurchases(p, Number(t), x, tx, T), v, 1e-10);
    relClose(bgnbdProbabilityAlive(p, x, tx, T), pAlive, 1e-13);
  });

  it("E[X(t)] matches scipy (eq. 9)", () => {
    for (const [t, v] of Object.entries(fixtures.cdnow.unconditional)) {
      relClose(bgnbdUnconditionalExpectedPurchases(p, Number(t)), v, 1e-10);
    }
    expect(bgnbdUnconditionalExpectedPurchases(p, 0)).toBe(0);
  });

  it("P(alive) is 1 without repeat purchases, and the conditional expectation is continuous at a = 1", () => {
    expect(bgnbdProbabilityAlive(p, 0, 0, 30)).toBe(1);
    const near = (a: number) => bgnbdExpectedPurchases({ ...p, a }, 10, 3, 20, 30);
    expect(near(1)).toBeCloseTo(near(1 + 1e-5), 4);
    expect(near(1)).toBeCloseTo(near(1 - 1e-5), 4);
    expect(Number.isFinite(bgnbdUnconditionalExpectedPurchases({ ...p, a: 1 }, 10))).toBe(true);
  });

  it("the simulator agrees with E[X(t)]: mean repeat purchases of 20,000 customers with T = 30", () => {
    const params = { r: 0.8, alpha: 5, a: 0.9, b: 3 };
    const sim = simulateBgNbd(params, new Float64Array(20000).fill(30), { seed: 4, holdout: 10 });
    const n = sim.frequency.length;
    let mean = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      mean += sim.frequency[i]!;
      sq += sim.frequency[i]! ** 2;
    }
    mean /= n;
    const se = Math.sqrt((sq / n - mean * mean) / n);
    // Within 4 standard errors of the mean (the seed is fixed).
    expect(Math.abs(mean - bgnbdUnconditionalExpectedPurchases(params, 30))).toBeLessThan(4 * se);
    // The holdout counts and times are consistent with the summary.
    expect(sim.offsets[n]).toBe(sim.times.length);
    expect(sim.frequency[0]! + sim.holdoutFrequency[0]!).toBe(sim.offsets[1]! - sim.offsets[0]!);
  });
});
