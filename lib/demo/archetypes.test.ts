// The hidden archetypes must be visible in behaviour (so segmentation, churn and CLV models have
// something to find) and ratings must carry the latent taste model (so collaborative filtering
// has something to learn). Everything here is measured on the generator's output, the way the
// analytics will see it; the archetype labels and taste vectors are only used to score.
import { describe, expect, it } from "vitest";
import { ARCHETYPES, type Archetype } from "./archetypes";
import { LATENT_DIM } from "./catalog";
import { generateDemoStore } from "./generate";
import { Rng } from "./random";

const AS_OF = new Date("2026-11-28T16:00:00Z");
const DAY = 86_400_000;
const store = generateDemoStore({
  customers: 4000,
  seed: 2024,
  asOf: AS_OF,
  currency: "CNY",
  timezone: "Asia/Shanghai",
  language: "zh",
});

const archetypeOf = new Map(store.groundTruth.map((g) => [g.customerId, g.archetype]));
const categoryOf = new Map(store.products.map((p) => [p.id, p.category]));
const linesOf = new Map<number, typeof store.items>();
for (const item of store.items) linesOf.set(item.orderId, [...(linesOf.get(item.orderId) ?? []), item]);
const ordersOf = new Map<number, typeof store.orders>();
for (const o of store.orders) {
  if (o.status !== "cancelled") ordersOf.set(o.customerId, [...(ordersOf.get(o.customerId) ?? []), o]);
}

// Festival windows as a marketer would mark them (local dates, Asia/Shanghai): 618 and 双11 seasons,
// 双12 and 38.
function isFestival(instant: Date): boolean {
  const md = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(5, 10);
  return (md >= "06-01" && md <= "06-18") || (md >= "11-01" && md <= "11-13") || md === "12-12" || md === "03-08";
}

type Features = {
  orders: number;
  recencyDays: number;
  tenureDays: number;
  averageOrder: number;
  discountShare: number;
  festivalShare: number;
  topCategoryShare: number;
  linesPerOrder: number;
};

/** Per customer with at least one kept order: the behavioural features an RFM analysis would use. */
const features = new Map<number, Features>();
for (const [customerId, orders] of ordersOf) {
  let gross = 0;
  let discount = 0;
  let lines = 0;
  let festival = 0;
  let total = 0;
  const categories = new Map<string, number>();
  for (const o of orders) {
    total += o.totalMinor;
    discount += o.discountMinor;
    if (isFestival(o.placedAt)) festival++;
    for (const line of linesOf.get(o.id) ?? []) {
      gross += line.quantity * line.unitPriceMinor;
      discount += line.discountMinor;
      lines++;
      const c = categoryOf.get(line.productId) ?? "";
      categories.set(c, (categories.get(c) ?? 0) + 1);
    }
  }
  const times = orders.map((o) => o.placedAt.getTime());
  features.set(customerId, {
    orders: orders.length,
    recencyDays: (AS_OF.getTime() - Math.max(...times)) / DAY,
    tenureDays: (AS_OF.getTime() - Math.min(...times)) / DAY,
    averageOrder: total / orders.length,
    discountShare: discount / gross,
    festivalShare: festival / orders.length,
    topCategoryShare: Math.max(...categories.values()) / lines,
    linesPerOrder: lines / orders.length,
  });
}

function meanBy(archetype: Archetype, pick: (f: Features) => number): number {
  const values = [...features].filter(([id]) => archetypeOf.get(id) === archetype).map(([, f]) => pick(f));
  return values.reduce((a, b) => a + b, 0) / values.length;
}
function highest(pick: (f: Features) => number): Archetype {
  return [...ARCHETYPES].sort((a, b) => meanBy(b, pick) - meanBy(a, pick))[0] as Archetype;
}

describe("archetypes show in behaviour", () => {
  it("VIPs order far more often than one-time buyers, and one-time buyers mostly once", () => {
    expect(meanBy("loyal_vip", (f) => f.orders)).toBeGreaterThan(3 * meanBy("one_time_buyer", (f) => f.orders));
    expect(meanBy("one_time_buyer", (f) => f.orders)).toBeLessThan(1.15);
    expect(highest((f) => f.orders)).toBe("loyal_vip");
    expect(highest((f) => f.averageOrder)).toMatch(/loyal_vip|lapsing_high_value/);
  });

  it("bargain hunters get the deepest discounts", () => {
    expect(highest((f) => f.discountShare)).toBe("bargain_hunter");
    expect(meanBy("bargain_hunter", (f) => f.discountShare)).toBeGreaterThan(
      2 * meanBy("loyal_vip", (f) => f.discountShare),
    );
  });

  it("lapsing high-value customers stopped buying months ago; VIPs did not", () => {
    const lapsing = meanBy("lapsing_high_value", (f) => f.recencyDays);
    expect(lapsing).toBeGreaterThan(180);
    expect(lapsing).toBeGreaterThan(4 * meanBy("loyal_vip", (f) => f.recencyDays));
    expect(meanBy("lapsing_high_value", (f) => f.averageOrder)).toBeGreaterThan(
      2 * meanBy("bargain_hunter", (f) => f.averageOrder),
    );
  });

  it("enthusiasts concentrate on one or two categories, festival buyers on festivals, new explorers are new", () => {
    const multiOrder = (a: Archetype) =>
      [...features].filter(([id, f]) => archetypeOf.get(id) === a && f.orders >= 3).map(([, f]) => f.topCategoryShare);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(multiOrder("category_enthusiast"))).toBeGreaterThan(mean(multiOrder("loyal_vip")) + 0.3);
    expect(highest((f) => f.festivalShare)).toBe("festival_gift_buyer");
    expect(meanBy("festival_gift_buyer", (f) => f.festivalShare)).toBeGreaterThan(0.5);
    expect(meanBy("new_explorer", (f) => f.tenureDays)).toBeLessThan(100);
    expect(highest((f) => -f.tenureDays)).toBe("new_explorer");
  });
});

// ---------------------------------------------------------------------------------------------
// Recoverability: k-means (k-means++ seeding, best of 8 runs) on standardised RFM + behaviour
// features, scored by the adjusted Rand index (Hubert & Arabie 1985) against the hidden labels.
// ---------------------------------------------------------------------------------------------

function kmeans(points: Float64Array[], k: number, rng: Rng): { labels: Int32Array; inertia: number } {
  const n = points.length;
  const d = points[0]?.length ?? 0;
  const dist = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += ((a[j] as number) - (b[j] as number)) ** 2;
    return s;
  };
  const centres: Float64Array[] = [Float64Array.from(points[rng.int(0, n - 1)] as Float64Array)];
  const nearest = new Float64Array(n).fill(Infinity);
  while (centres.length < k) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i] as number, dist(points[i] as Float64Array, centres.at(-1) as Float64Array));
      total += nearest[i] as number;
    }
    let target = rng.next() * total;
    let pick = 0;
    while (pick < n - 1 && (target -= nearest[pick] as number) > 0) pick++;
    centres.push(Float64Array.from(points[pick] as Float64Array));
  }
  const labels = new Int32Array(n);
  let inertia = 0;
  for (let iter = 0; iter < 100; iter++) {
    let changed = false;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        const dc = dist(points[i] as Float64Array, centres[c] as Float64Array);
        if (dc < bestDist) [best, bestDist] = [c, dc];
      }
      inertia += bestDist;
      if (labels[i] !== best) [labels[i], changed] = [best, true];
    }
    if (!changed && iter > 0) break;
    const sums = Array.from({ length: k }, () => new Float64Array(d));
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < d; j++)
        (sums[c] as Float64Array)[j] =
          ((sums[c] as Float64Array)[j] as number) + ((points[i] as Float64Array)[j] as number);
    }
    for (let c = 0; c < k; c++) {
      if (counts[c]) centres[c] = (sums[c] as Float64Array).map((v) => v / (counts[c] as number));
    }
  }
  return { labels, inertia };
}

function adjustedRandIndex(a: ArrayLike<number>, b: readonly string[]): number {
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<string, number>();
  for (let i = 0; i < b.length; i++) {
    const ai = a[i] as number;
    const bi = b[i] as string;
    cells.set(`${ai}|${bi}`, (cells.get(`${ai}|${bi}`) ?? 0) + 1);
    rows.set(ai, (rows.get(ai) ?? 0) + 1);
    cols.set(bi, (cols.get(bi) ?? 0) + 1);
  }
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, x) => s + pairs(x), 0);
  const index = sum(cells);
  const expected = (sum(rows) * sum(cols)) / pairs(b.length);
  return (index - expected) / ((sum(rows) + sum(cols)) / 2 - expected);
}

describe("archetypes are recoverable, not trivially", () => {
  it("k-means on RFM and behaviour recovers them with an adjusted Rand index of 0.6 or more", () => {
    const ids = [...features.keys()];
    const raw = ids.map((id) => {
      const f = features.get(id) as Features;
      return [
        Math.log(f.orders),
        Math.log1p(f.recencyDays),
        Math.log1p(f.tenureDays),
        Math.log1p(f.averageOrder),
        f.discountShare,
        f.festivalShare,
        f.topCategoryShare,
        f.linesPerOrder,
      ];
    });
    const d = raw[0]?.length ?? 0;
    const mean = Array.from({ length: d }, (_, j) => raw.reduce((s, r) => s + (r[j] as number), 0) / raw.length);
    const sd = mean.map(
      (m, j) => Math.sqrt(raw.reduce((s, r) => s + ((r[j] as number) - m) ** 2, 0) / raw.length) || 1,
    );
    const points = raw.map((r) => Float64Array.from(r, (v, j) => (v - (mean[j] as number)) / (sd[j] as number)));
    const rng = new Rng(1);
    let best = kmeans(points, ARCHETYPES.length, rng);
    for (let run = 1; run < 8; run++) {
      const next = kmeans(points, ARCHETYPES.length, rng);
      if (next.inertia < best.inertia) best = next;
    }
    const ari = adjustedRandIndex(
      best.labels,
      ids.map((id) => archetypeOf.get(id) as string),
    );
    expect(ari).toBeGreaterThanOrEqual(0.6);
    // …but not perfectly separable: segments overlap, as real ones do.
    expect(ari).toBeLessThan(0.95);
  });
});

describe("ratings carry the latent taste model", () => {
  it("correlate with the customer's latent affinity for the product", () => {
    const taste = new Map(store.groundTruth.map((g) => [g.customerId, g.taste]));
    const factors = store.catalog.model.factors;
    const affinity = store.reviews.map((r) => {
      const t = taste.get(r.customerId) ?? [];
      let s = 0;
      for (let f = 0; f < LATENT_DIM; f++) s += (t[f] ?? 0) * (factors[(r.productId - 1) * LATENT_DIM + f] as number);
      return s;
    });
    const ratings = store.reviews.map((r) => r.rating);
    const n = ratings.length;
    const mx = affinity.reduce((a, b) => a + b, 0) / n;
    const my = ratings.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      sxy += ((affinity[i] as number) - mx) * ((ratings[i] as number) - my);
      sxx += ((affinity[i] as number) - mx) ** 2;
      syy += ((ratings[i] as number) - my) ** 2;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.3);
  });

  it("are higher in the category a customer buys most than in the others", () => {
    const linesByCustomer = new Map<number, Map<string, number>>();
    const customerOfOrder = new Map(store.orders.map((o) => [o.id, o.customerId]));
    for (const item of store.items) {
      const c = customerOfOrder.get(item.orderId) as number;
      const m = linesByCustomer.get(c) ?? new Map<string, number>();
      const cat = categoryOf.get(item.productId) as string;
      m.set(cat, (m.get(cat) ?? 0) + 1);
      linesByCustomer.set(c, m);
    }
    const top: number[] = [];
    const other: number[] = [];
    for (const r of store.reviews) {
      const m = linesByCustomer.get(r.customerId);
      if (!m || m.size < 2) continue;
      const favourite = [...m].sort((a, b) => b[1] - a[1])[0]?.[0];
      (categoryOf.get(r.productId) === favourite ? top : other).push(r.rating);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(top.length).toBeGreaterThan(500);
    expect(mean(top) - mean(other)).toBeGreaterThan(0.2);
  });

  it("re-buy consumables: food, pet and beauty products come back in the same customer's orders", () => {
    const customerOfOrder = new Map(store.orders.map((o) => [o.id, o.customerId]));
    const seen = new Map<string, number>();
    for (const item of store.items) {
      const key = `${customerOfOrder.get(item.orderId)}|${item.productId}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const repeatShare = (category: string) => {
      const keys = [...seen].filter(([k]) => categoryOf.get(Number(k.split("|")[1])) === category);
      return keys.filter(([, n]) => n > 1).length / keys.length;
    };
    expect(repeatShare("宠物")).toBeGreaterThan(2 * repeatShare("数码"));
    expect(repeatShare("食品生鲜")).toBeGreaterThan(2 * repeatShare("服饰"));
  });
});
