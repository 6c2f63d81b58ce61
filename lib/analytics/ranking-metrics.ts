// Top-N ranking metrics for the implicit-feedback evaluation (temporal leave-last-out, see
// ./interactions). For one user, R is the ranked recommendation list (its first K items R_1..R_K;
// shorter lists are not padded), T the set of held-out relevant items (|T| ≥ 1), rel_r = 1 if
// R_r ∈ T else 0, and hits@K = Σ_{r ≤ K} rel_r:
//   precision@K = hits@K / K                       (K, not |R|: a short list is not rewarded)
//   recall@K    = hits@K / |T|
//   DCG@K       = Σ_{r ≤ K} rel_r / log2(r + 1),  IDCG@K = Σ_{r ≤ min(K, |T|)} 1 / log2(r + 1),
//   NDCG@K      = DCG@K / IDCG@K                   (binary relevance; Järvelin & Kekäläinen 2002)
//   AP@K        = Σ_{r ≤ K} rel_r · precision@r / min(K, |T|)   (MAP@K is its mean over users)
//   hit@K       = 1 if hits@K > 0 else 0           (hit rate@K is its mean over users)
// Each is averaged over the evaluated users (every user with at least one held-out item counts,
// including users who received no recommendation: they score 0).
// Over the whole set of lists, with popularity pop(i) = number of training users of item i:
//   coverage@K  = |∪_u R_1..R_K of u| / catalogue size
//   ARP@K       = mean over users of the mean pop(i) over their top-K items (average recommendation
//                 popularity, Abdollahpouri et al., FLAIRS 2019); users with an empty list are skipped
//   popularity percentile@K = the same mean of pct(i), where pct(i) is the mid-rank of pop(i) among
//                 the catalogue's popularities scaled to [0, 1]: (#{pop < pop(i)} + (#{pop = pop(i)} − 1)/2)
//                 / (items − 1). 0.5 is an unbiased mix, 1 means only the single most popular item.
// Items in a list are expected to be distinct; a repeated item counts once (only its first rank).

export type RankingMetricsAtK = {
  k: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hitRate: number;
  coverage: number;
  /** Average recommendation popularity (training users per recommended item). */
  arp: number;
  /** Mean popularity percentile of the recommended items, 0..1. */
  popularityPercentile: number;
};

export type RankingEvaluation = { users: number; atK: RankingMetricsAtK[] };

export type RankingMetricsOptions = {
  /** Cut-offs. Default [5, 10, 20]. */
  ks?: readonly number[];
  /** Catalogue size (for coverage, and the range of item ids). */
  nItems: number;
  /** pop(i), training users per item (length nItems), for ARP and the popularity percentile. */
  itemPopularity: Float64Array;
};

/** precision@K of one ranked list against the relevant set. */
export function precisionAtK(ranking: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  checkRelevant(relevant);
  return hitsAtK(ranking, relevant, k) / k;
}

export function recallAtK(ranking: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  checkRelevant(relevant);
  return hitsAtK(ranking, relevant, k) / relevant.size;
}

export function ndcgAtK(ranking: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  checkRelevant(relevant);
  let dcg = 0;
  forEachHit(ranking, relevant, k, (r) => (dcg += 1 / Math.log2(r + 1)));
  let idcg = 0;
  for (let r = 1; r <= Math.min(k, relevant.size); r++) idcg += 1 / Math.log2(r + 1);
  return dcg / idcg;
}

export function averagePrecisionAtK(ranking: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  checkRelevant(relevant);
  let hits = 0;
  let sum = 0;
  forEachHit(ranking, relevant, k, (r) => {
    hits++;
    sum += hits / r;
  });
  return sum / Math.min(k, relevant.size);
}

export function hitAtK(ranking: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  checkRelevant(relevant);
  return hitsAtK(ranking, relevant, k) > 0 ? 1 : 0;
}

/**
 * Every metric of the header at each K, averaged over the users: rankings[p] is the list given to
 * the p-th evaluated user and relevant[p] their held-out items.
 */
export function evaluateRankings(
  rankings: readonly ArrayLike<number>[],
  relevant: readonly ArrayLike<number>[],
  options: RankingMetricsOptions,
): RankingEvaluation {
  const { ks = [5, 10, 20], nItems, itemPopularity } = options;
  if (!Number.isInteger(nItems) || nItems < 1) throw new RangeError(`nItems must be a positive integer, got ${nItems}`);
  if (itemPopularity.length !== nItems) {
    throw new RangeError(`itemPopularity has ${itemPopularity.length} entries, expected nItems = ${nItems}`);
  }
  if (ks.length === 0) throw new RangeError("ks must list at least one cut-off");
  for (const k of ks) checkK(k);
  if (rankings.length !== relevant.length) {
    throw new RangeError(`${rankings.length} rankings but ${relevant.length} relevant sets: expected one per user`);
  }
  if (rankings.length === 0) throw new RangeError("no users to evaluate (no user has a held-out item)");
  const sets = relevant.map((r, p) => {
    const set = new Set<number>();
    for (let t = 0; t < r.length; t++) set.add(checkItem(r[t]!, nItems, `relevant item of user ${p}`));
    if (set.size === 0) throw new RangeError(`user at position ${p} has no relevant item`);
    return set;
  });
  rankings.forEach((r, p) => {
    for (let t = 0; t < r.length; t++) checkItem(r[t]!, nItems, `recommended item of user ${p}`);
  });
  const percentile = popularityPercentiles(itemPopularity);
  const nUsers = rankings.length;

  const atK = ks.map((k): RankingMetricsAtK => {
    let precision = 0;
    let recall = 0;
    let ndcg = 0;
    let map = 0;
    let hitRate = 0;
    let arp = 0;
    let pct = 0;
    let listed = 0;
    const covered = new Uint8Array(nItems);
    for (let p = 0; p < nUsers; p++) {
      const ranking = rankings[p]!;
      const rel = sets[p]!;
      precision += precisionAtK(ranking, rel, k);
      recall += recallAtK(ranking, rel, k);
      ndcg += ndcgAtK(ranking, rel, k);
      map += averagePrecisionAtK(ranking, rel, k);
      hitRate += hitAtK(ranking, rel, k);
      const len = Math.min(k, ranking.length);
      if (len > 0) {
        let popSum = 0;
        let pctSum = 0;
        for (let r = 0; r < len; r++) {
          const item = ranking[r]!;
          covered[item] = 1;
          popSum += itemPopularity[item]!;
          pctSum += percentile[item]!;
        }
        arp += popSum / len;
        pct += pctSum / len;
        listed++;
      }
    }
    let nCovered = 0;
    for (let i = 0; i < nItems; i++) nCovered += covered[i]!;
    return {
      k,
      precision: precision / nUsers,
      recall: recall / nUsers,
      ndcg: ndcg / nUsers,
      map: map / nUsers,
      hitRate: hitRate / nUsers,
      coverage: nCovered / nItems,
      arp: listed > 0 ? arp / listed : 0,
      popularityPercentile: listed > 0 ? pct / listed : 0,
    };
  });
  return { users: nUsers, atK };
}

/** pct(i) of the header: mid-rank of pop(i) among all items, scaled to [0, 1] (0.5 for one item). */
export function popularityPercentiles(popularity: Float64Array): Float64Array {
  const n = popularity.length;
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = 0.5;
    return out;
  }
  const order = Array.from(popularity.keys()).sort((a, b) => popularity[a]! - popularity[b]!);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && popularity[order[end]!] === popularity[order[start]!]) end++;
    // Items at sorted positions start..end−1 share a value: start are below, end − start − 1 others tie.
    const mid = (start + (end - start - 1) / 2) / (n - 1);
    for (let t = start; t < end; t++) out[order[t]!] = mid;
    start = end;
  }
  return out;
}

function hitsAtK(ranking: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  let hits = 0;
  forEachHit(ranking, relevant, k, () => hits++);
  return hits;
}

/** Calls f(rank) (1-based) for each distinct relevant item in the first k positions. */
function forEachHit(ranking: ArrayLike<number>, relevant: ReadonlySet<number>, k: number, f: (rank: number) => void) {
  const seen = new Set<number>();
  const len = Math.min(k, ranking.length);
  for (let r = 0; r < len; r++) {
    const item = ranking[r]!;
    if (relevant.has(item) && !seen.has(item)) {
      seen.add(item);
      f(r + 1);
    }
  }
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a positive integer, got ${k}`);
}

function checkRelevant(relevant: ReadonlySet<number>): void {
  if (relevant.size === 0)
    throw new RangeError("the relevant set is empty: metrics are defined for users with held-out items");
}

function checkItem(item: number, nItems: number, what: string): number {
  if (!Number.isInteger(item) || item < 0 || item >= nItems) {
    throw new RangeError(`${what} is ${item}, outside 0..${nItems - 1}`);
  }
  return item;
}
