import "server-only";
import { getSql } from "../client";

export type Granularity = "day" | "week" | "month";
/** bucket: first calendar day of the bucket in the store's zone (weeks start on Monday). */
export type RevenuePoint = { bucket: string; revenueMinor: number; orders: number };

/** Paid revenue and orders per bucket of [start, end), in the store's time zone, empty buckets as 0. */
export async function getRevenueSeries(
  storeId: number,
  start: Date,
  end: Date,
  granularity: Granularity,
  timeZone: string,
): Promise<RevenuePoint[]> {
  const sql = await getSql();
  const rows = await sql.query<{ bucket: string; revenue_minor: number; orders: number }>(
    `WITH buckets AS (
       SELECT generate_series(
         date_trunc($4::text, $2::timestamptz AT TIME ZONE $5::text),
         date_trunc($4::text, ($3::timestamptz - interval '1 millisecond') AT TIME ZONE $5::text),
         ('1 ' || $4::text)::interval
       ) AS bucket
     ),
     agg AS (
       SELECT date_trunc($4::text, placed_at AT TIME ZONE $5::text) AS bucket,
              sum(total_minor)::float8 AS revenue_minor, count(*)::int AS orders
       FROM "order"
       WHERE store_id = $1 AND status = 'paid' AND placed_at >= $2 AND placed_at < $3
       GROUP BY 1
     )
     SELECT to_char(b.bucket, 'YYYY-MM-DD') AS bucket,
            coalesce(a.revenue_minor, 0)::float8 AS revenue_minor,
            coalesce(a.orders, 0)::int AS orders
     FROM buckets b LEFT JOIN agg a ON a.bucket = b.bucket
     ORDER BY b.bucket`,
    [storeId, start, end, granularity, timeZone],
  );
  return rows.map((r) => ({ bucket: r.bucket, revenueMinor: r.revenue_minor, orders: r.orders }));
}
