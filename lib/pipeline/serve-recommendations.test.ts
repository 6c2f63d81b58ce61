import { describe, expect, it } from "vitest";
import { serveRecommendations, type CatalogEntry, type ServingControls } from "./serve-recommendations";

const catalog = new Map<number, CatalogEntry>([
  [1, { category: "tea", active: true }],
  [2, { category: "tea", active: true }],
  [3, { category: "cups", active: true }],
  [4, { category: "coffee", active: true }],
  [5, { category: "tea", active: false }],
  [6, { category: "snacks", active: true }],
]);
const candidates = [
  { productId: 1, score: 10, because: 9 },
  { productId: 2, score: 9, because: 9 },
  { productId: 5, score: 8.5, because: -1 },
  { productId: 3, score: 6, because: 1 },
  { productId: 4, score: 4, because: -1 },
  { productId: 6, score: 2, because: -1 },
];
const none: ServingControls = {
  excludedCategories: [],
  excludedProducts: [],
  boostedCategories: [],
  boostedProducts: [],
  replenishableCategories: [],
  boost: 0.2,
  diversity: 0,
};
const ids = (r: { productId: number }[]) => r.map((x) => x.productId);

describe("serveRecommendations", () => {
  it("keeps the model's order, without inactive or already bought products", () => {
    const r = serveRecommendations({ candidates, catalog, bought: new Set([2]), controls: none, n: 3 });
    expect(ids(r)).toEqual([1, 3, 4]);
    expect(r.map((x) => x.rank)).toEqual([1, 2, 3]);
    expect(r[0]).toMatchObject({ because: 9, boosted: false });
  });

  it("lets replenishable categories be bought again", () => {
    const r = serveRecommendations({
      candidates,
      catalog,
      bought: new Set([2]),
      controls: { ...none, replenishableCategories: ["tea"] },
      n: 2,
    });
    expect(ids(r)).toEqual([1, 2]);
  });

  it("honours exclusions and boosts", () => {
    const excluded = serveRecommendations({
      candidates,
      catalog,
      bought: new Set(),
      controls: { ...none, excludedCategories: ["tea"], excludedProducts: [4] },
      n: 5,
    });
    expect(ids(excluded)).toEqual([3, 6]);
    // Scaled scores: 1 → 1, 2 → 0.875, 3 → 0.5, 4 → 0.25, 6 → 0. Boosting snacks by 0.9 lifts 6 to 0.9,
    // between 1 (1.0) and 2 (0.875).
    const boosted = serveRecommendations({
      candidates,
      catalog,
      bought: new Set(),
      controls: { ...none, boostedCategories: ["snacks"], boost: 0.9 },
      n: 3,
    });
    expect(ids(boosted)).toEqual([1, 6, 2]);
    expect(boosted[1]?.boosted).toBe(true);
  });

  it("spreads across categories as diversity rises", () => {
    // λ = 0.5: after 1 (tea), 2 scores 0.5·0.875 − 0.5·1 < 0 while 3 (cups) scores 0.5·0.5 = 0.25.
    const r = serveRecommendations({
      candidates,
      catalog,
      bought: new Set(),
      controls: { ...none, diversity: 0.5 },
      n: 4,
    });
    expect(ids(r)).toEqual([1, 3, 4, 6]);
    expect(serveRecommendations({ candidates: [], catalog, bought: new Set(), controls: none, n: 5 })).toEqual([]);
    expect(() => serveRecommendations({ candidates, catalog, bought: new Set(), controls: none, n: -1 })).toThrow(
      RangeError,
    );
  });
});
