// Features of three hand-made customers, every expected value worked out in the comments.
import { describe, expect, it } from "vitest";
import { customerFeatures, ORDER_CANCELLED, ORDER_PAID, ORDER_REFUNDED, type PurchaseData } from "./customer-features";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1); // cutoff = T0 + 200 days
const at = (day: number) => T0 + day * DAY;

function data(): PurchaseData {
  // Customer 0: paid on days 10, 40, 100 (gaps 30, 60), one cancelled order on day 50, one review 4★.
  // Customer 1: one paid order on day 190, refunded one on day 195 — and a paid order on day 205,
  //             after the cutoff, which must be ignored.
  // Customer 2: only a cancelled order: not in the population.
  const orders: [number, number, number, number, number, number][] = [
    // customer, day, status, total, discount, quantity
    [0, 10, ORDER_PAID, 100, 0, 1],
    [0, 40, ORDER_PAID, 200, 50, 2],
    [0, 50, ORDER_CANCELLED, 999, 0, 9],
    [0, 100, ORDER_PAID, 300, 0, 3],
    [1, 190, ORDER_PAID, 80, 20, 4],
    [1, 195, ORDER_REFUNDED, 70, 0, 1],
    [1, 205, ORDER_PAID, 5000, 0, 1],
    [2, 20, ORDER_CANCELLED, 10, 0, 1],
  ];
  // Lines: customer 0's orders split between categories A (0) and B (1); customer 1 all B.
  const lines: [number, number, number][] = [
    [0, 0, 100],
    [1, 0, 150],
    [1, 1, 50],
    [3, 1, 300],
    [4, 1, 80],
    [6, 0, 5000],
  ];
  return {
    customerCount: 3,
    signupAt: Float64Array.from([at(0), at(180), at(5)]),
    orders: {
      customer: Int32Array.from(orders.map((o) => o[0])),
      placedAt: Float64Array.from(orders.map((o) => at(o[1]))),
      status: Uint8Array.from(orders.map((o) => o[2])),
      total: Float64Array.from(orders.map((o) => o[3])),
      discount: Float64Array.from(orders.map((o) => o[4])),
      quantity: Float64Array.from(orders.map((o) => o[5])),
    },
    lines: {
      order: Int32Array.from(lines.map((l) => l[0])),
      category: Int32Array.from(lines.map((l) => l[1])),
      amount: Float64Array.from(lines.map((l) => l[2])),
    },
    categories: ["A", "B"],
    reviews: {
      customer: Int32Array.from([0, 1]),
      rating: Float64Array.from([4, 1]),
      createdAt: Float64Array.from([at(45), at(201)]),
    },
  };
}

describe("customer features as of a cutoff", () => {
  // Festival days for this test: day 40 and day 190.
  const isFestival = (t: number) => t === at(40) || t === at(190);
  const f = customerFeatures(data(), { cutoff: at(200), trendDays: 90, isFestival });
  const row = (customer: number) => {
    const i = Array.from(f.customers).indexOf(customer);
    return Object.fromEntries(f.names.map((name, j) => [name, f.matrix.data[i * f.names.length + j]]));
  };

  it("takes customers with a paid order before the cutoff", () => {
    expect(Array.from(f.customers)).toEqual([0, 1]);
  });

  it("computes RFM, tenure, order shape and regularity", () => {
    const c0 = row(0);
    expect(c0.recency_days).toBe(100); // last paid on day 100
    expect(c0.frequency).toBe(3);
    expect(c0.monetary).toBe(600);
    expect(c0.tenure_days).toBe(200); // signed up day 0
    expect(c0.aov).toBe(200);
    expect(c0.items_per_order).toBe(2); // (1 + 2 + 3) / 3
    expect(c0.gap_mean_days).toBe(45); // gaps 30 and 60
    expect(c0.gap_cv).toBeCloseTo(15 / 45, 12); // population sd of {30, 60} is 15
    expect(c0.discount_share).toBeCloseTo(50 / 650, 12); // discount over (paid + discount)
    expect(c0.cancel_rate).toBe(0.25); // 1 of 4 orders
    expect(c0.refund_rate).toBe(0);
    expect(c0.review_count).toBe(1);
    expect(c0.mean_rating).toBe(4);
    expect(c0["share:A"]).toBeCloseTo(250 / 600, 12); // A: 100 + 150; B: 50 + 300
    expect(c0["share:B"]).toBeCloseTo(350 / 600, 12);
    expect(c0.category_concentration).toBeCloseTo((250 / 600) ** 2 + (350 / 600) ** 2, 12);
  });

  it("ignores everything at or after the cutoff and leaves undefined features NaN", () => {
    const c1 = row(1);
    expect(c1.frequency).toBe(1); // the day-205 order is in the future
    expect(c1.monetary).toBe(80);
    expect(c1.recency_days).toBe(10);
    expect(c1.tenure_days).toBe(20);
    expect(c1.refund_rate).toBe(0.5);
    expect(c1.gap_mean_days).toBeNaN(); // one purchase: no gap
    expect(c1.gap_cv).toBeNaN();
    expect(c1.review_count).toBe(0); // the review is dated after the cutoff
    expect(c1.mean_rating).toBeNaN();
    expect(c1["share:B"]).toBe(1);
    expect(c1.category_concentration).toBe(1);
  });

  it("measures the trend of the last 90 days against the 90 before", () => {
    // Customer 0: last 90 days (110, 200) → nothing; the 90 before (20, 110] → 200 + 300 → trend -1.
    expect(row(0).trend).toBe(-1);
    // Customer 1: 80 in the last 90 days, nothing before → +1.
    expect(row(1).trend).toBe(1);
  });

  it("measures the share of paid orders placed in festivals", () => {
    expect(row(0).festival_share).toBeCloseTo(1 / 3, 12); // day 40 of days 10, 40, 100
    expect(row(1).festival_share).toBe(1); // day 190
  });

  it("refuses inconsistent input with a plain message", () => {
    const bad = data();
    bad.orders.customer[0] = 7;
    expect(() => customerFeatures(bad, { cutoff: at(200) })).toThrow(/refers to customer 7/);
    const neg = data();
    neg.orders.total[1] = -5;
    expect(() => customerFeatures(neg, { cutoff: at(200) })).toThrow(/invalid total/);
    expect(() => customerFeatures(data(), { cutoff: NaN })).toThrow(RangeError);
  });
});
