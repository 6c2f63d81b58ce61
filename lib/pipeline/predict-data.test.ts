import { describe, expect, it } from "vitest";
import { ORDER_CANCELLED, ORDER_PAID, ORDER_REFUNDED, type PurchaseData } from "../analytics/customer-features";
import {
  DAY,
  labelledSet,
  paidTransactions,
  reasonCounts,
  timeZoneOffset,
  transactionsToPurchaseData,
} from "./predict-data";

const T0 = Date.UTC(2025, 0, 1);
const d = (days: number) => T0 + days * DAY;

/** Orders as [customer, day, status, total]. */
function store(orders: [number, number, number, number][], customers = 4): PurchaseData {
  return {
    customerCount: customers,
    signupAt: new Float64Array(customers).fill(d(-10)),
    orders: {
      customer: Int32Array.from(orders.map((o) => o[0])),
      placedAt: Float64Array.from(orders.map((o) => d(o[1]))),
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

const P = ORDER_PAID;

describe("labelledSet", () => {
  // Cutoff T = day 100, horizon 30: label window [100, 130), last-spend window [70, 100).
  const base: [number, number, number, number][] = [
    [0, 10, P, 50], // c0: bought before T …
    [0, 80, P, 20], // … also in the last-spend window
    [0, 105, P, 30], // … and in the window: retained, next spend 30
    [0, 140, P, 99], // after the window: ignored
    [1, 20, P, 40], // c1: before T only → churned
    [1, 110, ORDER_CANCELLED, 60], // a cancelled order in the window does not count
    [2, 99, P, 10], // c2: bought the day before T …
    [2, 129, P, 5], // … and on the last day of the window: retained
    [3, 100, P, 70], // c3: first order on T itself: not in the population
  ];

  it("labels churn and spend from [T, T + H) and the baseline from [T − H, T)", () => {
    const set = labelledSet(store(base), d(100), 30);
    expect(Array.from(set.features.customers)).toEqual([0, 1, 2]);
    expect(Array.from(set.churned)).toEqual([0, 1, 0]);
    expect(Array.from(set.nextSpend)).toEqual([30, 0, 5]);
    expect(Array.from(set.lastSpend)).toEqual([20, 0, 10]);
  });

  it("features do not change when anything after T changes (no leakage)", () => {
    const before = labelledSet(store(base), d(100), 30);
    // Rewrite the future: other amounts and statuses after T, and new orders after T.
    const future = base.map(([c, day, s, total]) =>
      day >= 100
        ? ([c, day, s === P ? ORDER_REFUNDED : P, total * 7 + 1] as [number, number, number, number])
        : ([c, day, s, total] as [number, number, number, number]),
    );
    future.push([1, 101, P, 500], [2, 150, P, 1], [3, 120, P, 8]);
    const after = labelledSet(store(future), d(100), 30);
    expect(Array.from(after.features.customers)).toEqual(Array.from(before.features.customers));
    expect(after.features.names).toEqual(before.features.names);
    expect(Array.from(after.features.matrix.data)).toEqual(Array.from(before.features.matrix.data));
    // …while the labels do follow the future.
    expect(Array.from(after.churned)).toEqual([1, 0, 1]);
  });
});

describe("reasonCounts", () => {
  it("counts orders, refunds and cancellations before the cutoff, and paid orders per window", () => {
    const data = store([
      [0, 10, P, 1],
      [0, 50, ORDER_REFUNDED, 1],
      [0, 75, P, 1],
      [0, 95, ORDER_CANCELLED, 1],
      [0, 99, P, 1],
      [0, 100, P, 1], // at the cutoff: not counted
    ]);
    const c = reasonCounts(data, Int32Array.of(0), d(100), 30);
    expect([c.orders[0], c.refunded[0], c.cancelled[0], c.recentPaid[0], c.earlierPaid[0]]).toEqual([5, 1, 1, 2, 0]);
  });
});

describe("paidTransactions", () => {
  it("keeps paid orders before the cutoff, as calendar days in the store's time zone", () => {
    // 2025-01-01 20:00 UTC is 2025-01-02 04:00 in Shanghai (UTC+8).
    const data = store([
      [0, 0, P, 5],
      [1, 3, ORDER_REFUNDED, 5],
      [2, 200, P, 5],
    ]);
    data.orders.placedAt[0] = T0 + 20 * 3_600_000;
    const t = paidTransactions(data, d(100), "Asia/Shanghai");
    expect(Array.from(t.customer)).toEqual([0]);
    expect(Array.from(t.day)).toEqual([T0 / DAY + 1]);
    expect(timeZoneOffset("Asia/Shanghai", T0)).toBe(8 * 3_600_000);
    expect(timeZoneOffset("America/New_York", Date.UTC(2025, 6, 1))).toBe(-4 * 3_600_000);
  });
});

describe("transactionsToPurchaseData", () => {
  it("turns a transaction list into paid orders at noon with sign-up at the first purchase", () => {
    const data = transactionsToPurchaseData({
      customer: Int32Array.of(1, 0, 1),
      day: Float64Array.of(10, 12, 5),
      amount: Float64Array.of(3, 4, 5),
      customers: 2,
    });
    expect(Array.from(data.signupAt)).toEqual([12 * DAY + DAY / 2, 5 * DAY + DAY / 2]);
    expect(Array.from(data.orders.status)).toEqual([P, P, P]);
  });
});
