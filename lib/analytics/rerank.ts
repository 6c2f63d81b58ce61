// Maximal marginal relevance re-ranking (Carbonell & Goldstein, SIGIR 1998), the "diversity" setting
// of the merchant controls. From the candidates C with relevance rel(·) and an item–item similarity
// sim(·, ·), picking greedily into S:
//     next = argmax_{c ∈ C \ S} λ·rel(c) − (1 − λ)·max_{s ∈ S} sim(c, s)     (max over ∅ is 0)
// λ = 1 is the relevance order (ties to the earlier candidate, so a list already sorted by relevance
// comes back unchanged); λ = 0 ignores relevance: every candidate ties at 0 for the first pick, so
// the first candidate opens the list, then each pick is the candidate least similar to those picked.
// Relevance is min–max scaled to [0, 1] over the candidates by default, so that one λ means the same
// trade-off for every model (kNN sums, EASE scores and popularity counts have unrelated scales) and
// is comparable with cosine similarities in [0, 1].
import { transposeCsr, type CsrMatrix } from "./sparse";

export type MmrOptions = {
  /** Relevance weight λ in [0, 1]; 1 − λ weighs diversity. */
  lambda: number;
  /** Length of the re-ranked list. Default: all candidates. */
  n?: number;
  /** Min–max scale the relevance to [0, 1] first. Default true. */
  normalize?: boolean;
};

export type ItemSimilarity = (a: number, b: number) => number;

/**
 * The MMR order of the candidates: indices into `items`' values (the item ids) with, for each pick,
 * its marginal score λ·rel − (1 − λ)·max sim at the time it was picked.
 */
export function mmr(
  items: ArrayLike<number>,
  relevance: ArrayLike<number>,
  similarity: ItemSimilarity,
  options: MmrOptions,
): { items: Int32Array; scores: Float64Array } {
  const { lambda, n = items.length, normalize = true } = options;
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`lambda must be in [0, 1], got ${lambda}`);
  if (relevance.length !== items.length) {
    throw new RangeError(`relevance has ${relevance.length} values, expected one per item (${items.length})`);
  }
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const m = items.length;
  const rel = new Float64Array(m);
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = 0; c < m; c++) {
    const r = relevance[c]!;
    if (!Number.isFinite(r)) throw new RangeError(`relevance of candidate ${c} is not finite: ${r}`);
    rel[c] = r;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  if (normalize) for (let c = 0; c < m; c++) rel[c] = hi > lo ? (rel[c]! - lo) / (hi - lo) : 1;

  const count = Math.min(n, m);
  const maxSim = new Float64Array(m);
  const picked = new Uint8Array(m);
  const outItems = new Int32Array(count);
  const outScores = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let c = 0; c < m; c++) {
      if (picked[c] === 1) continue;
      const s = lambda * rel[c]! - (1 - lambda) * maxSim[c]!;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    picked[best] = 1;
    const chosen = items[best]!;
    outItems[p] = chosen;
    outScores[p] = bestScore;
    if (lambda < 1) {
      for (let c = 0; c < m; c++) {
        if (picked[c] === 1) continue;
        const s = similarity(items[c]!, chosen);
        if (s > maxSim[c]!) maxSim[c] = s;
      }
    }
  }
  return { items: outItems, scores: outScores };
}

/**
 * sim(a, b) = max(W[a, b], W[b, a]) from a square similarity matrix W such as item-kNN's (0 where
 * neither is stored, so for non-neighbours; the max makes a pruned, asymmetric W symmetric).
 * Row b of W and of Wᵀ are scattered into a dense array and kept while b stays the same, which is
 * how mmr calls it (every remaining candidate against the item just picked): O(1) per call.
 */
export function similarityFromCsr(similarity: CsrMatrix): ItemSimilarity {
  if (similarity.rows !== similarity.cols) {
    throw new RangeError(`similarity matrix must be square, got ${similarity.rows}×${similarity.cols}`);
  }
  const n = similarity.rows;
  const wt = transposeCsr(similarity);
  const dense = new Float64Array(n);
  let current = -1;
  const scatter = (m: CsrMatrix, b: number, value: (v: number) => number) => {
    for (let t = m.indptr[b]!; t < m.indptr[b + 1]!; t++) {
      const a = m.indices[t]!;
      dense[a] = value(Math.max(dense[a]!, m.values[t]!));
    }
  };
  return (a, b) => {
    if (!Number.isInteger(a) || a < 0 || a >= n || !Number.isInteger(b) || b < 0 || b >= n) {
      throw new RangeError(`items ${a} and ${b} must be in 0..${n - 1}`);
    }
    if (b !== current) {
      if (current >= 0) {
        scatter(similarity, current, () => 0);
        scatter(wt, current, () => 0);
      }
      current = b;
      scatter(similarity, b, (v) => v);
      scatter(wt, b, (v) => v);
    }
    return dense[a]!;
  };
}
