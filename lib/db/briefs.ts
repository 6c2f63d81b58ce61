import "server-only";
// The aggregates a prompt may carry about a segment of the current run (or the whole analysed store):
// size, shares, feature means, prediction averages, top categories and the most recommended products.
// Nothing per customer leaves this module.
import { getSql } from "./client";
import { PRODUCT_COLUMNS, toProductCard, type ProductCard } from "./recommendations";

export type BriefData = {
  segment: number | null;
  persona: string | null;
  customers: number;
  analysedCustomers: number;
  revenueShare: number;
  centroid: Record<string, number>;
  topCategories: string[];
  churnProb: number | null;
  clv: number | null;
  valueAtRisk: number | null;
  /** Product ids, most recommended first. */
  topProductIds: number[];
  aiText: unknown;
};

type SegmentDb = {
  segment: number;
  size: number;
  revenue_share: number;
  centroid: Record<string, number>;
  profile: { persona: string; topCategories: { category: string; share: number }[] };
  top_products: { productId: number; score: number }[] | null;
  ai_text: unknown;
};

export async function getBriefData(storeId: number, runId: number, segment: number | null): Promise<BriefData | null> {
  const sql = await getSql();
  const segments = await sql.query<SegmentDb>(
    `SELECT segment::int AS segment, size, revenue_share::float8 AS revenue_share, centroid, profile, top_products,
            ai_text
     FROM run_segment WHERE store_id = $1 AND run_id = $2 ORDER BY segment`,
    [storeId, runId],
  );
  if (segments.length === 0) return null;
  const analysed = segments.reduce((a, s) => a + s.size, 0);
  const preds = await sql.query<{ churn: number | null; clv: number | null; var: number | null }>(
    `SELECT avg(churn_prob)::float8 AS churn, avg(clv)::float8 AS clv, sum(value_at_risk)::float8 AS var
     FROM run_customer WHERE store_id = $1 AND run_id = $2 AND ($3::int IS NULL OR segment = $3::int)`,
    [storeId, runId, segment],
  );
  const p = preds[0] ?? { churn: null, clv: null, var: null };
  if (segment !== null) {
    const s = segments.find((x) => x.segment === segment);
    if (!s) return null;
    return {
      segment,
      persona: s.profile.persona,
      customers: s.size,
      analysedCustomers: analysed,
      revenueShare: s.revenue_share,
      centroid: s.centroid,
      topCategories: s.profile.topCategories.map((c) => c.category),
      churnProb: p.churn,
      clv: p.clv,
      valueAtRisk: p.var,
      topProductIds: (s.top_products ?? []).map((t) => t.productId),
      aiText: s.ai_text,
    };
  }
  // The whole analysed store: size-weighted means of the segments' means, the store's best sellers.
  const centroid: Record<string, number> = {};
  const weight: Record<string, number> = {};
  for (const s of segments)
    for (const [k, v] of Object.entries(s.centroid)) {
      centroid[k] = (centroid[k] ?? 0) + v * s.size;
      weight[k] = (weight[k] ?? 0) + s.size;
    }
  for (const k of Object.keys(centroid)) centroid[k] = (centroid[k] as number) / (weight[k] as number);
  const cats = new Map<string, number>();
  for (const s of segments)
    for (const c of s.profile.topCategories) cats.set(c.category, (cats.get(c.category) ?? 0) + c.share * s.size);
  const top = await sql.query<{ product_id: number }>(
    `SELECT product_id FROM run_product WHERE store_id = $1 AND run_id = $2 ORDER BY buyers DESC, product_id LIMIT 10`,
    [storeId, runId],
  );
  return {
    segment: null,
    persona: null,
    customers: analysed,
    analysedCustomers: analysed,
    revenueShare: 1,
    centroid,
    topCategories: [...cats.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([c]) => c),
    churnProb: p.churn,
    clv: p.clv,
    valueAtRisk: p.var,
    topProductIds: top.map((r) => r.product_id),
    aiText: null,
  };
}

/** Writes the persona text the language model wrote for a segment of a run. */
export async function saveSegmentAiText(storeId: number, runId: number, segment: number, text: unknown): Promise<void> {
  const sql = await getSql();
  await sql.query("UPDATE run_segment SET ai_text = $4::jsonb WHERE store_id = $1 AND run_id = $2 AND segment = $3", [
    storeId,
    runId,
    segment,
    JSON.stringify(text),
  ]);
}

export type CatalogProduct = ProductCard;

/** The store's whole catalogue (guardrails: a product named in copy must be one of these). */
export async function listCatalog(storeId: number): Promise<CatalogProduct[]> {
  const sql = await getSql();
  const rows = await sql.query<Parameters<typeof toProductCard>[0]>(
    `SELECT ${PRODUCT_COLUMNS} FROM product WHERE store_id = $1 ORDER BY id`,
    [storeId],
  );
  return rows.map(toProductCard);
}
