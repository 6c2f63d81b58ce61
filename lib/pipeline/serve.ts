import "server-only";
// Recommendations as pages show them: the run's stored candidates (or, for a customer outside the
// analysis, their segment's or the store's popular products — cold start) served through the
// store's current controls, with the catalogue entries and the product behind each reason.
import { getRecommendationSettings } from "../db/recommendation-settings";
import {
  getBoughtTogether,
  getBoughtProducts,
  getCustomerCandidates,
  getProducts,
  getSegmentTopProducts,
  getStoreTopProducts,
  type ProductCard,
} from "../db/recommendations";
import { serveRecommendations, type Candidate } from "./serve-recommendations";

/** Why an item is recommended: the customer's bought product, shoppers like them, or popularity. */
export type RecommendationReason =
  | { kind: "because"; product: ProductCard }
  | { kind: "bought_together"; product: ProductCard }
  | { kind: "similar_shoppers" }
  | { kind: "segment_popular" }
  | { kind: "store_popular" };

export type ServedItem = {
  product: ProductCard;
  score: number;
  rank: number;
  boosted: boolean;
  reason: RecommendationReason;
};

async function serve(
  storeId: number,
  candidates: Candidate[],
  bought: Set<number>,
  n: number,
  fallbackReason: RecommendationReason,
): Promise<ServedItem[]> {
  const controls = await getRecommendationSettings(storeId);
  const catalog = await getProducts(storeId, [
    ...candidates.map((c) => c.productId),
    ...candidates.map((c) => c.because).filter((b) => b >= 0),
  ]);
  const served = serveRecommendations({ candidates, catalog, bought, controls, n });
  return served.map((s) => {
    const because = s.because >= 0 ? catalog.get(s.because) : undefined;
    return {
      product: catalog.get(s.productId) as ProductCard,
      score: s.score,
      rank: s.rank,
      boosted: s.boosted,
      reason: because ? { kind: "because", product: because } : fallbackReason,
    };
  });
}

/** A customer's recommendations now: the stored candidates, or the cold-start popular products. */
export async function serveCustomer(
  storeId: number,
  runId: number,
  customerId: number,
  n = 20,
): Promise<{ items: ServedItem[]; coldStart: boolean }> {
  const [stored, bought] = await Promise.all([
    getCustomerCandidates(storeId, runId, customerId),
    getBoughtProducts(storeId, customerId),
  ]);
  if (stored && stored.items.length > 0 && stored.source === 0) {
    const candidates = stored.items.map((productId, k) => ({
      productId,
      score: stored.scores[k] ?? 0,
      because: stored.because[k] ?? -1,
    }));
    return { items: await serve(storeId, candidates, bought, n, { kind: "similar_shoppers" }), coldStart: false };
  }
  const segmentTop = stored && stored.segment >= 0 ? await getSegmentTopProducts(storeId, runId, stored.segment) : [];
  const top = segmentTop.length > 0 ? segmentTop : await getStoreTopProducts(storeId, runId, 40);
  const reason: RecommendationReason = segmentTop.length > 0 ? { kind: "segment_popular" } : { kind: "store_popular" };
  const candidates = top.map((t) => ({ productId: t.productId, score: t.score, because: -1 }));
  return { items: await serve(storeId, candidates, bought, n, reason), coldStart: true };
}

/** A segment's (persona's) top products now, through the store's controls. */
export async function serveSegment(storeId: number, runId: number, segment: number, n = 12): Promise<ServedItem[]> {
  const top = await getSegmentTopProducts(storeId, runId, segment);
  const candidates = top.map((t) => ({ productId: t.productId, score: t.score, because: -1 }));
  return serve(storeId, candidates, new Set(), n, { kind: "segment_popular" });
}

/** What is bought together with a product, through the store's controls (exclusions, boosts). */
export async function serveTogether(storeId: number, runId: number, productId: number, n = 8): Promise<ServedItem[]> {
  const [together, anchor] = await Promise.all([
    getBoughtTogether(storeId, runId, productId),
    getProducts(storeId, [productId]),
  ]);
  const product = anchor.get(productId);
  if (!product) return [];
  const candidates = together.map((t) => ({ productId: t.productId, score: t.score, because: -1 }));
  return serve(storeId, candidates, new Set([productId]), n, { kind: "bought_together", product });
}
