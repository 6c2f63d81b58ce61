import { describe, expect, it } from "vitest";
import { bgnbdExpectedPurchases, fitBgNbd, simulateBgNbd } from "./bgnbd";
import {
  compareHoldout,
  customerLifetimeValue,
  customerLifetimeValueIntervals,
  summarizeTransactions,
  type CustomerSummary,
} from "./clv";
import fixtures from "./fixtures/bgnbd.json";
import { fitGammaGamma, simulateGammaGamma } from "./gamma-gamma";
import { createRandom } from "./random";

// Reference values: lib/analytics/fixtures/bgnbd.json ("cdnow"), written by scripts/reference/bgnbd.py:
// 12-month CLV of CDNOW customers computed in numpy/scipy the way `lifetimes`' customer_lifetime_value
// does (monthly differences of eq. 10 × Gamma-Gamma spend, discounted 1% a month), with 30-day months.

const f64 = (v: number[]) => Float64Array.from(v);
const relClose = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

function cdnowSummary(): CustomerSummary {
  const c = fixtures.cdnow;
  const x = f64(c.frequency);
  return {
    timeUnit: "week",
    customers: Int32Array.from(x.keys()),
    frequency: x,
    recency: f64(c.recency),
    T: f64(c.T),
    monetary: f64(c.monetary),
    holdout: null,
  };
}

describe("summarizeTransactions", () => {
  // customer 0: days 10 (20 + 5), 15 (30), 24 (10) in calibration; 33 (7), 40 (8) in the holdout;
  //             day 50 after the holdout end is ignored.
  // customer 1: first purchase on day 35, after the calibration end: left out.
  // customer 2: two purchases on day 30 = the calibration end: one purchase day, T = 0.
  // customer 3: none. customer 4: days 1 and 29.
  const tx = {
    customer: Int32Array.from([0, 2, 0, 4, 0, 1, 0, 0, 2, 0, 4, 0]),
    time: f64([24, 30, 10, 29, 33, 35, 15, 50, 30, 10, 1, 40]),
    amount: f64([10, 4, 20, 12, 7, 99, 30, 100, 6, 5, 3, 8]),
  };

  it("follows the literature's conventions in days", () => {
    const s = summarizeTransactions(tx, { calibrationEnd: 30, holdoutEnd: 44, timeUnit: "day" });
    expect(Array.from(s.customers)).toEqual([0, 2, 4]);
    expect(Array.from(s.frequency)).toEqual([2, 0, 1]); // distinct purchase days − 1
    expect(Array.from(s.recency)).toEqual([14, 0, 28]); // 24 − 10, 0, 29 − 1
    expect(Array.from(s.T)).toEqual([20, 0, 29]); // 30 − 10, 30 − 30, 30 − 1
    expect(Array.from(s.monetary)).toEqual([20, 0, 12]); // (30 + 10)/2 over repeat days; 0; 12
    expect(Array.from(s.holdout!.frequency)).toEqual([2, 0, 0]);
    expect(Array.from(s.holdout!.spend)).toEqual([15, 0, 0]);
    expect(s.holdout!.duration).toBe(14);
  });

  it("divides by 7 in weeks and has no holdout without holdoutEnd", () => {
    const s = summarizeTransactions(tx, { calibrationEnd: 30, timeUnit: "week" });
    expect(Array.from(s.recency)).toEqual([2, 0, 4]);
    expect(s.T[0]).toBeCloseTo(20 / 7, 15);
    expect(s.holdout).toBeNull();
  });

  it("names the bad row", () => {
    const bad = (i: number, field: "time" | "amount", v: number) => {
      const copy = { customer: tx.customer, time: tx.time.slice(), amount: tx.amount.slice() };
      copy[field][i] = v;
      return () => summarizeTransactions(copy, { calibrationEnd: 30, timeUnit: "day" });
    };
    expect(bad(3, "amount", 0)).toThrow(new RangeError("amount[3] must be a finite number > 0, got 0"));
    expect(bad(4, "amount", -2)).toThrow(new RangeError("amount[4] must be a finite number > 0, got -2"));
    expect(bad(5, "time", Number.NaN)).toThrow(new RangeError("time[5] must be a finite whole day number, got NaN"));
    expect(bad(6, "time", 12.5)).toThrow(new RangeError("time[6] must be a finite whole day number, got 12.5"));
    expect(() => summarizeTransactions(tx, { calibrationEnd: 30, holdoutEnd: 30, timeUnit: "day" })).toThrow(
      new RangeError("holdoutEnd must be a whole day number after calibrationEnd 30, got 30"),
    );
    expect(() =>
      summarizeTransactions(
        { ...tx, customer: Int32Array.from([0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) },
        { calibrationEnd: 30, timeUnit: "day" },
      ),
    ).toThrow(new RangeError("customer[1] must be ≥ 0, got -1"));
  });
});

describe("customerLifetimeValue", () => {
  const bg = fixtures.cdnow.bgnbd;
  const gg = fixtures.cdnow.gammaGamma;

  it("matches the numpy/scipy computation on CDNOW (12 months, 1% a month)", () => {
    const s = cdnowSummary();
    const out = customerLifetimeValue(bg, gg, s);
    for (const pred of fixtures.cdnow.predictions) {
      relClose(out.clv[pred.row]!, pred.clv12, 1e-10);
      relClose(
        out.expectedPurchases[pred.row]!,
        bgnbdExpectedPurchases(bg, (12 * 30) / 7, pred.x, pred.tx, pred.T),
        1e-12,
      );
      relClose(out.probabilityAlive[pred.row]!, pred.pAlive, 1e-13);
    }
  });

  it("with no discount is expected purchases × expected spend", () => {
    const s = cdnowSummary();
    const out = customerLifetimeValue(bg, gg, s, { months: 6, monthlyDiscount: 0 });
    const i = 5; // x = 7, m̄ = 73.74
    const value = (gg.p * (gg.gamma + 7 * 73.74)) / (gg.p * 7 + gg.q - 1);
    relClose(out.clv[i]!, out.expectedPurchases[i]! * value, 1e-12);
    expect(() => customerLifetimeValue(bg, gg, s, { months: 0 })).toThrow(
      new RangeError("months must be a positive integer, got 0"),
    );
  });
});

describe("customerLifetimeValueIntervals", () => {
  it("brackets the estimate, is reproducible, and is wider for a small store", () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.8 };
    const spend = { p: 6, q: 4, gamma: 15 };
    const store = (n: number, seed: number): CustomerSummary => {
      const random = createRandom(seed);
      const ages = Float64Array.from({ length: n }, () => Math.round(13 + 39 * random.next()));
      const sim = simulateBgNbd(truth, ages, { seed: seed + 1 });
      const monetary = new Float64Array(n);
      const repeat = Float64Array.from(sim.frequency).map((v) => Math.max(v, 1));
      const m = simulateGammaGamma(spend, repeat, seed + 2).monetary;
      for (let i = 0; i < n; i++) monetary[i] = sim.frequency[i]! > 0 ? m[i]! : 0;
      return {
        timeUnit: "week",
        customers: Int32Array.from(ages.keys()),
        frequency: sim.frequency,
        recency: sim.recency,
        T: sim.T,
        monetary,
        holdout: null,
      };
    };
    const relativeWidth = (s: CustomerSummary) => {
      const out = customerLifetimeValueIntervals(fitBgNbd(s), fitGammaGamma(s), s, { draws: 100, seed: 3 });
      let inside = 0;
      let width = 0;
      for (let i = 0; i < s.frequency.length; i++) {
        const { estimate, lower, upper } = out.clv;
        if (lower[i]! <= estimate[i]! && estimate[i]! <= upper[i]!) inside++;
        width += (upper[i]! - lower[i]!) / estimate[i]!;
        expect(out.probabilityAlive.upper[i]).toBeLessThanOrEqual(1);
      }
      return { inside: inside / s.frequency.length, width: width / s.frequency.length, out };
    };
    const small = relativeWidth(store(150, 40));
    const large = relativeWidth(store(5000, 50));
    // The estimate sits inside its 10–90% band for almost every customer (it is the value at the
    // centre of the parameter distribution; the band is of a smooth function of it).
    expect(small.inside).toBeGreaterThan(0.95);
    expect(large.inside).toBeGreaterThan(0.95);
    // 150 customers leave far more parameter uncertainty than 5,000 (≈ √33 ≈ 5.8× by the usual rate).
    expect(small.width).toBeGreaterThan(3 * large.width);
    const s = store(150, 40);
    const again = customerLifetimeValueIntervals(fitBgNbd(s), fitGammaGamma(s), s, { draws: 100, seed: 3 });
    expect(Array.from(again.clv.upper)).toEqual(Array.from(small.out.clv.upper));

    // A 2% geometric grid of ages for the draws leaves the estimate exact and moves the interval ends
    // by about 1% at most: E[purchases | alive] is smooth in T.
    const gridded = customerLifetimeValueIntervals(fitBgNbd(s), fitGammaGamma(s), s, {
      draws: 100,
      seed: 3,
      relativeTimeGrid: 0.02,
    });
    expect(Array.from(gridded.clv.estimate)).toEqual(Array.from(small.out.clv.estimate));
    for (let i = 0; i < s.frequency.length; i++) {
      const exact = small.out.clv;
      expect(Math.abs(gridded.clv.upper[i]! / exact.upper[i]! - 1)).toBeLessThan(0.015);
      expect(Math.abs(gridded.clv.lower[i]! / exact.lower[i]! - 1)).toBeLessThan(0.015);
    }
    expect(() => customerLifetimeValueIntervals(fitBgNbd(s), fitGammaGamma(s), s, { relativeTimeGrid: -1 })).toThrow(
      "relativeTimeGrid must be in [0, 1), got -1",
    );
  });
});

describe("compareHoldout", () => {
  it("predicts the holdout purchases of simulated customers per calibration group (Figure 4)", () => {
    const truth = { r: 0.6, alpha: 5, a: 0.8, b: 2.5 };
    const random = createRandom(7);
    const ages = Float64Array.from({ length: 5000 }, () => Math.round(20 + 19 * random.next()));
    const sim = simulateBgNbd(truth, ages, { seed: 8, holdout: 39 });
    const summary: CustomerSummary = {
      timeUnit: "week",
      customers: Int32Array.from(ages.keys()),
      frequency: sim.frequency,
      recency: sim.recency,
      T: sim.T,
      monetary: new Float64Array(5000),
      holdout: { frequency: sim.holdoutFrequency, spend: new Float64Array(5000), duration: 39 },
    };
    const fit = fitBgNbd(summary);
    const groups = compareHoldout(fit, summary);
    expect(groups.map((g) => g.repeatPurchases)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(groups.reduce((a, g) => a + g.customers, 0)).toBe(5000);
    for (const g of groups) {
      if (g.customers < 100) continue;
      // The actual mean is a mean of noisy counts: its standard error, from the group's own variance.
      let sq = 0;
      for (let i = 0; i < 5000; i++) {
        if (Math.min(sim.frequency[i]!, 7) === g.repeatPurchases) sq += (sim.holdoutFrequency[i]! - g.actualMean) ** 2;
      }
      const se = Math.sqrt(sq / (g.customers - 1) / g.customers);
      // 4 standard errors, plus 0.05 purchases for the fitted (not true) parameters.
      expect(Math.abs(g.actualMean - g.predictedMean)).toBeLessThan(4 * se + 0.05);
    }
    expect(() => compareHoldout(fit, { ...summary, holdout: null })).toThrow(
      new RangeError("the summary has no holdout period (pass holdoutEnd)"),
    );
  });
});
