import "server-only";
import { getSql } from "../client";

export type DataSummary = {
  customers: number;
  products: number;
  activeProducts: number;
  categories: number;
  orders: number;
  orderItems: number;
  reviews: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  ordersByStatus: { paid: number; cancelled: number; refunded: number };
};

/** How much data the store has: the Data page, and the overview's "is there anything" check. */
export async function getDataSummary(storeId: number): Promise<DataSummary> {
  const sql = await getSql();
  const rows = await sql.query<{
    customers: number;
    products: number;
    active_products: number;
    categories: number;
    orders: number;
    paid: number;
    cancelled: number;
    refunded: number;
    order_items: number;
    reviews: number;
    first_order_at: Date | null;
    last_order_at: Date | null;
  }>(
    `SELECT
       (SELECT count(*) FROM customer WHERE store_id = $1)::int AS customers,
       (SELECT count(*) FROM product WHERE store_id = $1)::int AS products,
       (SELECT count(*) FROM product WHERE store_id = $1 AND active)::int AS active_products,
       (SELECT count(DISTINCT category) FROM product WHERE store_id = $1)::int AS categories,
       o.orders, o.paid, o.cancelled, o.refunded, o.first_order_at, o.last_order_at,
       (SELECT count(*) FROM order_item WHERE store_id = $1)::int AS order_items,
       (SELECT count(*) FROM review WHERE store_id = $1)::int AS reviews
     FROM (
       SELECT count(*)::int AS orders,
              (count(*) FILTER (WHERE status = 'paid'))::int AS paid,
              (count(*) FILTER (WHERE status = 'cancelled'))::int AS cancelled,
              (count(*) FILTER (WHERE status = 'refunded'))::int AS refunded,
              min(placed_at) AS first_order_at, max(placed_at) AS last_order_at
       FROM "order" WHERE store_id = $1
     ) o`,
    [storeId],
  );
  const r = rows[0];
  if (!r) throw new Error("data summary query returned no row");
  return {
    customers: r.customers,
    products: r.products,
    activeProducts: r.active_products,
    categories: r.categories,
    orders: r.orders,
    orderItems: r.order_items,
    reviews: r.reviews,
    firstOrderAt: r.first_order_at,
    lastOrderAt: r.last_order_at,
    ordersByStatus: { paid: r.paid, cancelled: r.cancelled, refunded: r.refunded },
  };
}

/** Whether the store has any customer or order at all (the overview's empty state), without counting. */
export async function hasStoreData(storeId: number): Promise<boolean> {
  const sql = await getSql();
  const rows = await sql.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM customer WHERE store_id = $1) OR EXISTS (SELECT 1 FROM "order" WHERE store_id = $1) AS any`,
    [storeId],
  );
  return rows[0]?.any ?? false;
}
