// Neighbourhood rating predictors with the Python Surprise library's definitions
// (NicolasHug/Surprise, surprise/similarities.pyx, prediction_algorithms/knns.py, algo_base.py), so
// that their predictions compare number for number. "x" is what is compared (users when userBased,
// the default, items otherwise) and "y" the other side; only common y count.
//   cosine            Σ r_x r_x' / √(Σ r_x² · Σ r_x'²)
//   msd (default)     1 / (Σ (r_x − r_x')² / |common| + 1)
//   pearson           (n Σ r r' − Σr Σr') / √((n Σr² − (Σr)²)(n Σr'² − (Σr')²)), 0 when the
//                     denominator is 0 (centred on the means over the common y, as the code does)
//   pearson_baseline  Σ d d' / √(Σ d² · Σ d'²) with d = r − (μ + b_y + b_x), times the shrinkage
//                     factor (|common| − 1) / (|common| − 1 + shrinkage), shrinkage 100; the minimum
//                     support is at least 2. Baselines from cf-baseline (ALS by default).
// A pair with fewer than minSupport (default 1) common y has similarity 0; sim(x, x) = 1.
// Where Surprise would divide by zero and raise (only possible with minSupport 0, or when every
// baseline residual of a pair is exactly 0), the similarity here is 0.
//
// Prediction for (u, i): the candidates are the x' that rated y (in the order of the trainset), the k
// (default 40) with the largest similarity are kept (ties: earlier first, as heapq.nlargest), and of
// those only the ones with similarity > 0 are aggregated (actual_k). Then:
//   KNNBasic      Σ sim·r / Σ sim; impossible (→ global mean) when actual_k < minK (default 1) or
//                 the user or item is unknown;
//   KNNWithMeans  μ_x + Σ sim·(r − μ_x') / Σ sim; the neighbour term is dropped when actual_k < minK;
//                 impossible only for an unknown user or item;
//   KNNBaseline   b_ui + Σ sim·(r − b_x'y) / Σ sim; the neighbour term dropped when actual_k < minK;
//                 an unknown user or item gets the baseline of what is known (not "impossible", as
//                 in Surprise).
// All estimates are clipped to the rating scale.
//
// The similarity matrix is dense (nX² doubles): up to 10,000 users (or items) by default, 800 MB;
// beyond that a RangeError asks for the other orientation or a larger maxDense. It is computed one row
// at a time (each pair once), summing over the common y in inner-id order as Surprise does.

import { computeBaselines, baselineEstimate, type BaselineOptions, type Baselines } from "./cf-baseline";
import { numpyMean } from "./numpy-random";
import { createRatingModel, type RatingModel, type Trainset } from "./ratings";

export type SimilarityName = "cosine" | "msd" | "pearson" | "pearson_baseline";

export type SimilarityOptions = {
  /** Default "msd", Surprise's default. */
  name?: SimilarityName;
  /** Default true. */
  userBased?: boolean;
  /** Default 1. */
  minSupport?: number;
  /** pearson_baseline only. Default 100. */
  shrinkage?: number;
  /** Largest number of users (items) for the dense matrix. Default 10,000. */
  maxDense?: number;
};

export type KnnOptions = SimilarityOptions & {
  /** Maximum number of neighbours aggregated. Default 40. */
  k?: number;
  /** Minimum number of neighbours with positive similarity. Default 1. */
  minK?: number;
  /** Baselines for KNNBaseline and pearson_baseline. Default ALS with Surprise's defaults. */
  baseline?: BaselineOptions;
};

export type SimilarityMatrix = { readonly n: number; readonly data: Float64Array };

type Side = {
  nX: number;
  nY: number;
  /** x → its (y, r), CSR. */
  xStart: Int32Array;
  xOther: Int32Array;
  xRating: Float64Array;
  /** y → its (x, r), CSR. */
  yStart: Int32Array;
  yOther: Int32Array;
  yRating: Float64Array;
};

function sideOf(t: Trainset, userBased: boolean): Side {
  return userBased
    ? {
        nX: t.nUsers,
        nY: t.nItems,
        xStart: t.urStart,
        xOther: t.urItem,
        xRating: t.urRating,
        yStart: t.irStart,
        yOther: t.irUser,
        yRating: t.irRating,
      }
    : {
        nX: t.nItems,
        nY: t.nUsers,
        xStart: t.irStart,
        xOther: t.irUser,
        xRating: t.irRating,
        yStart: t.urStart,
        yOther: t.urItem,
        yRating: t.urRating,
      };
}

type ResolvedSim = Required<Omit<SimilarityOptions, "maxDense">> & { maxDense: number };

function resolveSimilarity(options: SimilarityOptions): ResolvedSim {
  const { name = "msd", userBased = true, minSupport = 1, shrinkage = 100, maxDense = 10_000 } = options;
  switch (name) {
    case "cosine":
    case "msd":
    case "pearson":
    case "pearson_baseline":
      break;
    default: {
      const never: never = name;
      throw new RangeError(`unknown similarity ${String(never)}; use cosine, msd, pearson or pearson_baseline`);
    }
  }
  if (typeof userBased !== "boolean") throw new RangeError(`userBased must be true or false, got ${String(userBased)}`);
  if (!Number.isInteger(minSupport) || minSupport < 0) {
    throw new RangeError(`minSupport must be an integer ≥ 0, got ${minSupport}`);
  }
  if (!Number.isFinite(shrinkage) || shrinkage < 0) {
    throw new RangeError(`shrinkage must be a finite number ≥ 0, got ${shrinkage}`);
  }
  if (!Number.isInteger(maxDense) || maxDense < 1)
    throw new RangeError(`maxDense must be a positive integer, got ${maxDense}`);
  return { name, userBased, minSupport, shrinkage, maxDense };
}

/**
 * Surprise's `compute_similarities`: the nX×nX similarity matrix (row-major). `baselines` is needed
 * (and only used) for pearson_baseline; computeKnnSimilarities' callers pass the model's.
 */
export function computeSimilarities(
  trainset: Trainset,
  options: SimilarityOptions = {},
  baselines?: Baselines,
): SimilarityMatrix {
  const o = resolveSimilarity(options);
  const s = sideOf(trainset, o.userBased);
  const n = s.nX;
  if (n > o.maxDense) {
    const what = o.userBased ? "users" : "items";
    throw new RangeError(
      `${n} ${what} exceed the dense similarity limit of ${o.maxDense} (${n}² doubles); ` +
        `use the other orientation (userBased) or raise maxDense`,
    );
  }
  let bx: Float64Array | null = null;
  let by: Float64Array | null = null;
  if (o.name === "pearson_baseline") {
    const b = baselines ?? computeBaselines(trainset);
    bx = o.userBased ? b.bu : b.bi;
    by = o.userBased ? b.bi : b.bu;
  }
  const sim = new Float64Array(n * n);
  const freq = new Int32Array(n);
  const prods = new Float64Array(n);
  const sqi = new Float64Array(n);
  const sqj = new Float64Array(n);
  const si = new Float64Array(n);
  const sj = new Float64Array(n);
  const minSupport = o.name === "pearson_baseline" ? Math.max(2, o.minSupport) : o.minSupport;
  const mu = trainset.globalMean;
  let order = new Int32Array(0);
  let orderRating = new Float64Array(0);

  for (let xi = 0; xi < n; xi++) {
    // Surprise sums over y in inner-id order (dict order of yr); x's list is in row order.
    const start = s.xStart[xi]!;
    const len = s.xStart[xi + 1]! - start;
    if (order.length < len) {
      order = new Int32Array(len);
      orderRating = new Float64Array(len);
    }
    sortByY(s.xOther, s.xRating, start, len, order, orderRating);
    freq.fill(0, xi + 1);
    prods.fill(0, xi + 1);
    sqi.fill(0, xi + 1);
    sqj.fill(0, xi + 1);
    si.fill(0, xi + 1);
    sj.fill(0, xi + 1);
    for (let t = 0; t < len; t++) {
      const y = order[t]!;
      const ri = orderRating[t]!;
      const yEnd = s.yStart[y + 1]!;
      switch (o.name) {
        case "cosine":
          for (let p = s.yStart[y]!; p < yEnd; p++) {
            const xj = s.yOther[p]!;
            if (xj <= xi) continue;
            const rj = s.yRating[p]!;
            freq[xj]!++;
            prods[xj]! += ri * rj;
            sqi[xj]! += ri * ri;
            sqj[xj]! += rj * rj;
          }
          break;
        case "msd":
          for (let p = s.yStart[y]!; p < yEnd; p++) {
            const xj = s.yOther[p]!;
            if (xj <= xi) continue;
            const d = ri - s.yRating[p]!;
            freq[xj]!++;
            prods[xj]! += d * d;
          }
          break;
        case "pearson":
          for (let p = s.yStart[y]!; p < yEnd; p++) {
            const xj = s.yOther[p]!;
            if (xj <= xi) continue;
            const rj = s.yRating[p]!;
            prods[xj]! += ri * rj;
            freq[xj]!++;
            sqi[xj]! += ri * ri;
            sqj[xj]! += rj * rj;
            si[xj]! += ri;
            sj[xj]! += rj;
          }
          break;
        case "pearson_baseline": {
          const partial = mu + by![y]!;
          const diffI = ri - (partial + bx![xi]!);
          for (let p = s.yStart[y]!; p < yEnd; p++) {
            const xj = s.yOther[p]!;
            if (xj <= xi) continue;
            const diffJ = s.yRating[p]! - (partial + bx![xj]!);
            freq[xj]!++;
            prods[xj]! += diffI * diffJ;
            sqi[xj]! += diffI * diffI;
            sqj[xj]! += diffJ * diffJ;
          }
          break;
        }
        default: {
          const never: never = o.name;
          throw new RangeError(`unknown similarity ${String(never)}`);
        }
      }
    }
    sim[xi * n + xi] = 1;
    for (let xj = xi + 1; xj < n; xj++) {
      const f = freq[xj]!;
      let v = 0;
      if (f >= minSupport && f > 0) {
        switch (o.name) {
          case "cosine":
            v = prods[xj]! / Math.sqrt(sqi[xj]! * sqj[xj]!);
            break;
          case "msd":
            v = 1 / (prods[xj]! / f + 1);
            break;
          case "pearson": {
            const num = f * prods[xj]! - si[xj]! * sj[xj]!;
            const den = Math.sqrt((f * sqi[xj]! - si[xj]! * si[xj]!) * (f * sqj[xj]! - sj[xj]! * sj[xj]!));
            v = den === 0 ? 0 : num / den;
            break;
          }
          case "pearson_baseline": {
            const den = Math.sqrt(sqi[xj]! * sqj[xj]!);
            v = den === 0 ? 0 : prods[xj]! / den;
            v *= (f - 1) / (f - 1 + o.shrinkage);
            break;
          }
          default: {
            const never: never = o.name;
            throw new RangeError(`unknown similarity ${String(never)}`);
          }
        }
        if (!Number.isFinite(v)) v = 0;
      }
      sim[xi * n + xj] = v;
      sim[xj * n + xi] = v;
    }
  }
  return { n, data: sim };
}

/** Copies x's (y, r) into out arrays sorted by y (a stable insertion sort for short lists). */
function sortByY(
  other: Int32Array,
  rating: Float64Array,
  start: number,
  len: number,
  outY: Int32Array,
  outR: Float64Array,
): void {
  if (len > 32) {
    const idx = Array.from({ length: len }, (_, t) => t);
    idx.sort((a, b) => other[start + a]! - other[start + b]!);
    for (let t = 0; t < len; t++) {
      outY[t] = other[start + idx[t]!]!;
      outR[t] = rating[start + idx[t]!]!;
    }
    return;
  }
  for (let t = 0; t < len; t++) {
    const y = other[start + t]!;
    const r = rating[start + t]!;
    let q = t;
    while (q > 0 && outY[q - 1]! > y) {
      outY[q] = outY[q - 1]!;
      outR[q] = outR[q - 1]!;
      q--;
    }
    outY[q] = y;
    outR[q] = r;
  }
}

export type KnnVariant = "basic" | "means" | "baseline";

export type KnnModel = RatingModel & {
  readonly similarities: SimilarityMatrix;
  /** KNNBaseline (and pearson_baseline) only. */
  readonly baselines: Baselines | null;
  /** Neighbours aggregated in the last prediction (Surprise's details["actual_k"]; 0 when none). */
  readonly lastActualK: () => number;
};

/** Surprise's KNNBasic. */
export function fitKnnBasic(trainset: Trainset, options: KnnOptions = {}): KnnModel {
  return fitKnn(trainset, "basic", options);
}

/** Surprise's KNNWithMeans. */
export function fitKnnWithMeans(trainset: Trainset, options: KnnOptions = {}): KnnModel {
  return fitKnn(trainset, "means", options);
}

/** Surprise's KNNBaseline. */
export function fitKnnBaseline(trainset: Trainset, options: KnnOptions = {}): KnnModel {
  return fitKnn(trainset, "baseline", options);
}

export function fitKnn(trainset: Trainset, variant: KnnVariant, options: KnnOptions = {}): KnnModel {
  const { k = 40, minK = 1, baseline = {} } = options;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (!Number.isInteger(minK) || minK < 0) throw new RangeError(`minK must be an integer ≥ 0, got ${minK}`);
  const sim = resolveSimilarity(options);
  switch (variant) {
    case "basic":
    case "means":
    case "baseline":
      break;
    default: {
      const never: never = variant;
      throw new RangeError(`unknown k-NN variant ${String(never)}`);
    }
  }
  const needsBaselines = variant === "baseline" || sim.name === "pearson_baseline";
  const baselines = needsBaselines ? computeBaselines(trainset, baseline) : null;
  const similarities = computeSimilarities(trainset, options, baselines ?? undefined);
  const s = sideOf(trainset, sim.userBased);
  const n = s.nX;
  const means = new Float64Array(variant === "means" ? n : 0);
  if (variant === "means") {
    for (let x = 0; x < n; x++) means[x] = numpyMean(s.xRating, s.xStart[x]!, s.xStart[x + 1]! - s.xStart[x]!);
  }
  const mu = trainset.globalMean;
  const bx = baselines ? (sim.userBased ? baselines.bu : baselines.bi) : null;
  const by = baselines ? (sim.userBased ? baselines.bi : baselines.bu) : null;

  let cand = new Int32Array(64);
  let candSim = new Float64Array(64);
  let actualK = 0;

  const estimate = (u: number, i: number): number | null => {
    actualK = 0;
    if (variant === "baseline" && (u < 0 || i < 0)) return baselineEstimate(trainset, baselines!, u, i);
    if (u < 0 || i < 0) return null;
    const x = sim.userBased ? u : i;
    const y = sim.userBased ? i : u;
    const start = s.yStart[y]!;
    const len = s.yStart[y + 1]! - start;
    if (cand.length < len) {
      cand = new Int32Array(len);
      candSim = new Float64Array(len);
    }
    const row = x * n;
    for (let t = 0; t < len; t++) {
      cand[t] = start + t;
      candSim[t] = similarities.data[row + s.yOther[start + t]!]!;
    }
    const m = topK(cand, candSim, len, k);
    let sumSim = 0;
    let sumRatings = 0;
    for (let t = 0; t < m; t++) {
      const w = candSim[t]!;
      if (!(w > 0)) continue;
      const p = cand[t]!;
      const r = s.yRating[p]!;
      sumSim += w;
      switch (variant) {
        case "basic":
          sumRatings += w * r;
          break;
        case "means":
          sumRatings += w * (r - means[s.yOther[p]!]!);
          break;
        case "baseline":
          sumRatings += w * (r - (mu + bx![s.yOther[p]!]! + by![y]!));
          break;
        default: {
          const never: never = variant;
          throw new RangeError(`unknown k-NN variant ${String(never)}`);
        }
      }
      actualK++;
    }
    switch (variant) {
      case "basic":
        // Surprise raises PredictionImpossible below minK; with minK = 0 and no neighbour it would
        // divide 0 by 0 and fail, here it is impossible too.
        if (actualK < minK || sumSim === 0) return null;
        return sumRatings / sumSim;
      case "means": {
        let est = means[x]!;
        if (actualK < minK) sumRatings = 0;
        if (sumSim !== 0) est += sumRatings / sumSim;
        return est;
      }
      case "baseline": {
        let est = baselineEstimate(trainset, baselines!, u, i);
        if (actualK < minK) sumRatings = 0;
        if (sumSim !== 0) est += sumRatings / sumSim;
        return est;
      }
      default: {
        const never: never = variant;
        throw new RangeError(`unknown k-NN variant ${String(never)}`);
      }
    }
  };
  return {
    ...createRatingModel(trainset, estimate),
    similarities,
    baselines,
    lastActualK: () => actualK,
  };
}

/**
 * Reorders (cand, sims)[0..len) so that its first min(k, len) entries are heapq.nlargest(k, ·) by
 * similarity: descending, equal similarities in their original order. Returns that count.
 */
function topK(cand: Int32Array, sims: Float64Array, len: number, k: number): number {
  const m = Math.min(k, len);
  if (m === 0) return 0;
  // Stable selection: original positions are ascending in cand, so ties compare by cand.
  const better = (a: number, b: number) => sims[a]! > sims[b]! || (sims[a]! === sims[b]! && cand[a]! < cand[b]!);
  if (len <= 64 || m * 4 >= len) {
    // Insertion sort of the first m, then insert the rest where they belong (cheap for small k or len).
    for (let t = 1; t < len; t++) {
      if (t >= m && !better(t, m - 1)) continue;
      const c = cand[t]!;
      const w = sims[t]!;
      let q = Math.min(t, m - 1);
      while (q > 0 && (w > sims[q - 1]! || (w === sims[q - 1]! && c < cand[q - 1]!))) {
        cand[q] = cand[q - 1]!;
        sims[q] = sims[q - 1]!;
        q--;
      }
      cand[q] = c;
      sims[q] = w;
    }
    return m;
  }
  const idx = Array.from({ length: len }, (_, t) => t);
  idx.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  const c = Array.from({ length: m }, (_, t) => cand[idx[t]!]!);
  const w = Array.from({ length: m }, (_, t) => sims[idx[t]!]!);
  for (let t = 0; t < m; t++) {
    cand[t] = c[t]!;
    sims[t] = w[t]!;
  }
  return m;
}
