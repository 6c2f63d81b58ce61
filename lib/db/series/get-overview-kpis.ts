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
    `WITH paid AS (
       SELECT customer_id, total_minor FROM "order"
       WHERE store_id = $1 AND status = 'paid' AND placed_at >= $2 AND placed_at < $3
     ),
     active AS (SELECT DISTINCT customer_id FROM paid),
     repeaters AS (
       SELECT o.customer_id FROM "order" o JOIN active a ON a.customer_id = o.customer_id
       WHERE o.store_id = $1 AND o.status = 'paid' AND o.placed_at < $3
       GROUP BY o.customer_id HAVING count(*) >= 2
     )
     SELECT
       (SELECT count(*) FROM customer WHERE store_id = $1 AND signup_at < $3)::int AS customers,
       (SELECT count(*) FROM customer WHERE store_id = $1 AND signup_at >= $2 AND signup_at < $3)::int AS new_customers,
       (SELECT count(*) FROM active)::int AS active_customers,
       (SELECT count(*) FROM paid)::int AS orders,
       (SELECT coalesce(sum(total_minor), 0) FROM paid)::float8 AS revenue_minor,
       (SELECT count(*) FROM repeaters)::int AS returning_customers`,
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
