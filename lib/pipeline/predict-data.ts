// The data side of the prediction steps: labelled training sets as of a past cutoff (features strictly
// before T, outcomes in [T, T + H)), the per-customer counts reason codes quote, and the transaction
// list the BG/NBD and Gamma-Gamma models read. Nothing after a cutoff reaches the features of that
// cutoff (predict-data.test.ts proves it by rewriting the future).
import {
  customerFeatures,
  ORDER_CANCELLED,
  ORDER_PAID,
  ORDER_REFUNDED,
  type CustomerFeatures,
  type PurchaseData,
} from "../analytics/customer-features";
import { createMatrix, type Matrix } from "../analytics/matrix";

export const DAY = 86_400_000;

export class PredictionDataError extends Error {
  override name = "PredictionDataError";
}

export type LabelledSet = {
  features: CustomerFeatures;
  /** 1 = no paid order in [T, T + H). */
  churned: Uint8Array;
  /** Paid spend in [T, T + H), major units. */
  nextSpend: Float64Array;
  /** Paid spend in [T − H, T): the naive spend baseline. */
  lastSpend: Float64Array;
  cutoff: number;
};

/**
 * Training set for the churn and spend models: features as of T (orders strictly before T), and for each
 * of those customers whether they placed a paid order in [T, T + H) and how much they spent there.
 */
export function labelledSet(
  data: PurchaseData,
  cutoffT: number,
  horizonDays: number,
  isFestival?: (t: number) => boolean,
): LabelledSet {
  const features = customerFeatures(data, { cutoff: cutoffT, isFestival });
  const end = cutoffT + horizonDays * DAY;
  const start = cutoffT - horizonDays * DAY;
  const rowOf = new Int32Array(data.customerCount).fill(-1);
  features.customers.forEach((c, row) => (rowOf[c] = row));
  const n = features.customers.length;
  const nextSpend = new Float64Array(n);
  const lastSpend = new Float64Array(n);
  const bought = new Uint8Array(n);
  const { orders } = data;
  for (let o = 0; o < orders.customer.length; o++) {
    if (orders.status[o] !== ORDER_PAID) continue;
    const row = rowOf[orders.customer[o] as number] as number;
    if (row < 0) continue;
    const t = orders.placedAt[o] as number;
    const total = orders.total[o] as number;
    if (t >= cutoffT && t < end) {
      bought[row] = 1;
      nextSpend[row] = (nextSpend[row] as number) + total;
    } else if (t >= start && t < cutoffT) lastSpend[row] = (lastSpend[row] as number) + total;
  }
  const churned = bought.map((b) => 1 - b);
  return { features, churned, nextSpend, lastSpend, cutoff: cutoffT };
}

/** Per-customer counts as of a cutoff, for reason codes ("refunds on 2 of 3 orders"). */
export type ReasonCounts = {
  orders: Int32Array;
  refunded: Int32Array;
  cancelled: Int32Array;
  /** Paid orders in [cutoff − H, cutoff) and in [cutoff − 2H, cutoff − H). */
  recentPaid: Int32Array;
  earlierPaid: Int32Array;
};

export function reasonCounts(
  data: PurchaseData,
  customers: Int32Array,
  cutoff: number,
  horizonDays: number,
): ReasonCounts {
  const rowOf = new Int32Array(data.customerCount).fill(-1);
  customers.forEach((c, row) => (rowOf[c] = row));
  const n = customers.length;
  const out: ReasonCounts = {
    orders: new Int32Array(n),
    refunded: new Int32Array(n),
    cancelled: new Int32Array(n),
    recentPaid: new Int32Array(n),
    earlierPaid: new Int32Array(n),
  };
  const h = horizonDays * DAY;
  const { orders } = data;
  for (let o = 0; o < orders.customer.length; o++) {
    const t = orders.placedAt[o] as number;
    if (!(t < cutoff)) continue;
    const row = rowOf[orders.customer[o] as number] as number;
    if (row < 0) continue;
    out.orders[row]!++;
    const s = orders.status[o];
    if (s === ORDER_REFUNDED) out.refunded[row]!++;
    else if (s === ORDER_CANCELLED) out.cancelled[row]!++;
    else if (s === ORDER_PAID) {
      if (t >= cutoff - h) out.recentPaid[row]!++;
      else if (t >= cutoff - 2 * h) out.earlierPaid[row]!++;
    }
  }
  return out;
}

/** The UTC offset (ms) of a time zone at an instant, for turning instants into the store's calendar days. */
export function timeZoneOffset(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return local - Math.floor(at / 1000) * 1000;
}

export type Transactions = {
  customer: Int32Array;
  /** Calendar day number in the store's time zone (days since 1970-01-01). */
  day: Float64Array;
  amount: Float64Array;
  customers: number;
};

/**
 * Paid orders before the cutoff as transactions for BG/NBD and Gamma-Gamma: customer, calendar day in
 * the store's time zone (one fixed offset, taken at the cutoff: a daylight-saving hour moves an order
 * across midnight rarely enough not to matter for a daily model), amount. Zero-value orders (fully
 * discounted or free samples) are left out: BG/NBD and Gamma-Gamma model paying purchases.
 */
export function paidTransactions(data: PurchaseData, cutoff: number, timeZone: string): Transactions {
  const offset = timeZoneOffset(timeZone, cutoff);
  const { orders } = data;
  let m = 0;
  for (let o = 0; o < orders.customer.length; o++) {
    if (orders.status[o] === ORDER_PAID && (orders.placedAt[o] as number) < cutoff && (orders.total[o] as number) > 0)
      m++;
  }
  const out: Transactions = {
    customer: new Int32Array(m),
    day: new Float64Array(m),
    amount: new Float64Array(m),
    customers: data.customerCount,
  };
  let i = 0;
  for (let o = 0; o < orders.customer.length; o++) {
    const t = orders.placedAt[o] as number;
    if (orders.status[o] !== ORDER_PAID || !(t < cutoff) || !((orders.total[o] as number) > 0)) continue;
    out.customer[i] = orders.customer[o] as number;
    out.day[i] = Math.floor((t + offset) / DAY);
    out.amount[i] = orders.total[o] as number;
    i++;
  }
  return out;
}

/** Column j of a matrix as a new array. */
export function columnOf(m: Matrix, j: number): Float64Array {
  if (j < 0 || j >= m.cols) throw new RangeError(`column ${j} is outside 0…${m.cols - 1}`);
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j] as number;
  return out;
}

/**
 * A bare transaction list (customer, calendar day, amount — the `analytics churn` file) as PurchaseData:
 * each transaction a paid order at noon UTC of its day, no lines, reviews or sign-up dates (sign-up =
 * first purchase). Features that need what the file lacks come out constant and are dropped by the
 * model preprocessing.
 */
export function transactionsToPurchaseData(t: {
  customer: Int32Array;
  day: Float64Array;
  amount: Float64Array;
  customers: number;
}): PurchaseData {
  const m = t.customer.length;
  const placedAt = Float64Array.from(t.day, (d) => d * DAY + DAY / 2);
  const signupAt = new Float64Array(t.customers).fill(Infinity);
  for (let i = 0; i < m; i++) {
    const c = t.customer[i] as number;
    if ((placedAt[i] as number) < (signupAt[c] as number)) signupAt[c] = placedAt[i] as number;
  }
  return {
    customerCount: t.customers,
    signupAt,
    orders: {
      customer: t.customer,
      placedAt,
      status: new Uint8Array(m).fill(ORDER_PAID),
      total: t.amount,
      discount: new Float64Array(m),
      quantity: new Float64Array(m).fill(1),
    },
    lines: { order: new Int32Array(0), category: new Int32Array(0), amount: new Float64Array(0) },
    categories: [],
    reviews: { customer: new Int32Array(0), rating: new Float64Array(0), createdAt: new Float64Array(0) },
  };
}

/** Features the supervised models get on top of customerFeatures. */
export const MODEL_FEATURES = ["orders_recent", "overdue_ratio", "p_alive", "expected_purchases_h"] as const;

/**
 * customerFeatures plus, as of the same cutoff and from orders before it only: paid orders in the last
 * H days, how overdue the customer is (days since the last order ÷ their usual gap), and the BG/NBD
 * model's P(alive) and expected purchases in the next H days — fitted on the orders before the
 * cutoff, so a training set as of T never sees T's future. Without enough repeat buyers for BG/NBD
 * the two model columns are NaN (the preprocessing drops or imputes them).
 */
export function withModelFeatures(
  data: PurchaseData,
  features: CustomerFeatures,
  cutoff: number,
  horizonDays: number,
  bgnbd: () => { customers: Int32Array; pAlive: Float64Array; expected: Float64Array } | null,
): CustomerFeatures {
  const base = features.matrix;
  const n = base.rows;
  const cols = base.cols + MODEL_FEATURES.length;
  const out = createMatrix(n, cols);
  const rowOf = new Int32Array(data.customerCount).fill(-1);
  features.customers.forEach((c, row) => (rowOf[c] = row));
  const recent = new Float64Array(n);
  const { orders } = data;
  const from = cutoff - horizonDays * DAY;
  for (let o = 0; o < orders.customer.length; o++) {
    const t = orders.placedAt[o] as number;
    if (orders.status[o] !== ORDER_PAID || !(t < cutoff) || t < from) continue;
    const row = rowOf[orders.customer[o] as number] as number;
    if (row >= 0) recent[row] = (recent[row] as number) + 1;
  }
  const pAlive = new Float64Array(n).fill(NaN);
  const expected = new Float64Array(n).fill(NaN);
  const fitted = bgnbd();
  if (fitted) {
    fitted.customers.forEach((c, k) => {
      const row = rowOf[c] as number;
      if (row < 0) return;
      pAlive[row] = fitted.pAlive[k] as number;
      expected[row] = fitted.expected[k] as number;
    });
  }
  const jRecency = features.names.indexOf("recency_days");
  const jGap = features.names.indexOf("gap_mean_days");
  for (let i = 0; i < n; i++) {
    out.data.set(base.data.subarray(i * base.cols, (i + 1) * base.cols), i * cols);
    const recency = base.data[i * base.cols + jRecency] as number;
    const gap = base.data[i * base.cols + jGap] as number;
    const k = i * cols + base.cols;
    out.data[k] = recent[i] as number;
    out.data[k + 1] = gap > 0 ? recency / gap : NaN;
    out.data[k + 2] = pAlive[i] as number;
    out.data[k + 3] = expected[i] as number;
  }
  return { customers: features.customers, names: [...features.names, ...MODEL_FEATURES], matrix: out };
}
