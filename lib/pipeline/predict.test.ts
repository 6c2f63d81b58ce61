// The prediction steps on small hand-made stores: the minimum-data checks say what is missing instead
// of producing numbers, small stores get leave-one-out, and reason codes carry the customer's figures.
import { describe, expect, it } from "vitest";
import { customerFeatures, ORDER_PAID, ORDER_REFUNDED, type PurchaseData } from "../analytics/customer-features";
import { createRandom } from "../analytics/random";
import type { ChurnReport, ClvReport, Reason } from "../db/prediction-report";
import { predictionParamsSchema } from "../validation/pipeline";
import { computePredictions, pairedGain } from "./predict";
import { DAY } from "./predict-data";

const NOW = Date.UTC(2026, 10, 1);

/** Orders as [customer, days before NOW, status, total]. */
function store(customers: number, orders: [number, number, number, number][]): PurchaseData {
  return {
    customerCount: customers,
    signupAt: new Float64Array(customers).fill(NOW - 800 * DAY),
    orders: {
      customer: Int32Array.from(orders.map((o) => o[0])),
      placedAt: Float64Array.from(orders.map((o) => NOW - o[1] * DAY)),
      status: Uint8Array.from(orders.map((o) => o[2])),
      total: Float64Array.from(orders.map((o) => o[3])),
      discount: new Float64Array(orders.length),
      quantity: new Float64Array(orders.length).fill(1),
    },
    lines: { order: new Int32Array(0), category: new Int32Array(0), amount: new Float64Array(0) },
    categories: [],
    reviews: { customer: new Int32Array(0), rating: new Float64Array(0), createdAt: new Float64Array(0) },
  };
}

function predict(data: PurchaseData, params = {}) {
  const cutoff = NOW + 1;
  return computePredictions({
    data,
    cutoff,
    timeZone: "UTC",
    params: predictionParamsSchema.parse(params),
    seed: 0,
    current: customerFeatures(data, { cutoff }),
  });
}

/** A store where loyal customers keep buying every ~20 days and lapsing ones stop at a random point. */
function lively(customers: number, seed: number): PurchaseData {
  const random = createRandom(seed);
  const orders: [number, number, number, number][] = [];
  for (let c = 0; c < customers; c++) {
    const loyal = random.next() < 0.5;
    const stop = loyal ? 0 : 60 + Math.floor(random.next() * 300);
    for (let day = 400 - Math.floor(random.next() * 30); day > stop; day -= 10 + Math.floor(random.next() * 25)) {
      const refunded = !loyal && random.next() < 0.3;
      orders.push([c, day, refunded ? ORDER_REFUNDED : ORDER_PAID, 20 + Math.floor(random.next() * 80)]);
    }
  }
  return store(customers, orders);
}

describe("computePredictions: minimum data", () => {
  it("a store younger than the horizon gets no churn or spend model, and says why", () => {
    const orders: [number, number, number, number][] = [];
    for (let c = 0; c < 40; c++)
      orders.push([c, 30 + (c % 20), ORDER_PAID, 10], [c, 5 + (c % 10), ORDER_PAID, 12 + (c % 7)]);
    const out = predict(store(40, orders));
    expect(out.summary.churn).toEqual({ skipped: { code: "history_too_short", values: { days: 90 } } });
    expect(out.summary.spend).toEqual(out.summary.churn);
    expect(Array.from(out.churnProb).every(Number.isNaN)).toBe(true);
    expect(out.reasons.every((r) => r === "")).toBe(true);
    // 40 customers, all with a repeat purchase: enough for BG/NBD.
    expect(out.summary.clv).not.toHaveProperty("skipped");
    expect(Array.from(out.clv).every(Number.isFinite)).toBe(true);
  });

  it("too few customers, or too few of one outcome, are named with the counts", () => {
    const few: [number, number, number, number][] = [];
    for (let c = 0; c < 12; c++) few.push([c, 200, ORDER_PAID, 10], [c, 20 + c, ORDER_PAID, 10]);
    const a = predict(store(12, few));
    expect(a.summary.churn).toEqual({
      skipped: { code: "too_few_customers", values: { labelled: 12, needed: 30, days: 90 } },
    });
    expect(a.summary.clv).toEqual({
      skipped: { code: "clv_too_few_customers", values: { customers: 12, needed: 20 } },
    });

    const allStay: [number, number, number, number][] = [];
    for (let c = 0; c < 40; c++) allStay.push([c, 300, ORDER_PAID, 10], [c, 10 + c, ORDER_PAID, 10]);
    const b = predict(store(40, allStay));
    expect(b.summary.churn).toEqual({
      skipped: { code: "too_few_churned", values: { count: 0, needed: 5, days: 90 } },
    });

    const oneOrderEach: [number, number, number, number][] = [];
    for (let c = 0; c < 40; c++) oneOrderEach.push([c, 100 + c, ORDER_PAID, 10]);
    expect(predict(store(40, oneOrderEach)).summary.clv).toEqual({
      skipped: { code: "clv_too_few_repeat", values: { repeat: 0, needed: 5 } },
    });
  });
});

describe("computePredictions: models and reasons", () => {
  it("uses leave-one-out below 100 labelled customers, with pooled metrics", () => {
    const out = predict(lively(70, 1));
    const churn = out.summary.churn as ChurnReport;
    expect(churn.validation).toBe("leave-one-out");
    expect(churn.folds).toBe(churn.labelled);
    expect(churn.models.every((m) => m.metrics.auc!.std === null)).toBe(true);
    expect(churn.gainOverBaseline).toBeNull();
    expect(churn.models.find((m) => m.key === churn.chosen)!.metrics.auc!.mean).toBeGreaterThan(0.75);
  });

  it("k-fold from 100 customers: scores everyone, and reasons quote the customer's own figures", () => {
    const data = lively(300, 2);
    const out = predict(data);
    const churn = out.summary.churn as ChurnReport;
    expect(churn.validation).toBe("k-fold");
    expect(churn.folds).toBe(5);
    expect(churn.gainOverBaseline?.folds).toBe(5);
    const n = out.churnProb.length;
    expect(Array.from(out.churnProb).every((p) => p >= 0 && p <= 1)).toBe(true);
    // Spend hardly differs between these customers, so Gamma-Gamma heads for its no-heterogeneity
    // limit (q, γ → ∞); the bounded search keeps its likelihood a real number there, and the intervals
    // still bracket every estimate.
    const clv = out.summary.clv as ClvReport;
    expect(clv.gammaGamma!.q).toBeGreaterThan(1e4);
    expect(Number.isFinite(clv.gammaGamma!.logLikelihood)).toBe(true);
    expect(clv.gammaGamma!.logLikelihood).toBeLessThan(0);
    expect(Array.from(out.clvLow).every((v, i) => v <= out.clv[i]! && out.clv[i]! <= out.clvHigh[i]!)).toBe(true);
    // Every scored customer has reasons, each a known code with a sign, at most three, no code twice.
    const reasons = out.reasons.map((r) => JSON.parse(r) as Reason[]);
    expect(reasons).toHaveLength(n);
    for (const list of reasons) {
      expect(list.length).toBeLessThanOrEqual(3);
      expect(new Set(list.map((r) => r.code)).size).toBe(list.length);
      for (const r of list) expect([1, -1]).toContain(r.sign);
    }
    // The figures are the customer's: a refund reason counts refunds and orders before the cutoff.
    const current = customerFeatures(data, { cutoff: NOW + 1 });
    reasons.forEach((list, i) => {
      const refunds = list.find((r) => r.code === "refunds");
      if (!refunds) return;
      const c = current.customers[i]!;
      let orders = 0;
      let refunded = 0;
      data.orders.customer.forEach((cc, o) => {
        if (cc !== c) return;
        orders++;
        if (data.orders.status[o] === ORDER_REFUNDED) refunded++;
      });
      expect(refunds.values).toMatchObject({ refunded, orders });
    });
    expect(reasons.some((list) => list.some((r) => r.code === "recency"))).toBe(true);
  });

  it("pairs fold AUCs for the gain over the baseline", () => {
    const model = { foldAuc: [0.8, 0.9, 0.85] } as Parameters<typeof pairedGain>[0];
    const base = { foldAuc: [0.7, 0.92, 0.8] } as Parameters<typeof pairedGain>[1];
    const g = pairedGain(model, base)!;
    // Differences 0.1, −0.02, 0.05: mean 0.0433…, population sd √((0.0567² + 0.0633² + 0.0067²)/3).
    expect(g.mean).toBeCloseTo(0.13 / 3, 12);
    expect(g.std).toBeCloseTo(Math.sqrt((0.0566667 ** 2 + 0.0633333 ** 2 + 0.0066667 ** 2) / 3), 5);
    expect(g.foldsWon).toBe(2);
    expect(pairedGain({ ...model, foldAuc: undefined } as never, base)).toBeNull();
  });
});
