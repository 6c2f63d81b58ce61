// The shared shape of the implicit-feedback recommenders (popularity, item-kNN, user-kNN, EASE,
// implicit ALS): each is fitted on a user×item CSR matrix of purchases and answers, for one user, a
// dense score per item and a top-N list. Items the user already has in the training matrix are
// excluded by default (re-buying is a per-category decision of the serving layer, which can turn
// that off and pass its own exclusion set).
//
// Top-N selection is a size-n binary heap over the catalogue, O(items · log n); ties are broken by
// the lower item index so that lists are reproducible.
import { type CsrMatrix } from "./sparse";

/**
 * Items never to return: a set of item indices, a 0/1 mask of length items, or an increasing
 * Int32Array of item indices (a CSR row, such as the user's own items: searched, not copied).
 */
export type ItemExclusion = ReadonlySet<number> | Uint8Array | Int32Array;

export type RecommendOptions = {
  /** List length. Default 20. */
  n?: number;
  /** Extra items to leave out (inactive products, excluded categories). */
  exclude?: ItemExclusion;
  /** Leave out the items the user already has in the training matrix. Default true. */
  excludeSeen?: boolean;
};

export type TopN = {
  /** Item indices, best first. May be shorter than n when fewer items have a usable score. */
  items: Int32Array;
  scores: Float64Array;
};

export type Recommender = {
  readonly nUsers: number;
  readonly nItems: number;
  /** Score of every item for the user, written to `out` if given (length nItems). */
  scoreItems(user: number, out?: Float64Array): Float64Array;
  /** The user's top-N items by score. */
  recommend(user: number, options?: RecommendOptions): TopN;
};

/**
 * The n best items of a dense score array, best first, skipping excluded items and scores that are
 * NaN or ≤ minScore (kNN models pass 0: an item no neighbour points to has no evidence at all).
 */
export function selectTopN(
  scores: Float64Array,
  n: number,
  exclude: readonly (ItemExclusion | undefined)[] = [],
  minScore = -Infinity,
): TopN {
  return selectTopNAmong(null, scores.length, scores, n, exclude, minScore);
}

/**
 * As selectTopN, but only over candidates[0..count) (item indices into the dense `scores`), or over
 * 0..count − 1 when candidates is null: the sparse models score only the items their neighbours
 * reach, and selecting among those instead of the whole catalogue is what makes top-N for 100k users
 * cheap.
 */
export function selectTopNAmong(
  candidates: Int32Array | null,
  count: number,
  scores: Float64Array,
  n: number,
  exclude: readonly (ItemExclusion | undefined)[] = [],
  minScore = -Infinity,
): TopN {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const m = scores.length;
  const masks: Uint8Array[] = [];
  const sets: ReadonlySet<number>[] = [];
  const sorted: Int32Array[] = [];
  for (const e of exclude) {
    if (e === undefined) continue;
    if (e instanceof Uint8Array) {
      if (e.length !== m) throw new RangeError(`exclusion mask has length ${e.length}, expected ${m} items`);
      masks.push(e);
    } else if (e instanceof Int32Array) {
      sorted.push(e);
    } else {
      sets.push(e);
    }
  }
  const nMasks = masks.length;
  const nSets = sets.length;
  const nSorted = sorted.length;
  const excluded = (j: number): boolean => {
    for (let e = 0; e < nMasks; e++) if (masks[e]![j] !== 0) return true;
    for (let e = 0; e < nSorted; e++) if (containsSorted(sorted[e]!, j)) return true;
    for (let e = 0; e < nSets; e++) if (sets[e]!.has(j)) return true;
    return false;
  };
  // Min-heap on (score, −index): the root is the worst kept item; a is worse than b when
  // a.score < b.score, or the scores tie and a has the higher index.
  const heapItems = new Int32Array(n);
  const heapScores = new Float64Array(n);
  let size = 0;
  for (let t = 0; t < count; t++) {
    const j = candidates === null ? t : candidates[t]!;
    const s = scores[j]!;
    if (!(s > minScore)) continue;
    if (size === n) {
      const rs = heapScores[0]!;
      if (s < rs || (s === rs && j > heapItems[0]!)) continue;
    }
    if ((nMasks | nSets | nSorted) !== 0 && excluded(j)) continue;
    let pos: number;
    if (size < n) {
      pos = size++;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        const ps = heapScores[parent]!;
        if (!(s < ps || (s === ps && j > heapItems[parent]!))) break;
        heapScores[pos] = ps;
        heapItems[pos] = heapItems[parent]!;
        pos = parent;
      }
    } else {
      pos = 0;
      for (;;) {
        let c = 2 * pos + 1;
        if (c >= size) break;
        const r = c + 1;
        if (r < size) {
          const rs = heapScores[r]!;
          const ls = heapScores[c]!;
          if (rs < ls || (rs === ls && heapItems[r]! > heapItems[c]!)) c = r;
        }
        const cs = heapScores[c]!;
        if (!(cs < s || (cs === s && heapItems[c]! > j))) break;
        heapScores[pos] = cs;
        heapItems[pos] = heapItems[c]!;
        pos = c;
      }
    }
    heapScores[pos] = s;
    heapItems[pos] = j;
  }
  // Pop the heap from the back: worst first into the last slot gives best-first order.
  const items = new Int32Array(size);
  const out = new Float64Array(size);
  for (let end = size - 1; end >= 0; end--) {
    items[end] = heapItems[0]!;
    out[end] = heapScores[0]!;
    const ls = heapScores[end]!;
    const li = heapItems[end]!;
    let pos = 0;
    for (;;) {
      let c = 2 * pos + 1;
      if (c >= end) break;
      const r = c + 1;
      if (r < end) {
        const rs = heapScores[r]!;
        const cs0 = heapScores[c]!;
        if (rs < cs0 || (rs === cs0 && heapItems[r]! > heapItems[c]!)) c = r;
      }
      const cs = heapScores[c]!;
      if (!(cs < ls || (cs === ls && heapItems[c]! > li))) break;
      heapScores[pos] = cs;
      heapItems[pos] = heapItems[c]!;
      pos = c;
    }
    heapScores[pos] = ls;
    heapItems[pos] = li;
  }
  return { items, scores: out };
}

/**
 * Walks items already sorted best first (`order`), skipping excluded ones and scores ≤ minScore, until
 * n are found: O(n + skipped) instead of a pass over the catalogue, for non-personalised rankings
 * such as popularity.
 */
export function takeTopN(
  order: Int32Array,
  scores: Float64Array,
  n: number,
  exclude: readonly (ItemExclusion | undefined)[] = [],
  minScore = -Infinity,
): TopN {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const items: number[] = [];
  const out: number[] = [];
  outer: for (let t = 0; t < order.length && items.length < n; t++) {
    const j = order[t]!;
    const s = scores[j]!;
    if (!(s > minScore)) continue;
    for (const e of exclude) {
      if (e === undefined) continue;
      if (e instanceof Uint8Array ? e[j] !== 0 : e instanceof Int32Array ? containsSorted(e, j) : e.has(j)) {
        continue outer;
      }
    }
    items.push(j);
    out.push(s);
  }
  return { items: Int32Array.from(items), scores: Float64Array.from(out) };
}

/** Item indices sorted by decreasing score, ties to the lower index. */
export function orderByScore(scores: Float64Array): Int32Array {
  return Int32Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** Whether the increasing array holds j (binary search). */
export function containsSorted(row: Int32Array, j: number): boolean {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = row[mid]!;
    if (v === j) return true;
    if (v < j) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** The user's training items (a view of the CSR row, increasing). */
export function seenItems(x: CsrMatrix, user: number): Int32Array {
  return x.indices.subarray(x.indptr[user]!, x.indptr[user + 1]!);
}

/** Resolves RecommendOptions' defaults and checks the user index. */
export function resolveRecommendOptions(
  x: CsrMatrix,
  user: number,
  options: RecommendOptions,
): { n: number; exclude: (ItemExclusion | undefined)[] } {
  checkUser(x, user);
  const { n = 20, exclude, excludeSeen = true } = options;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  return { n, exclude: [exclude, excludeSeen ? seenItems(x, user) : undefined] };
}

export function checkUser(x: CsrMatrix, user: number): void {
  if (!Number.isInteger(user) || user < 0 || user >= x.rows) {
    throw new RangeError(`user ${user} is outside 0..${x.rows - 1}`);
  }
}

/** The fitting precondition shared by every model: a non-empty matrix with finite, non-negative values. */
export function checkInteractions(x: CsrMatrix): void {
  if (x.rows < 1 || x.cols < 1 || x.indptr[x.rows] === 0) {
    throw new RangeError(`interaction matrix is empty (${x.rows} users × ${x.cols} items, no interactions)`);
  }
  for (let s = 0; s < x.values.length; s++) {
    const v = x.values[s]!;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(`interaction values must be finite and ≥ 0, got ${v} at entry ${s}`);
    }
  }
}

/** A positive integer option, or a RangeError naming it. */
export function checkPositiveInteger(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
}

/** A finite option ≥ 0, or a RangeError naming it. */
export function checkNonNegative(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
}
