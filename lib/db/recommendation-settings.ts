import "server-only";
// The store's recommendation controls (recommendation_settings), read when recommendations are
// served and written from Settings. Products are kept as the store's ids; the form speaks SKUs.
import { getSql } from "./client";

export type RecommendationSettings = {
  excludedCategories: string[];
  excludedProducts: number[];
  boostedCategories: string[];
  boostedProducts: number[];
  replenishableCategories: string[];
  boost: number;
  diversity: number;
  updatedAt: Date | null;
};

export const DEFAULT_RECOMMENDATION_SETTINGS: RecommendationSettings = {
  excludedCategories: [],
  excludedProducts: [],
  boostedCategories: [],
  boostedProducts: [],
  replenishableCategories: [],
  boost: 0.2,
  diversity: 0,
  updatedAt: null,
};

export async function getRecommendationSettings(storeId: number): Promise<RecommendationSettings> {
  const sql = await getSql();
  const rows = await sql.query<{
    excluded_categories: string[];
    excluded_products: number[];
    boosted_categories: string[];
    boosted_products: number[];
    replenishable_categories: string[];
    boost: number;
    diversity: number;
    updated_at: Date;
  }>(
    `SELECT excluded_categories, excluded_products, boosted_categories, boosted_products,
            replenishable_categories, boost::float8 AS boost, diversity::float8 AS diversity, updated_at
     FROM recommendation_settings WHERE store_id = $1`,
    [storeId],
  );
  const r = rows[0];
  if (!r) return DEFAULT_RECOMMENDATION_SETTINGS;
  return {
    excludedCategories: r.excluded_categories ?? [],
    excludedProducts: r.excluded_products ?? [],
    boostedCategories: r.boosted_categories ?? [],
    boostedProducts: r.boosted_products ?? [],
    replenishableCategories: r.replenishable_categories ?? [],
    boost: r.boost,
    diversity: r.diversity,
    updatedAt: r.updated_at,
  };
}

/** The store's categories, for the form. */
export async function listCategories(storeId: number): Promise<string[]> {
  const sql = await getSql();
  const rows = await sql.query<{ category: string }>(
    "SELECT DISTINCT category FROM product WHERE store_id = $1 ORDER BY category",
    [storeId],
  );
  return rows.map((r) => r.category);
}

/** SKUs of the store → ids; the SKUs the store does not have are returned apart. */
export async function resolveSkus(
  storeId: number,
  skus: readonly string[],
): Promise<{ ids: number[]; unknown: string[] }> {
  if (skus.length === 0) return { ids: [], unknown: [] };
  const sql = await getSql();
  const rows = await sql.query<{ id: number; sku: string }>(
    "SELECT id, sku FROM product WHERE store_id = $1 AND sku = ANY($2::text[])",
    [storeId, [...skus]],
  );
  const bySku = new Map(rows.map((r) => [r.sku, r.id]));
  return {
    ids: skus.flatMap((s) => (bySku.has(s) ? [bySku.get(s) as number] : [])),
    unknown: skus.filter((s) => !bySku.has(s)),
  };
}

/** Product ids of the store → SKUs, for showing the settings in the form. */
export async function skusOf(storeId: number, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const sql = await getSql();
  const rows = await sql.query<{ id: number; sku: string }>(
    "SELECT id, sku FROM product WHERE store_id = $1 AND id = ANY($2::int[])",
    [storeId, [...ids]],
  );
  const byId = new Map(rows.map((r) => [r.id, r.sku]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as string] : []));
}

export async function saveRecommendationSettings(
  storeId: number,
  s: Omit<RecommendationSettings, "updatedAt">,
): Promise<void> {
  const sql = await getSql();
  await sql.query(
    `INSERT INTO recommendation_settings (store_id, excluded_categories, excluded_products, boosted_categories,
       boosted_products, replenishable_categories, boost, diversity, updated_at)
     VALUES ($1, $2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $7, $8, now())
     ON CONFLICT (store_id) DO UPDATE SET
       excluded_categories = EXCLUDED.excluded_categories, excluded_products = EXCLUDED.excluded_products,
       boosted_categories = EXCLUDED.boosted_categories, boosted_products = EXCLUDED.boosted_products,
       replenishable_categories = EXCLUDED.replenishable_categories, boost = EXCLUDED.boost,
       diversity = EXCLUDED.diversity, updated_at = now()`,
    [
      storeId,
      s.excludedCategories,
      s.excludedProducts,
      s.boostedCategories,
      s.boostedProducts,
      s.replenishableCategories,
      s.boost,
      s.diversity,
    ],
  );
}
