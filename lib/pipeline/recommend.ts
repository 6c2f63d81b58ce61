// The recommendation step of a pipeline run, after predictions, in the same worker thread:
//
//   evaluate  purchases before the cutoff as implicit feedback (customer × product, distinct pairs);
//             each customer's last purchased product(s) held out (temporal leave-last-out); popularity,
//             item-kNN, user-kNN and EASE (catalogues up to EASE_MAX_ITEMS) fitted on the rest and
//             scored by precision, recall, NDCG, MAP, hit rate, coverage and popularity bias at 5, 10
//             and 20. The best NDCG@10 is chosen only if it beats popularity; otherwise popularity is
//             served and the report says so.
//   serve     the chosen model refitted on every purchase; for each analysed customer the best
//             CANDIDATES candidates (bought products included: whether they may be shown again is a
//             store control applied at read time, lib/pipeline/serve-recommendations.ts), each with
//             the customer's bought product most similar to it ("because you bought …").
//   extras    "bought together" for every product (item-kNN neighbours), and each segment's most
//             popular products (per-persona top products, and the cold-start answer).
import { evaluateCfKFold, type CfAlgorithm } from "../analytics/cf-evaluate";
import type { ExplicitReport, ImplicitModelReport, RecommendationReport } from "../db/recommendations";
import type { PurchaseData } from "../analytics/customer-features";
import { ORDER_PAID } from "../analytics/customer-features";
import { ease } from "../analytics/implicit-ease";
import { itemKnn, type ItemKnnModel } from "../analytics/implicit-item-knn";
import { popularity } from "../analytics/implicit-popularity";
import type { Recommender } from "../analytics/implicit-top-n";
import { userKnn } from "../analytics/implicit-user-knn";
import { leaveLastOut } from "../analytics/interactions";
import { createRandom } from "../analytics/random";
import { evaluateRankings } from "../analytics/ranking-metrics";
import { binarizeCsr, createCsr, getEntry, rowIndicesOf, rowValuesOf, type CsrMatrix } from "../analytics/sparse";
import type { Progress } from "./segment";

/** Candidates stored per customer (more than are shown, so controls can filter at read time). */
export const CANDIDATES = 40;
/** Customers whose held-out purchases are ranked when comparing models (a seeded sample beyond). */
export const EVAL_USERS = 5000;
/** EASE inverts an items × items matrix: only for catalogues up to this size (≈ 20 s at 3,000). */
export const EASE_MAX_ITEMS = 2000;
/** User-kNN scores a customer by walking their neighbours' purchases (≈ 1 ms each on a skewed store):
 * compared on a sample always, served only below this many customers. */
export const USER_KNN_SERVE_MAX = 20_000;
/** Products kept in "bought together" and per-segment top lists. */
export const TOGETHER = 10;
export const SEGMENT_TOP = 30;

/** Fewest reviews for the rating models, and the most they are evaluated on (a seeded sample beyond). */
export const MIN_RATINGS = 50;
export const MAX_RATINGS = 50_000;

const EXPLICIT_MODELS: { key: string; spec: CfAlgorithm }[] = [
  { key: "normal", spec: { algo: "normal" } },
  { key: "baseline", spec: { algo: "baseline" } },
  { key: "knn_basic", spec: { algo: "knn-basic", name: "msd", userBased: false } },
  { key: "knn_means", spec: { algo: "knn-means", name: "msd", userBased: false } },
  { key: "knn_baseline", spec: { algo: "knn-baseline", name: "pearson_baseline", userBased: false } },
  { key: "svd", spec: { algo: "svd" } },
];

/** The review ratings, 5-fold, each model with Surprise's defaults (item-based neighbourhoods). */
export function evaluateExplicit(data: PurchaseData, cutoff: number, seed: number): ExplicitReport {
  const { reviews } = data;
  const product = reviews.product;
  if (!product) return { skipped: { code: "no_reviews", values: { ratings: 0, needed: MIN_RATINGS } } };
  // One rating per customer and product: the latest review before the cutoff.
  const latest = new Map<string, number>();
  for (let r = 0; r < reviews.customer.length; r++) {
    if (!((reviews.createdAt[r] as number) < cutoff)) continue;
    const key = `${reviews.customer[r]}:${product[r]}`;
    const prev = latest.get(key);
    if (prev === undefined || (reviews.createdAt[r] as number) >= (reviews.createdAt[prev] as number))
      latest.set(key, r);
  }
  let rows = [...latest.values()].sort((a, b) => a - b);
  if (rows.length < MIN_RATINGS) {
    return { skipped: { code: "too_few_reviews", values: { ratings: rows.length, needed: MIN_RATINGS } } };
  }
  if (rows.length > MAX_RATINGS) {
    const random = createRandom(seed + 7);
    for (let i = 0; i < MAX_RATINGS; i++) {
      const j = i + random.int(rows.length - i);
      const t = rows[i] as number;
      rows[i] = rows[j] as number;
      rows[j] = t;
    }
    rows = rows.slice(0, MAX_RATINGS).sort((a, b) => a - b);
  }
  const triples = {
    users: rows.map((r) => String(reviews.customer[r])),
    items: rows.map((r) => String(product[r])),
    ratings: Float64Array.from(rows, (r) => reviews.rating[r] as number),
  };
  const models = EXPLICIT_MODELS.map(({ key, spec }) => {
    const e = evaluateCfKFold(triples, spec, { scale: [1, 5], folds: 5, seed });
    return {
      key,
      rmse: e.rmse,
      mae: e.mae,
      foldRmse: e.folds.map((f) => f.rmse),
      fitSeconds: e.fitSeconds,
      testSeconds: e.testSeconds,
    };
  });
  return {
    ratings: rows.length,
    users: new Set(triples.users).size,
    items: new Set(triples.items).size,
    folds: 5,
    models,
  };
}

export type { ExplicitReport, ImplicitModelReport, RecommendationReport } from "../db/recommendations";

export type RecommendationOutput = {
  report: RecommendationReport;
  /**
   * Per scoring customer r (run_customer order), candidates offsets[r]…offsets[r + 1] of the flat
   * arrays: product ids, scores, and the bought product behind each (−1 none).
   */
  offsets: Int32Array;
  items: Int32Array;
  scores: Float32Array;
  because: Int32Array;
  /** 0 the chosen model, 1 the segment's popular products, 2 the store's. */
  source: Uint8Array;
  /** Per product index: bought-together product ids and scores, and distinct buyers. */
  together: { productId: number; items: Int32Array; scores: Float32Array; buyers: number }[];
  /** Per segment label: most popular products in the segment. */
  segmentTop: Map<number, { productId: number; score: number }[]>;
};

const NDCG10 = (r: ImplicitModelReport) => r.atK.find((m) => m.k === 10)?.ndcg ?? -1;

/** Paid-order lines before the cutoff as (customer, product, time) triples. */
function purchaseLog(data: PurchaseData, cutoff: number) {
  const { orders, lines } = data;
  const product = lines.product;
  if (!product || !data.products) throw new RangeError("the purchase data has no products: cannot recommend");
  const users: number[] = [];
  const items: number[] = [];
  const times: number[] = [];
  for (let l = 0; l < lines.order.length; l++) {
    const o = lines.order[l] as number;
    if (orders.status[o] !== ORDER_PAID || !((orders.placedAt[o] as number) < cutoff)) continue;
    users.push(orders.customer[o] as number);
    items.push(product[l] as number);
    times.push(orders.placedAt[o] as number);
  }
  return { users: Int32Array.from(users), items: Int32Array.from(items), times: Float64Array.from(times) };
}

function fitModel(key: string, x: CsrMatrix): Recommender {
  switch (key) {
    case "popularity":
      return popularity(x);
    case "item_knn":
      return itemKnn(x, { k: 50 });
    case "user_knn":
      return userKnn(x, { k: 50 });
    case "ease":
      return ease(x, { lambda: 100 });
    default:
      throw new RangeError(`unknown recommender ${key}`);
  }
}

export function computeRecommendations(
  input: {
    data: PurchaseData;
    cutoff: number;
    seed: number;
    /** The analysed customers (customer indexes) in run_customer order, and their segment labels. */
    customers: Int32Array;
    labels: Int32Array;
  },
  progress: Progress = () => undefined,
): RecommendationOutput {
  const { data, cutoff, seed, customers, labels } = input;
  const started = performance.now();
  const n = customers.length;
  const nItems = data.products?.ids.length ?? 0;
  const empty: RecommendationOutput = {
    report: { skipped: { code: "no_purchases" } },
    offsets: new Int32Array(n + 1),
    items: new Int32Array(0),
    scores: new Float32Array(0),
    because: new Int32Array(0),
    source: new Uint8Array(n),
    together: [],
    segmentTop: new Map(),
  };
  const log = purchaseLog(data, cutoff);
  if (log.users.length === 0 || nItems === 0) return empty;
  const nUsers = data.customerCount;
  const x = binarizeCsr(createCsr(nUsers, nItems, log.users, log.items));
  progress(0.05, "recommendations:data");

  // Model comparison on held-out last purchases.
  const split = leaveLastOut({ users: log.users, items: log.items, times: log.times }, { nUsers, nItems });
  let evalUsers = Array.from(split.testUsers);
  if (evalUsers.length < 20) {
    return {
      ...empty,
      report: { skipped: { code: "too_few_repeat_buyers", values: { users: evalUsers.length, needed: 20 } } },
    };
  }
  if (evalUsers.length > EVAL_USERS) {
    const random = createRandom(seed);
    for (let i = 0; i < EVAL_USERS; i++) {
      const j = i + random.int(evalUsers.length - i);
      const t = evalUsers[i] as number;
      evalUsers[i] = evalUsers[j] as number;
      evalUsers[j] = t;
    }
    evalUsers = evalUsers.slice(0, EVAL_USERS).sort((a, b) => a - b);
  }
  const relevant = evalUsers.map((u) => rowIndicesOf(split.test, u));
  const trainPopularity = new Float64Array(nItems);
  for (let s = 0; s < split.train.indptr[split.train.rows]!; s++) trainPopularity[split.train.indices[s]!]! += 1;
  const keys = ["popularity", "item_knn", "user_knn", ...(nItems <= EASE_MAX_ITEMS ? ["ease"] : [])];
  const reports: ImplicitModelReport[] = [];
  keys.forEach((key, k) => {
    const t0 = performance.now();
    const model = fitModel(key, split.train);
    const rankings = evalUsers.map((u) => model.recommend(u, { n: 20 }).items);
    const evaluation = evaluateRankings(rankings, relevant, { nItems, itemPopularity: trainPopularity });
    reports.push({ key, atK: evaluation.atK, fitSeconds: (performance.now() - t0) / 1000 });
    progress(0.05 + (0.5 * (k + 1)) / keys.length, `recommendations:${key}`);
  });
  const pop = reports[0] as ImplicitModelReport;
  const servable = reports.filter((r) => r.key !== "user_knn" || n <= USER_KNN_SERVE_MAX);
  const best = servable.reduce((a, b) => (NDCG10(b) > NDCG10(a) ? b : a));
  const beatsPopularity = best.key !== "popularity" && NDCG10(best) > NDCG10(pop);
  const chosen = beatsPopularity ? best.key : "popularity";

  // Serving: the chosen model on every purchase; item-kNN's similarity for "because" and "together".
  const knn: ItemKnnModel = itemKnn(x, { k: 50 });
  const model: Recommender = chosen === "item_knn" ? knn : fitModel(chosen, x);
  const popular = popularity(x, { segments: labelsByCustomer(nUsers, customers, labels) });
  const ids = (data.products as NonNullable<PurchaseData["products"]>).ids;
  const out: RecommendationOutput = {
    ...empty,
    items: new Int32Array(n * CANDIDATES),
    scores: new Float32Array(n * CANDIDATES),
    because: new Int32Array(n * CANDIDATES),
  };
  let filled = 0;
  const similarity = knn.similarity;
  for (let r = 0; r < n; r++) {
    const c = customers[r] as number;
    const bought = rowIndicesOf(x, c);
    let top = model.recommend(c, { n: CANDIDATES, excludeSeen: false });
    let source = 0;
    if (top.items.length === 0) {
      // Nothing the model can say (no neighbour reaches this customer's items): the segment's popular
      // products, else the store's.
      const segment = labels[r] as number;
      top = segment >= 0 ? popular.popular({ n: CANDIDATES, segment }) : popular.popular({ n: CANDIDATES });
      source = segment >= 0 ? 1 : 2;
    }
    top.items.forEach((item, k) => {
      let bestSim = 0;
      let because = -1;
      for (const b of bought) {
        if (b === item) continue;
        const s = getEntry(similarity, item, b);
        if (s > bestSim) {
          bestSim = s;
          because = ids[b] as number;
        }
      }
      out.items[filled] = ids[item] as number;
      out.scores[filled] = top.scores[k] as number;
      out.because[filled] = because;
      filled++;
    });
    out.offsets[r + 1] = filled;
    out.source[r] = source;
  }
  out.items = out.items.slice(0, filled);
  out.scores = out.scores.slice(0, filled);
  out.because = out.because.slice(0, filled);
  progress(0.85, "recommendations:serve");

  for (let i = 0; i < nItems; i++) {
    const neighbours = rowIndicesOf(similarity, i);
    const sims = rowValuesOf(similarity, i);
    const order = Array.from(neighbours.keys())
      .sort((a, b) => (sims[b] as number) - (sims[a] as number))
      .slice(0, TOGETHER);
    out.together.push({
      productId: ids[i] as number,
      items: Int32Array.from(order, (k) => ids[neighbours[k] as number] as number),
      scores: Float32Array.from(order, (k) => sims[k] as number),
      buyers: popular.counts[i] as number,
    });
  }
  for (let s = 0; s < popular.nSegments; s++) {
    const top = popular.popular({ n: SEGMENT_TOP, segment: s });
    out.segmentTop.set(
      s,
      Array.from(top.items, (item, k) => ({ productId: ids[item] as number, score: top.scores[k] as number })),
    );
  }
  let explicit: ExplicitReport;
  try {
    explicit = evaluateExplicit(data, cutoff, seed);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    explicit = { skipped: { code: "ratings_failed", values: {} } };
  }
  progress(0.97, "recommendations:ratings");
  out.report = {
    explicit,
    interactions: log.users.length,
    customers: n,
    products: nItems,
    evaluatedUsers: evalUsers.length,
    models: reports,
    chosen,
    beatsPopularity,
    fitSeconds: (performance.now() - started) / 1000,
  };
  progress(1, "recommendations");
  return out;
}

/** Segment label per customer index (−1 for customers outside the analysed population or noise). */
function labelsByCustomer(nUsers: number, customers: Int32Array, labels: Int32Array): Int32Array {
  const out = new Int32Array(nUsers).fill(-1);
  customers.forEach((c, r) => (out[c] = labels[r] as number));
  // The popularity model wants segment ids 0…S−1 for every user: noise and outsiders share one extra.
  let max = -1;
  for (const l of out) if (l > max) max = l;
  for (let i = 0; i < nUsers; i++) if ((out[i] as number) < 0) out[i] = max + 1;
  return out;
}
