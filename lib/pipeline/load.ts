// The pipeline's load step: one store's customers, orders, lines and reviews from the database into
// the typed arrays lib/analytics works on (PurchaseData), with the id ↔ index maps to come back.
// Money leaves the database in minor units and arrives here in the store's major unit.
import type { SqlClient } from "../db/connection";
import { ORDER_CANCELLED, ORDER_PAID, ORDER_REFUNDED, type PurchaseData } from "../analytics/customer-features";

export type LoadedStore = {
  data: PurchaseData;
  /** customerIds[i] is the database id of customer index i. */
  customerIds: Int32Array;
  /** The latest order instant (ms), or null for a store without orders. */
  lastOrderAt: number | null;
};

const STATUS: Record<string, number> = { paid: ORDER_PAID, cancelled: ORDER_CANCELLED, refunded: ORDER_REFUNDED };

export async function loadPurchaseData(
  sql: SqlClient,
  storeId: number,
  minorPerMajor: number,
  onProgress: (fraction: number) => void = () => undefined,
): Promise<LoadedStore> {
  const customers = await sql.query<{ id: number; signup_at: Date }>(
    "SELECT id, signup_at FROM customer WHERE store_id = $1 ORDER BY id",
    [storeId],
  );
  const index = new Map<number, number>();
  const customerIds = new Int32Array(customers.length);
  const signupAt = new Float64Array(customers.length);
  customers.forEach((c, i) => {
    index.set(c.id, i);
    customerIds[i] = c.id;
    signupAt[i] = c.signup_at.getTime();
  });
  onProgress(0.15);

  const orders = await sql.query<{
    id: number;
    customer_id: number;
    placed_at: Date;
    status: string;
    total_minor: number;
    discount_minor: number;
    quantity: number;
    channel: string | null;
  }>(
    `SELECT o.id, o.customer_id, o.placed_at, o.status::text AS status, o.total_minor, o.channel,
            (o.discount_minor + coalesce(i.line_discount, 0))::float8 AS discount_minor,
            coalesce(i.quantity, 0)::float8 AS quantity
     FROM "order" o
     LEFT JOIN (
       SELECT order_id, sum(quantity) AS quantity, sum(discount_minor) AS line_discount
       FROM order_item WHERE store_id = $1 GROUP BY order_id
     ) i ON i.order_id = o.id
     WHERE o.store_id = $1
     ORDER BY o.id`,
    [storeId],
  );
  const orderIndex = new Map<number, number>();
  const m = orders.length;
  const o = {
    customer: new Int32Array(m),
    placedAt: new Float64Array(m),
    status: new Uint8Array(m),
    total: new Float64Array(m),
    discount: new Float64Array(m),
    quantity: new Float64Array(m),
  };
  const channelNames: string[] = [];
  const channelIndex = new Map<string, number>();
  const channel = new Int32Array(m).fill(-1);
  let lastOrderAt: number | null = null;
  orders.forEach((row, i) => {
    if (row.channel) {
      let ch = channelIndex.get(row.channel);
      if (ch === undefined) {
        ch = channelNames.length;
        channelNames.push(row.channel);
        channelIndex.set(row.channel, ch);
      }
      channel[i] = ch;
    }
    const c = index.get(row.customer_id);
    if (c === undefined)
      throw new Error(`order ${row.id} refers to customer ${row.customer_id}, which is not in the store`);
    orderIndex.set(row.id, i);
    o.customer[i] = c;
    const t = row.placed_at.getTime();
    o.placedAt[i] = t;
    if (lastOrderAt === null || t > lastOrderAt) lastOrderAt = t;
    const status = STATUS[row.status];
    if (status === undefined) throw new Error(`order ${row.id} has an unknown status ${row.status}`);
    o.status[i] = status;
    o.total[i] = row.total_minor / minorPerMajor;
    o.discount[i] = row.discount_minor / minorPerMajor;
    o.quantity[i] = row.quantity;
  });
  onProgress(0.5);

  const lines = await sql.query<{ order_id: number; category: string; amount_minor: number }>(
    `SELECT oi.order_id, p.category, (oi.quantity * oi.unit_price_minor - oi.discount_minor)::float8 AS amount_minor
     FROM order_item oi JOIN product p ON p.store_id = oi.store_id AND p.id = oi.product_id
     WHERE oi.store_id = $1`,
    [storeId],
  );
  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const l = {
    order: new Int32Array(lines.length),
    category: new Int32Array(lines.length),
    amount: new Float64Array(lines.length),
  };
  lines.forEach((row, i) => {
    let cat = categoryIndex.get(row.category);
    if (cat === undefined) {
      cat = categories.length;
      categories.push(row.category);
      categoryIndex.set(row.category, cat);
    }
    const oi = orderIndex.get(row.order_id);
    if (oi === undefined) throw new Error(`order line refers to order ${row.order_id}, which is not in the store`);
    l.order[i] = oi;
    l.category[i] = cat;
    l.amount[i] = row.amount_minor / minorPerMajor;
  });
  onProgress(0.85);

  const reviews = await sql.query<{ customer_id: number; rating: number; created_at: Date }>(
    "SELECT customer_id, rating, created_at FROM review WHERE store_id = $1",
    [storeId],
  );
  const r = {
    customer: new Int32Array(reviews.length),
    rating: new Float64Array(reviews.length),
    createdAt: new Float64Array(reviews.length),
  };
  reviews.forEach((row, i) => {
    const c = index.get(row.customer_id);
    if (c === undefined) throw new Error(`a review refers to customer ${row.customer_id}, which is not in the store`);
    r.customer[i] = c;
    r.rating[i] = row.rating;
    r.createdAt[i] = row.created_at.getTime();
  });
  onProgress(1);

  return {
    data: {
      customerCount: customers.length,
      signupAt,
      orders: o,
      lines: l,
      categories,
      reviews: r,
      orderChannels: { channel, names: channelNames },
    },
    customerIds,
    lastOrderAt,
  };
}
