// Per-customer behavioural features as of a cutoff, from the store's orders, lines and reviews as
// typed arrays (the pipeline loads them from the database; nothing here does I/O). Only events
// strictly before the cutoff count, so the same function builds training features for a past cutoff
// without leaking the future.
//
// Population: customers with at least one paid order before the cutoff. Money is in the store's
// major unit (the loader divides minor units). Features that a customer cannot have (the gap between
// purchases with one purchase, the mean rating without reviews) are NaN, for imputation to decide.
import { createMatrix, type Matrix } from "./matrix";

export const ORDER_PAID = 0;
export const ORDER_CANCELLED = 1;
export const ORDER_REFUNDED = 2;

export type PurchaseData = {
  /** Number of customers; customers are referred to by index 0…customerCount-1. */
  customerCount: number;
  /** Sign-up instant (ms since epoch) per customer. */
  signupAt: Float64Array;
  orders: {
    customer: Int32Array;
    placedAt: Float64Array;
    /** ORDER_PAID, ORDER_CANCELLED or ORDER_REFUNDED */
    status: Uint8Array;
    /** What was paid, major units. */
    total: Float64Array;
    /** Line and order discounts together, major units. */
    discount: Float64Array;
    /** Units in the order. */
    quantity: Float64Array;
  };
  lines: {
    order: Int32Array;
    category: Int32Array;
    /** Line amount after its discount, major units. */
    amount: Float64Array;
    /** Product index (into `products`) of each line; for recommendations. */
    product?: Int32Array;
  };
  categories: readonly string[];
  reviews: {
    customer: Int32Array;
    rating: Float64Array;
    createdAt: Float64Array;
    /** Product index (into `products`) of each review; for rating-based recommenders. */
    product?: Int32Array;
  };
  /** The catalogue: database id, category index and whether it is on sale, per product index. */
  products?: { ids: Int32Array; category: Int32Array; active: Uint8Array };
  /** Sales channel of each order (index into names, -1 unknown); describes segments, not a feature. */
  orderChannels?: { channel: Int32Array; names: readonly string[] };
};

export type FeatureOptions = {
  cutoff: number;
  trendDays?: number;
  /** Whether an instant falls in a shopping festival (festivals.ts); without it festival_share is 0. */
  isFestival?: (instant: number) => boolean;
};

export type CustomerFeatures = {
  /** Customer indexes (into PurchaseData) of the rows of `matrix`. */
  customers: Int32Array;
  names: string[];
  matrix: Matrix;
};

const DAY = 86_400_000;

// Typed-array accumulation under noUncheckedIndexedAccess.
function add(a: Float64Array, i: number, v: number): void {
  a[i] = (a[i] as number) + v;
}

export const BASE_FEATURES = [
  "recency_days",
  "frequency",
  "monetary",
  "tenure_days",
  "aov",
  "items_per_order",
  "gap_mean_days",
  "gap_cv",
  "discount_share",
  "cancel_rate",
  "refund_rate",
  "review_count",
  "mean_rating",
  "trend",
  "festival_share",
  "category_concentration",
] as const;

export function categoryFeatureName(category: string): string {
  return `share:${category}`;
}

function checkLengths(data: PurchaseData): void {
  const { orders, lines, reviews } = data;
  const m = orders.customer.length;
  for (const [name, arr] of Object.entries(orders)) {
    if (arr.length !== m) throw new RangeError(`orders.${name} has ${arr.length} values, expected ${m}`);
  }
  const l = lines.order.length;
  if (lines.category.length !== l || lines.amount.length !== l) throw new RangeError("lines arrays differ in length");
  const r = reviews.customer.length;
  if (reviews.rating.length !== r || reviews.createdAt.length !== r)
    throw new RangeError("reviews arrays differ in length");
  if (data.signupAt.length !== data.customerCount) throw new RangeError("signupAt must have one value per customer");
}

export function customerFeatures(data: PurchaseData, options: FeatureOptions): CustomerFeatures {
  const cutoff = options.cutoff;
  const trendMs = (options.trendDays ?? 90) * DAY;
  if (!Number.isFinite(cutoff)) throw new RangeError("cutoff must be a finite instant");
  if (!(trendMs > 0)) throw new RangeError("trendDays must be positive");
  checkLengths(data);
  const n = data.customerCount;
  const { orders, lines, reviews } = data;
  const m = orders.customer.length;
  const k = data.categories.length;

  const allOrders = new Float64Array(n);
  const paid = new Float64Array(n);
  const cancelled = new Float64Array(n);
  const refunded = new Float64Array(n);
  const spend = new Float64Array(n);
  const discount = new Float64Array(n);
  const units = new Float64Array(n);
  const first = new Float64Array(n).fill(Infinity);
  const last = new Float64Array(n).fill(-Infinity);
  const festival = new Float64Array(n); // paid orders placed in a festival window
  const isFestival = options.isFestival;
  const recent = new Float64Array(n); // spend in (cutoff - trend, cutoff)
  const before = new Float64Array(n); // spend in (cutoff - 2·trend, cutoff - trend]
  const paidOrders: number[] = [];

  for (let o = 0; o < m; o++) {
    const t = orders.placedAt[o] as number;
    if (!(t < cutoff)) continue;
    const c = orders.customer[o] as number;
    if (c < 0 || c >= n) throw new RangeError(`order ${o} refers to customer ${c}, outside 0…${n - 1}`);
    const total = orders.total[o] as number;
    if (!Number.isFinite(total) || total < 0) throw new RangeError(`order ${o} has an invalid total (${total})`);
    add(allOrders, c, 1);
    const status = orders.status[o];
    if (status === ORDER_CANCELLED) add(cancelled, c, 1);
    else if (status === ORDER_REFUNDED) add(refunded, c, 1);
    if (status !== ORDER_PAID) continue;
    paidOrders.push(o);
    add(paid, c, 1);
    add(spend, c, total);
    add(discount, c, orders.discount[o] as number);
    add(units, c, orders.quantity[o] as number);
    if (t < (first[c] as number)) first[c] = t;
    if (t > (last[c] as number)) last[c] = t;
    if (isFestival?.(t)) add(festival, c, 1);
    if (t > cutoff - trendMs) add(recent, c, total);
    else if (t > cutoff - 2 * trendMs) add(before, c, total);
  }

  // Gaps between consecutive paid purchases: sort paid orders by (customer, time).
  paidOrders.sort(
    (a, b) =>
      (orders.customer[a] as number) - (orders.customer[b] as number) ||
      (orders.placedAt[a] as number) - (orders.placedAt[b] as number),
  );
  const gapSum = new Float64Array(n);
  const gapSq = new Float64Array(n);
  for (let i = 1; i < paidOrders.length; i++) {
    const a = paidOrders[i - 1] as number;
    const b = paidOrders[i] as number;
    const c = orders.customer[b] as number;
    if (orders.customer[a] !== c) continue;
    const gap = ((orders.placedAt[b] as number) - (orders.placedAt[a] as number)) / DAY;
    add(gapSum, c, gap);
    add(gapSq, c, gap * gap);
  }

  // Category shares of paid spend, from the lines of paid orders before the cutoff.
  const catSpend = new Float64Array(n * k);
  const lineTotal = new Float64Array(n);
  for (let l = 0; l < lines.order.length; l++) {
    const o = lines.order[l] as number;
    if (o < 0 || o >= m) throw new RangeError(`line ${l} refers to order ${o}, outside 0…${m - 1}`);
    if (!((orders.placedAt[o] as number) < cutoff) || orders.status[o] !== ORDER_PAID) continue;
    const c = orders.customer[o] as number;
    const cat = lines.category[l] as number;
    if (cat < 0 || cat >= k) throw new RangeError(`line ${l} has category ${cat}, outside 0…${k - 1}`);
    const amount = lines.amount[l] as number;
    add(catSpend, c * k + cat, amount);
    add(lineTotal, c, amount);
  }

  const reviewCount = new Float64Array(n);
  const ratingSum = new Float64Array(n);
  for (let r = 0; r < reviews.customer.length; r++) {
    if (!((reviews.createdAt[r] as number) < cutoff)) continue;
    const c = reviews.customer[r] as number;
    if (c < 0 || c >= n) throw new RangeError(`review ${r} refers to customer ${c}, outside 0…${n - 1}`);
    add(reviewCount, c, 1);
    add(ratingSum, c, reviews.rating[r] as number);
  }

  const population: number[] = [];
  for (let c = 0; c < n; c++) if ((paid[c] as number) > 0) population.push(c);
  const names = [...BASE_FEATURES, ...data.categories.map(categoryFeatureName)];
  const cols = names.length;
  const out = createMatrix(population.length, cols);
  const d = out.data;
  population.forEach((c, row) => {
    const f = paid[c] as number;
    const base = row * cols;
    const gaps = f - 1;
    const gapMean = gaps > 0 ? (gapSum[c] as number) / gaps : NaN;
    const gapVar = gaps > 0 ? Math.max(0, (gapSq[c] as number) / gaps - gapMean * gapMean) : NaN;
    const gross = (spend[c] as number) + (discount[c] as number);
    const a = recent[c] as number;
    const b = before[c] as number;
    d[base + 0] = (cutoff - (last[c] as number)) / DAY;
    d[base + 1] = f;
    d[base + 2] = spend[c] as number;
    d[base + 3] = Math.max(0, (cutoff - Math.min(data.signupAt[c] as number, first[c] as number)) / DAY);
    d[base + 4] = (spend[c] as number) / f;
    d[base + 5] = (units[c] as number) / f;
    d[base + 6] = gapMean;
    // Coefficient of variation of the gaps (population sd / mean); 0 for perfectly regular buyers.
    d[base + 7] = gaps > 0 && gapMean > 0 ? Math.sqrt(gapVar) / gapMean : NaN;
    d[base + 8] = gross > 0 ? (discount[c] as number) / gross : 0;
    d[base + 9] = (cancelled[c] as number) / (allOrders[c] as number);
    d[base + 10] = (refunded[c] as number) / (allOrders[c] as number);
    d[base + 11] = reviewCount[c] as number;
    d[base + 12] = (reviewCount[c] as number) > 0 ? (ratingSum[c] as number) / (reviewCount[c] as number) : NaN;
    // Symmetric trend in [-1, 1]: (recent − before) / (recent + before); 0 when both are empty.
    d[base + 13] = a + b > 0 ? (a - b) / (a + b) : 0;
    d[base + 14] = (festival[c] as number) / f;
    const lt = lineTotal[c] as number;
    // Herfindahl index of the category shares: 1 = one category only, 1/k = spread evenly.
    let hhi = 0;
    for (let j = 0; j < k; j++) {
      const share = lt > 0 ? (catSpend[c * k + j] as number) / lt : 0;
      d[base + BASE_FEATURES.length + j] = share;
      hhi += share * share;
    }
    d[base + 15] = lt > 0 ? hhi : NaN;
  });
  return { customers: Int32Array.from(population), names, matrix: out };
}
