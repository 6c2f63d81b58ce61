import "server-only";
import { getSql } from "../client";

/**
 * Headline figures of one period [start, end):
 * - customers: customers who had signed up before the period's end; newCustomers: signed up within it
 * - activeCustomers: customers with at least one paid order in the period
 * - orders, revenueMinor: paid orders (cancelled and refunded excluded) and what was paid for them
 * - returningCustomers: active customers with two or more paid orders up to the period's end
 *   (Shopify's returning-customer rate = returningCustomers / activeCustomers)
 */
export type OverviewKpis = {
  customers: number;
  newCustomers: number;
  activeCustomers: number;
  orders: number;
  revenueMinor: number;
  returningCustomers: number;
};

export async function getOverviewKpis(storeId: number, start: Date, end: Date): Promise<OverviewKpis> {
  const sql = await getSql();
  const rows = await sql.query<{
    customers: number;
    new_customers: number;
    active_customers: number;
    orders: number;
    revenue_minor: number;
    returning_customers: number;
  }>(
    // One pass over the period's paid orders, grouped by customer. "Two or more paid orders up to the
    // period's end" is evaluated as "two or more in the period, or any before it": the same set,
    // answered by an index probe per active customer instead of a scan of their whole history
    // (half the time at 100k customers; scripts/bench-overview.ts).
    `WITH active AS (
       SELECT customer_id, count(*) AS n, sum(total_minor) AS revenue
       FROM "order"
       WHERE store_id = $1 AND status = 'paid' AND placed_at >= $2 AND placed_at < $3
       GROUP BY customer_id
     )
     SELECT
       (SELECT count(*) FROM customer WHERE store_id = $1 AND signup_at < $3)::int AS customers,
       (SELECT count(*) FROM customer WHERE store_id = $1 AND signup_at >= $2 AND signup_at < $3)::int AS new_customers,
       (SELECT count(*) FROM active)::int AS active_customers,
       (SELECT coalesce(sum(n), 0) FROM active)::int AS orders,
       (SELECT coalesce(sum(revenue), 0) FROM active)::float8 AS revenue_minor,
       (SELECT count(*) FROM active a
         WHERE a.n >= 2 OR EXISTS (
           SELECT 1 FROM "order" o
           WHERE o.store_id = $1 AND o.customer_id = a.customer_id AND o.status = 'paid' AND o.placed_at < $2
         ))::int AS returning_customers`,
    [storeId, start, end],
  );
  const r = rows[0];
  if (!r) throw new Error("overview query returned no row");
  return {
    customers: r.customers,
    newCustomers: r.new_customers,
    activeCustomers: r.active_customers,
    orders: r.orders,
    revenueMinor: r.revenue_minor,
    returningCustomers: r.returning_customers,
  };
}
