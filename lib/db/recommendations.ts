import "server-only";
// Reads of the recommendation results of the store's current run: the model report, a customer's
// stored candidates, what they bought, each segment's top products, what is bought together, and the
// catalogue entries to show. Serving (controls, re-ranking) happens in lib/pipeline/serve-recommendations.ts
// on what these return. Every query is scoped by the store id the caller took from the session.
import { getPrisma, getSql } from "./client";

export type ImplicitModelReport = {
  key: string;
  atK: {
    k: number;
    precision: number;
    recall: number;
    ndcg: number;
    map: number;
    hitRate: number;
    coverage: number;
    arp: number;
    popularityPercentile: number;
  }[];
  fitSeconds: number;
};

export type ExplicitReport =
  | {
      ratings: number;
      users: number;
      items: number;
      folds: number;
      models: { key: string; rmse: number; mae: number; foldRmse: number[]; fitSeconds: number; testSeconds: number }[];
    }
  | { skipped: { code: string; values?: Record<string, number> } };

export type RecommendationReport =
  | {
      explicit?: ExplicitReport;
      interactions: number;
      customers: number;
      products: number;
      evaluatedUsers: number;
      models: ImplicitModelReport[];
      chosen: string;
      beatsPopularity: boolean;
      fitSeconds: number;
    }
  | { skipped: { code: string; values?: Record<string, number> } };

export async function getCurrentRecommendationReport(
  storeId: number,
): Promise<{ runId: number; finishedAt: Date | null; report: RecommendationReport } | null> {
  const prisma = await getPrisma();
  const store = await prisma.store.findUnique({ where: { id: storeId }, select: { currentRunId: true } });
  if (!store?.currentRunId) return null;
  const run = await prisma.pipelineRun.findUnique({
    where: { storeId_id: { storeId, id: store.currentRunId } },
    select: { id: true, finishedAt: true, recommendations: true },
  });
  if (!run?.recommendations) return null;
  return { runId: run.id, finishedAt: run.finishedAt, report: run.recommendations as RecommendationReport };
}

export type StoredCandidates = {
  items: number[];
  scores: number[];
  because: number[];
  /** 0 the chosen model, 1 the segment's popular products, 2 the store's; null when none stored. */
  source: number | null;
  segment: number;
};

export async function getCustomerCandidates(
  storeId: number,
  runId: number,
  customerId: number,
): Promise<StoredCandidates | null> {
  const sql = await getSql();
  const rows = await sql.query<{
    rec_items: number[] | null;
    rec_scores: number[] | null;
    rec_because: number[] | null;
    rec_source: number | null;
    segment: number;
  }>(
    `SELECT rec_items, rec_scores, rec_because, rec_source, segment::int AS segment
     FROM run_customer WHERE store_id = $1 AND run_id = $2 AND customer_id = $3`,
    [storeId, runId, customerId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    items: r.rec_items ?? [],
    scores: (r.rec_scores ?? []).map(Number),
    because: r.rec_because ?? [],
    source: r.rec_source,
    segment: r.segment,
  };
}

/** Products the customer bought in a paid order. */
export async function getBoughtProducts(storeId: number, customerId: number): Promise<Set<number>> {
  const sql = await getSql();
  const rows = await sql.query<{ product_id: number }>(
    `SELECT DISTINCT i.product_id FROM order_item i
     JOIN "order" o ON o.store_id = i.store_id AND o.id = i.order_id
     WHERE i.store_id = $1 AND o.customer_id = $2 AND o.status = 'paid'`,
    [storeId, customerId],
  );
  return new Set(rows.map((r) => r.product_id));
}

export type ProductCard = {
  id: number;
  sku: string;
  title: string;
  titleEn: string | null;
  titleZh: string | null;
  category: string;
  priceMinor: number;
  active: boolean;
};

type ProductRow = {
  id: number;
  sku: string;
  title: string;
  title_en: string | null;
  title_zh: string | null;
  category: string;
  price_minor: number;
  active: boolean;
};

export const PRODUCT_COLUMNS = "id, sku, title, title_en, title_zh, category, price_minor, active";

export function toProductCard(r: ProductRow): ProductCard {
  return {
    id: r.id,
    sku: r.sku,
    title: r.title,
    titleEn: r.title_en,
    titleZh: r.title_zh,
    category: r.category,
    priceMinor: r.price_minor,
    active: r.active,
  };
}

export async function getProducts(storeId: number, ids: readonly number[]): Promise<Map<number, ProductCard>> {
  if (ids.length === 0) return new Map();
  const sql = await getSql();
  const rows = await sql.query<ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM product WHERE store_id = $1 AND id = ANY($2::int[])`,
    [storeId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, toProductCard(r)]));
}

/** A segment's most popular products in the run (per-persona top products, cold start). */
export async function getSegmentTopProducts(
  storeId: number,
  runId: number,
  segment: number,
): Promise<{ productId: number; score: number }[]> {
  const sql = await getSql();
  const rows = await sql.query<{ top_products: { productId: number; score: number }[] | null }>(
    "SELECT top_products FROM run_segment WHERE store_id = $1 AND run_id = $2 AND segment = $3",
    [storeId, runId, segment],
  );
  return rows[0]?.top_products ?? [];
}

/** The store's most bought products in the run (cold start for customers outside the analysis). */
export async function getStoreTopProducts(
  storeId: number,
  runId: number,
  limit: number,
): Promise<{ productId: number; score: number }[]> {
  const sql = await getSql();
  const rows = await sql.query<{ product_id: number; buyers: number }>(
    `SELECT product_id, buyers FROM run_product WHERE store_id = $1 AND run_id = $2
     ORDER BY buyers DESC, product_id LIMIT $3`,
    [storeId, runId, limit],
  );
  return rows.map((r) => ({ productId: r.product_id, score: r.buyers }));
}

export async function getBoughtTogether(
  storeId: number,
  runId: number,
  productId: number,
): Promise<{ productId: number; score: number }[]> {
  const sql = await getSql();
  const rows = await sql.query<{ together: number[] | null; together_scores: number[] | null }>(
    "SELECT together, together_scores FROM run_product WHERE store_id = $1 AND run_id = $2 AND product_id = $3",
    [storeId, runId, productId],
  );
  const r = rows[0];
  if (!r) return [];
  return (r.together ?? []).map((id, k) => ({ productId: id, score: Number(r.together_scores?.[k] ?? 0) }));
}

export async function findProductBySku(storeId: number, sku: string): Promise<ProductCard | undefined> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>("SELECT id FROM product WHERE store_id = $1 AND sku = $2", [
    storeId,
    sku,
  ]);
  const id = rows[0]?.id;
  return id === undefined ? undefined : (await getProducts(storeId, [id])).get(id);
}
