// Explicit ratings (reviews' stars) as the Python Surprise library holds them, so that the algorithms
// of cf-baseline.ts, cf-knn.ts and cf-svd.ts see exactly what Surprise's see (NicolasHug/Surprise,
// surprise/dataset.py `construct_trainset`, surprise/trainset.py):
//   - inner ids are given to users and items in order of first appearance in the training rows;
//   - ur[u] lists (item, rating) in row order, ir[i] lists (user, rating) in row order, and
//     "all ratings" runs user by user in inner-id order (the order SGD visits them);
//   - the global mean is numpy's mean over that order;
//   - a scale whose lower bound is ≤ 0 is shifted by offset = 1 − lower (Surprise's Reader.offset), so
//     that every stored rating is ≥ 1; predictions are shifted back and clipped to the scale.
// Unlike Surprise, a rating outside the scale and a second rating of the same user–item pair are
// errors (RangeError naming the rows), and so is empty input.
//
// splitRatingsKFold is Surprise's KFold: indices shuffled, folds cut as contiguous slices (the first
// n mod k one longer), the training rows kept in shuffled order (which fixes inner ids and SGD order).

import { createNumpyRandomState, numpyMean, type RatingRng } from "./numpy-random";
import { createRandom } from "./random";

export type RatingTriples = { users: string[]; items: string[]; ratings: Float64Array };

export type RatingScale = readonly [number, number];

export type Trainset = {
  readonly nUsers: number;
  readonly nItems: number;
  readonly nRatings: number;
  /** Raw ids by inner id. */
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly userIndex: ReadonlyMap<string, number>;
  readonly itemIndex: ReadonlyMap<string, number>;
  /** ur as CSR: the ratings of user u are at [urStart[u], urStart[u + 1]). Ratings include the offset. */
  readonly urStart: Int32Array;
  readonly urItem: Int32Array;
  readonly urRating: Float64Array;
  /** ir as CSR, same layout. */
  readonly irStart: Int32Array;
  readonly irUser: Int32Array;
  readonly irRating: Float64Array;
  /** Mean of the (offset) ratings in all-ratings order, as numpy computes it. */
  readonly globalMean: number;
  readonly scale: RatingScale;
  /** Added to every rating when the scale's lower bound is ≤ 0 (Surprise's Reader.offset). */
  readonly offset: number;
};

export type BuildTrainsetOptions = {
  /** Rating scale [lowest, highest]; ratings outside it are refused, predictions clipped to it. */
  scale: RatingScale;
  /** Rows of the triples to use, in this order (a fold's training rows). Default: all, in order. */
  rows?: Int32Array;
  /** Default true; false skips validateRatings when the caller already ran it on the same triples. */
  validate?: boolean;
};

export type RatingPrediction = { estimate: number; impossible: boolean };

export type RatingModel = {
  readonly trainset: Trainset;
  /** Raw ids; unknown ones get the algorithm's documented fallback. */
  predict(user: string, item: string): RatingPrediction;
  /** Inner ids; an id outside [0, n) stands for an unknown user or item. */
  predictInner(u: number, i: number): RatingPrediction;
};

export function checkScale(scale: RatingScale): void {
  const [lo, hi] = scale;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new RangeError(`the rating scale must be two finite numbers [lowest, highest], got [${lo}, ${hi}]`);
  }
}

/** Surprise's Reader.offset: ratings are shifted so that the lowest possible one is ≥ 1. */
export function scaleOffset(scale: RatingScale): number {
  return scale[0] <= 0 ? 1 - scale[0] : 0;
}

/**
 * Checks every row once (lengths, ids, ratings inside the scale, no user–item pair twice). Row
 * numbers in messages are 0-based positions in the triples.
 */
export function validateRatings(triples: RatingTriples, scale: RatingScale): void {
  checkScale(scale);
  const { users, items, ratings } = triples;
  const n = ratings.length;
  if (users.length !== n || items.length !== n) {
    throw new RangeError(
      `users, items and ratings must have the same length, got ${users.length}, ${items.length} and ${n}`,
    );
  }
  if (n === 0) throw new RangeError("no ratings: at least one (user, item, rating) row is needed");
  const [lo, hi] = scale;
  const seen = new Map<string, number>();
  for (let row = 0; row < n; row++) {
    const u = users[row]!;
    const i = items[row]!;
    const r = ratings[row]!;
    if (typeof u !== "string" || u === "") throw new RangeError(`row ${row}: the user id is empty`);
    if (typeof i !== "string" || i === "") throw new RangeError(`row ${row}: the item id is empty`);
    if (!(r >= lo && r <= hi)) {
      throw new RangeError(
        `row ${row}: rating ${r} of user "${u}" for item "${i}" is outside the scale [${lo}, ${hi}]`,
      );
    }
    const key = `${u.length}:${u}${i}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new RangeError(`row ${row}: user "${u}" already rated item "${i}" in row ${first} (duplicate pair)`);
    }
    seen.set(key, row);
  }
}

/** Surprise's `construct_trainset` over the given rows (validated first). */
export function buildTrainset(triples: RatingTriples, options: BuildTrainsetOptions): Trainset {
  const { scale, validate = true } = options;
  if (validate) validateRatings(triples, scale);
  else checkScale(scale);
  const n = triples.ratings.length;
  const rows = options.rows ?? Int32Array.from({ length: n }, (_, r) => r);
  if (rows.length === 0) throw new RangeError("no ratings: the training rows are empty");
  for (const r of rows) {
    if (!(r >= 0 && r < n)) throw new RangeError(`training row ${r} is not a row of the ${n} ratings`);
  }
  const offset = scaleOffset(scale);
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const rowUser = new Int32Array(rows.length);
  const rowItem = new Int32Array(rows.length);
  for (let t = 0; t < rows.length; t++) {
    const row = rows[t]!;
    const ru = triples.users[row]!;
    const ri = triples.items[row]!;
    let u = userIndex.get(ru);
    if (u === undefined) {
      u = userIds.length;
      userIndex.set(ru, u);
      userIds.push(ru);
    }
    let i = itemIndex.get(ri);
    if (i === undefined) {
      i = itemIds.length;
      itemIndex.set(ri, i);
      itemIds.push(ri);
    }
    rowUser[t] = u;
    rowItem[t] = i;
  }
  const nUsers = userIds.length;
  const nItems = itemIds.length;
  const nRatings = rows.length;
  const urStart = new Int32Array(nUsers + 1);
  const irStart = new Int32Array(nItems + 1);
  for (let t = 0; t < nRatings; t++) {
    urStart[rowUser[t]! + 1]!++;
    irStart[rowItem[t]! + 1]!++;
  }
  for (let u = 0; u < nUsers; u++) urStart[u + 1]! += urStart[u]!;
  for (let i = 0; i < nItems; i++) irStart[i + 1]! += irStart[i]!;
  const urItem = new Int32Array(nRatings);
  const urRating = new Float64Array(nRatings);
  const irUser = new Int32Array(nRatings);
  const irRating = new Float64Array(nRatings);
  const uFill = urStart.slice(0, nUsers);
  const iFill = irStart.slice(0, nItems);
  for (let t = 0; t < nRatings; t++) {
    const u = rowUser[t]!;
    const i = rowItem[t]!;
    const r = triples.ratings[rows[t]!]! + offset;
    const pu = uFill[u]!++;
    urItem[pu] = i;
    urRating[pu] = r;
    const pi = iFill[i]!++;
    irUser[pi] = u;
    irRating[pi] = r;
  }
  return {
    nUsers,
    nItems,
    nRatings,
    userIds,
    itemIds,
    userIndex,
    itemIndex,
    urStart,
    urItem,
    urRating,
    irStart,
    irUser,
    irRating,
    globalMean: numpyMean(urRating),
    scale: [scale[0], scale[1]],
    offset,
  };
}

/**
 * The model wrapper every algorithm shares, Surprise's `AlgoBase.predict`: raw ids → inner ids
 * (unknown → −1), `estimate` returns null when Surprise raises PredictionImpossible, in which case the
 * estimate is the global mean; then the offset is removed and the value clipped to the scale.
 */
export function createRatingModel(trainset: Trainset, estimate: (u: number, i: number) => number | null): RatingModel {
  const [lo, hi] = trainset.scale;
  const predictInner = (u: number, i: number): RatingPrediction => {
    const uu = Number.isInteger(u) && u >= 0 && u < trainset.nUsers ? u : -1;
    const ii = Number.isInteger(i) && i >= 0 && i < trainset.nItems ? i : -1;
    const est = estimate(uu, ii);
    const impossible = est === null;
    const raw = (est ?? trainset.globalMean) - trainset.offset;
    return { estimate: Math.max(lo, Math.min(hi, raw)), impossible };
  };
  return {
    trainset,
    predictInner,
    predict: (user, item) => predictInner(trainset.userIndex.get(user) ?? -1, trainset.itemIndex.get(item) ?? -1),
  };
}

export type RatingFold = { readonly train: Int32Array; readonly test: Int32Array };

export type KFoldRatingsOptions = {
  /** Default 5 (Surprise's KFold default). */
  folds?: number;
  /** Default 0. */
  seed?: number;
  /** "shoplens" (default, ./random) or "numpy" (Surprise's KFold(random_state=seed) folds exactly). */
  rng?: RatingRng;
  /** Default true; false keeps the rows in order, as KFold(shuffle=False). */
  shuffle?: boolean;
};

/** Surprise's `KFold.split` over n rating rows: row indices of each fold's training and test sets. */
export function splitRatingsKFold(n: number, options: KFoldRatingsOptions = {}): RatingFold[] {
  const { folds = 5, seed = 0, rng = "shoplens", shuffle = true } = options;
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be an integer ≥ 2, got ${folds}`);
  if (!Number.isInteger(n) || n < folds) throw new RangeError(`cannot make ${folds} folds from ${n} ratings`);
  const indices = Int32Array.from({ length: n }, (_, r) => r);
  if (shuffle) {
    switch (rng) {
      case "numpy":
        createNumpyRandomState(seed).shuffle(indices);
        break;
      case "shoplens": {
        const random = createRandom(seed);
        for (let i = n - 1; i > 0; i--) {
          const j = random.int(i + 1);
          const t = indices[i]!;
          indices[i] = indices[j]!;
          indices[j] = t;
        }
        break;
      }
      default: {
        const never: never = rng;
        throw new RangeError(`unknown rng ${String(never)}`);
      }
    }
  }
  const result: RatingFold[] = [];
  let stop = 0;
  for (let f = 0; f < folds; f++) {
    const start = stop;
    stop += Math.floor(n / folds) + (f < n % folds ? 1 : 0);
    const train = new Int32Array(n - (stop - start));
    train.set(indices.subarray(0, start), 0);
    train.set(indices.subarray(stop), start);
    result.push({ train, test: indices.slice(start, stop) });
  }
  return result;
}
