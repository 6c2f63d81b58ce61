// The overview's figures computed straight from the database with SQL written independently of the
// app's queries (calendar dates via AT TIME ZONE instead of instants), for the e2e check that the
// page shows what the database holds.
import type { SqlClient } from "../../lib/db/connection";

export type ExpectedOverview = {
  storeSlug: string;
  from: string;
  to: string;
  customers: number;
  activeCustomers: number;
  orders: number;
  revenueMinor: number;
  returningCustomers: number;
};

export async function computeExpectedOverview(
  sql: SqlClient,
  storeSlug: string,
  from: string,
  to: string,
): Promise<ExpectedOverview> {
  const rows = await sql.query<{
    customers: number;
    active_customers: number;
    orders: number;
    revenue_minor: number;
    returning_customers: number;
  }>(
    `WITH s AS (SELECT id, timezone FROM store WHERE slug = $1),
     o AS (
       SELECT o.customer_id, o.total_minor, o.status, (o.placed_at AT TIME ZONE s.timezone)::date AS local_day
       FROM "order" o JOIN s ON o.store_id = s.id
     )
     SELECT
       (SELECT count(*) FROM customer c JOIN s ON c.store_id = s.id WHERE (c.signup_at AT TIME ZONE s.timezone)::date <= $3::date)::int AS customers,
       (SELECT count(DISTINCT customer_id) FROM o WHERE status = 'paid' AND local_day BETWEEN $2::date AND $3::date)::int AS active_customers,
       (SELECT count(*) FROM o WHERE status = 'paid' AND local_day BETWEEN $2::date AND $3::date)::int AS orders,
       (SELECT coalesce(sum(total_minor), 0) FROM o WHERE status = 'paid' AND local_day BETWEEN $2::date AND $3::date)::float8 AS revenue_minor,
       (SELECT count(*) FROM (
          SELECT customer_id FROM o WHERE status = 'paid' AND local_day <= $3::date GROUP BY customer_id
          HAVING count(*) >= 2 AND bool_or(local_day BETWEEN $2::date AND $3::date)
       ) r)::int AS returning_customers`,
    [storeSlug, from, to],
  );
  const r = rows[0];
  if (!r) throw new Error(`no store ${storeSlug}`);
  return {
    storeSlug,
    from,
    to,
    customers: r.customers,
    activeCustomers: r.active_customers,
    orders: r.orders,
    revenueMinor: r.revenue_minor,
    returningCustomers: r.returning_customers,
  };
}
