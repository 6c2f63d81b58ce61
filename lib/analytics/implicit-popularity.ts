// Popularity baseline for implicit feedback: an item's score is the number of distinct users who
// have it in the training matrix (a repeat purchase by the same customer does not count twice, so
// one heavy buyer cannot make an item "popular"). Every personalised model must beat it on the
// held-out evaluation, or popularity is what gets served.
//
// With segments (one segment id per user, e.g. the k-means segment of the customer), the counts are
// also kept per segment: a user is then scored by the popularity within their own segment, and a new
// customer with only a segment gets "popular in your segment" (cold start). A segment with no
// interaction at all falls back to the store-wide counts.
import {
  checkInteractions,
  resolveRecommendOptions,
  orderByScore,
  takeTopN,
  type ItemExclusion,
  type Recommender,
  type RecommendOptions,
  type TopN,
} from "./implicit-top-n";
import { type CsrMatrix } from "./sparse";

export type PopularityOptions = {
  /** Segment id (0..nSegments − 1) of each user; scores then come from the user's segment. */
  segments?: Int32Array;
};

export type PopularityModel = Recommender & {
  /** Distinct users per item, store-wide. */
  readonly counts: Float64Array;
  /** Distinct users per item in each segment, segment s at [s * nItems + j]; empty without segments. */
  readonly segmentCounts: Float64Array;
  readonly nSegments: number;
  /** The most popular items store-wide, or within a segment: the cold-start answer for a new customer. */
  popular(options?: { n?: number; exclude?: ItemExclusion; segment?: number }): TopN;
};

export function popularity(x: CsrMatrix, options: PopularityOptions = {}): PopularityModel {
  checkInteractions(x);
  const { segments } = options;
  const nItems = x.cols;
  const counts = new Float64Array(nItems);
  for (let s = 0; s < x.indptr[x.rows]!; s++) if (x.values[s]! > 0) counts[x.indices[s]!]! += 1;

  let nSegments = 0;
  let segmentCounts = new Float64Array(0);
  const segmentTotal: number[] = [];
  if (segments !== undefined) {
    if (segments.length !== x.rows) {
      throw new RangeError(`segments has ${segments.length} entries, expected one per user (${x.rows})`);
    }
    for (let u = 0; u < x.rows; u++) {
      const g = segments[u]!;
      if (g < 0) throw new RangeError(`segment of user ${u} is ${g}, expected an id ≥ 0`);
      if (g + 1 > nSegments) nSegments = g + 1;
    }
    segmentCounts = new Float64Array(nSegments * nItems);
    for (let g = 0; g < nSegments; g++) segmentTotal.push(0);
    for (let u = 0; u < x.rows; u++) {
      const base = segments[u]! * nItems;
      for (let s = x.indptr[u]!; s < x.indptr[u + 1]!; s++) {
        if (x.values[s]! > 0) {
          segmentCounts[base + x.indices[s]!]! += 1;
          segmentTotal[segments[u]!]! += 1;
        }
      }
    }
  }

  const segmentViews = segmentTotal.map((total, g) =>
    total === 0 ? counts : segmentCounts.subarray(g * nItems, (g + 1) * nItems),
  );
  const countsOf = (segment: number | undefined): Float64Array => {
    if (segment === undefined || nSegments === 0) return counts;
    if (!Number.isInteger(segment) || segment < 0 || segment >= nSegments) {
      throw new RangeError(`segment ${segment} is outside 0..${nSegments - 1}`);
    }
    return segmentViews[segment]!;
  };

  // Rankings sorted once per segment (keyed by its counts array), so a top-N is a walk down a list.
  const orders = new Map<Float64Array, Int32Array>();
  const orderOf = (c: Float64Array): Int32Array => {
    let order = orders.get(c);
    if (order === undefined) {
      order = orderByScore(c);
      orders.set(c, order);
    }
    return order;
  };

  const scoreItems = (user: number, out = new Float64Array(nItems)): Float64Array => {
    if (!Number.isInteger(user) || user < 0 || user >= x.rows) {
      throw new RangeError(`user ${user} is outside 0..${x.rows - 1}`);
    }
    out.set(countsOf(segments?.[user]));
    return out;
  };

  return {
    nUsers: x.rows,
    nItems,
    counts,
    segmentCounts,
    nSegments,
    scoreItems,
    recommend(user: number, opts: RecommendOptions = {}): TopN {
      const { n, exclude } = resolveRecommendOptions(x, user, opts);
      const c = countsOf(segments?.[user]);
      return takeTopN(orderOf(c), c, n, exclude, 0);
    },
    popular({ n = 20, exclude, segment } = {}): TopN {
      const c = countsOf(segment);
      return takeTopN(orderOf(c), c, n, [exclude], 0);
    },
  };
}
