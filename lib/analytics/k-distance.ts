// The sorted k-distance curve for choosing DBSCAN's eps (Ester et al., KDD 1996, §4.2; Schubert et al.,
// "DBSCAN revisited, revisited", ACM TODS 2017, §4.1), with an eps suggestion at its knee.
//
// Convention: the k-distance of a row is its distance to the k-th nearest row *counting the row itself
// as its own first neighbour* (distance 0) — what scikit-learn's NearestNeighbors(n_neighbors=k)
// .kneighbors(X)[0][:, k-1] returns when X is the fitted data. With this convention k = minSamples is
// exactly DBSCAN's core test: a row is a core sample of dbscan({ eps, minSamples: k }) iff its
// k-distance is <= eps. (Texts that exclude the point itself call the same number the
// (minPts − 1)-distance.)
//
// For large n the curve is computed for a seeded sample of rows, each against all rows, so every value
// on it is exact and the sample only thins the curve. The knee is the maximum of Kneedle's difference
// curve (Satopää, Albrecht, Irwin & Raghavan, "Finding a 'Kneedle' in a Haystack", ICDCS Workshops
// 2011, §III steps 2–3, for a convex increasing curve): after scaling both axes to [0, 1], the point
// where x − y is largest, which is also the point farthest from the chord joining the curve's ends. We
// skip Kneedle's smoothing spline and sensitivity threshold: they serve online detection and the
// choice among several local knees, whereas a sorted k-distance sample is monotone and we want its one
// dominant bend.
import { buildKdTree, minSquaredDistanceToNode, type KdTree } from "./dbscan";
import { assertFinite, type Matrix } from "./matrix";
import { createRandom } from "./random";

export type KDistanceOptions = {
  /** Neighbour rank, the row itself counting as the first; use DBSCAN's minSamples. */
  k?: number;
  /** Rows on the curve at most; larger inputs are sampled without replacement. */
  sampleSize?: number;
  seed?: number;
  /** Points per k-d tree leaf; affects speed only. */
  leafSize?: number;
};

export type KDistanceResult = {
  k: number;
  /** The k-distance of each curve row, ascending. */
  distances: Float64Array;
  /** The matrix row of each entry of `distances`. */
  rows: Int32Array;
  /** The knee: its position in `distances` and the suggested eps (= distances[index]); null without a bend. */
  knee: { index: number; eps: number } | null;
};

const DEFAULTS: Required<KDistanceOptions> = { k: 5, sampleSize: 10_000, seed: 0, leafSize: 30 };

export function kDistance(data: Matrix, options: KDistanceOptions = {}): KDistanceResult {
  const opts: Required<KDistanceOptions> = { ...DEFAULTS, ...options };
  const n = data.rows;
  if (!Number.isInteger(opts.k) || opts.k < 1) throw new RangeError(`k must be an integer ≥ 1, got ${opts.k}`);
  if (opts.k > n) throw new RangeError(`k = ${opts.k} needs at least ${opts.k} rows, got ${n}`);
  if (!Number.isInteger(opts.sampleSize) || opts.sampleSize < 1) {
    throw new RangeError(`sampleSize must be an integer ≥ 1, got ${opts.sampleSize}`);
  }
  assertFinite(data, "k-distance input");
  const tree = buildKdTree(data, opts.leafSize);

  let sample: Int32Array;
  if (n <= opts.sampleSize) {
    sample = Int32Array.from({ length: n }, (_, i) => i);
  } else {
    // Partial Fisher–Yates: the first sampleSize entries are a uniform sample without replacement.
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    const random = createRandom(opts.seed);
    for (let i = 0; i < opts.sampleSize; i++) {
      const j = i + random.int(n - i);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    sample = perm.slice(0, opts.sampleSize);
  }

  const position = new Int32Array(n);
  for (let p = 0; p < n; p++) position[tree.index[p]!] = p;
  const search = createKnnSearch(tree, opts.k);
  const raw = new Float64Array(sample.length);
  for (let i = 0; i < sample.length; i++) raw[i] = Math.sqrt(search(position[sample[i]!]!));
  const order = Array.from({ length: sample.length }, (_, i) => i).sort((a, b) => raw[a]! - raw[b]! || a - b);
  const distances = Float64Array.from(order, (i) => raw[i]!);
  const rows = Int32Array.from(order, (i) => sample[i]!);
  const index = findKnee(distances);
  return { k: opts.k, distances, rows, knee: index === null ? null : { index, eps: distances[index]! } };
}

/**
 * Index of the knee of an ascending convex curve: the maximum of x − y after scaling both to [0, 1]
 * (Kneedle's difference curve). Null for fewer than 3 points, a flat curve, or one that never falls
 * below its chord.
 */
export function findKnee(ascending: ArrayLike<number>): number | null {
  const m = ascending.length;
  for (let i = 1; i < m; i++) {
    if (!(ascending[i]! >= ascending[i - 1]!)) throw new RangeError(`curve must be ascending, broken at index ${i}`);
  }
  if (m < 3) return null;
  const y0 = ascending[0]!;
  const range = ascending[m - 1]! - y0;
  if (!(range > 0)) return null;
  let best: number | null = null;
  let bestDiff = 0;
  for (let i = 1; i < m - 1; i++) {
    const diff = i / (m - 1) - (ascending[i]! - y0) / range;
    if (diff > bestDiff) {
      bestDiff = diff;
      best = i;
    }
  }
  return best;
}

/** Squared distance from a tree position to its k-th nearest point (itself first), by best-first descent. */
function createKnnSearch(tree: KdTree, k: number): (q: number) => number {
  const { points, dim, firstLeaf, nodeStart, nodeEnd } = tree;
  const heap = new Float64Array(k); // max-heap of the k smallest squared distances so far
  const stack = new Int32Array(2 * tree.levels + 2);
  const stackBound = new Float64Array(stack.length);
  return (q) => {
    const qOff = q * dim;
    let size = 0;
    let top = 0;
    stack[top] = 0;
    stackBound[top++] = minSquaredDistanceToNode(tree, 0, points, qOff);
    while (top > 0) {
      const node = stack[--top]!;
      if (size === k && stackBound[top]! >= heap[0]!) continue;
      if (node >= firstLeaf) {
        for (let p = nodeStart[node]!, end = nodeEnd[node]!; p < end; p++) {
          // Once the heap is full a point must beat its maximum; rounded partial sums of squares never
          // decrease, so the sum can stop as soon as it cannot.
          const bound = size < k ? Infinity : heap[0]!;
          let d2 = 0;
          for (let j = 0, a = p * dim; j < dim && d2 < bound; j++) {
            const d = points[a + j]! - points[qOff + j]!;
            d2 += d * d;
          }
          if (size < k) siftUp(heap, size++, d2);
          else if (d2 < bound) siftDown(heap, k, d2);
        }
        continue;
      }
      const left = 2 * node + 1;
      const right = left + 1;
      const dl = minSquaredDistanceToNode(tree, left, points, qOff);
      const dr = minSquaredDistanceToNode(tree, right, points, qOff);
      // Push the farther child first so the nearer one is searched first and tightens the bound.
      const nearLeft = dl <= dr;
      stack[top] = nearLeft ? right : left;
      stackBound[top++] = nearLeft ? dr : dl;
      stack[top] = nearLeft ? left : right;
      stackBound[top++] = nearLeft ? dl : dr;
    }
    return heap[0]!;
  };
}

function siftUp(heap: Float64Array, at: number, value: number) {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]! >= value) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = value;
}

/** Replaces the maximum of a full max-heap of `size` entries by `value`. */
function siftDown(heap: Float64Array, size: number, value: number) {
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && heap[child + 1]! > heap[child]!) child++;
    if (heap[child]! <= value) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = value;
}
