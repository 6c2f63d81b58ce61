// Serving recommendations: a run stores, per customer, the model's best candidates (more than are
// shown); what a page, the CSV or an API shows is decided here, at read time, from the store's
// current controls — so excluding a category or boosting a product takes effect at once, without a
// new run. Steps: drop inactive products, excluded products and categories, and what the customer
// already bought (unless its category is replenishable); scale scores to [0, 1] and add the boost to
// boosted products and categories; re-rank for variety across categories (maximal marginal
// relevance, λ = 1 − diversity); keep the first n.
import { mmr } from "../analytics/rerank";

export type Candidate = {
  productId: number;
  score: number;
  /** The customer's bought product behind the recommendation, or −1. */
  because: number;
};

export type ServingControls = {
  excludedCategories: readonly string[];
  excludedProducts: readonly number[];
  boostedCategories: readonly string[];
  boostedProducts: readonly number[];
  replenishableCategories: readonly string[];
  boost: number;
  diversity: number;
};

export type CatalogEntry = { category: string; active: boolean };

export type Served = Candidate & { rank: number; boosted: boolean };

export function serveRecommendations(input: {
  candidates: readonly Candidate[];
  catalog: ReadonlyMap<number, CatalogEntry>;
  bought: ReadonlySet<number>;
  controls: ServingControls;
  n: number;
}): Served[] {
  const { catalog, bought, controls, n } = input;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const excludedProducts = new Set(controls.excludedProducts);
  const excludedCategories = new Set(controls.excludedCategories);
  const boostedProducts = new Set(controls.boostedProducts);
  const boostedCategories = new Set(controls.boostedCategories);
  const replenishable = new Set(controls.replenishableCategories);
  const kept = input.candidates.filter((c) => {
    const p = catalog.get(c.productId);
    if (!p || !p.active) return false;
    if (excludedProducts.has(c.productId) || excludedCategories.has(p.category)) return false;
    return !bought.has(c.productId) || replenishable.has(p.category);
  });
  if (kept.length === 0) return [];
  let hi = -Infinity;
  let lo = Infinity;
  for (const c of kept) {
    hi = Math.max(hi, c.score);
    lo = Math.min(lo, c.score);
  }
  const isBoosted = (c: Candidate) =>
    boostedProducts.has(c.productId) || boostedCategories.has((catalog.get(c.productId) as CatalogEntry).category);
  const relevance = kept.map((c) => (hi > lo ? (c.score - lo) / (hi - lo) : 1) + (isBoosted(c) ? controls.boost : 0));
  const category = (id: number) => (catalog.get(id) as CatalogEntry).category;
  const order = mmr(
    kept.map((_, k) => k),
    relevance,
    (a, b) => (category((kept[a] as Candidate).productId) === category((kept[b] as Candidate).productId) ? 1 : 0),
    { lambda: 1 - controls.diversity, n, normalize: false },
  );
  return Array.from(order.items, (k, rank) => {
    const c = kept[k] as Candidate;
    return { ...c, rank: rank + 1, boosted: isBoosted(c) };
  });
}
