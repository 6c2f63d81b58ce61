// Item-based collaborative filtering for implicit feedback (Deshpande & Karypis, "Item-based top-N
// recommendation algorithms", ACM TOIS 2004; Sarwar et al. WWW 2001):
//   - similarity: cosine between item columns of the user×item matrix X,
//       sim(i, j) = Σ_u x_ui·x_uj / (‖x_i‖·‖x_j‖ + shrink),
//     the shrunk cosine of Dacrema et al.'s ItemKNNCF baseline ("Are we really making much progress?",
//     RecSys 2019): shrink > 0 pulls similarities resting on few co-purchases towards 0. With 0/1
//     values the numerator is the number of co-purchasers;
//   - computed sparsely, one item row at a time: for item i, walk its users and each user's items,
//     accumulating dot products only for the items that co-occur with i (Σ_u |items of u|² work in
//     all, never an items×items dense matrix), then keep the k most similar (top-k pruning, ties to
//     the lower index). The pruned matrix is W, row i holding the neighbours of i;
//   - score(u, j) = Σ_{i ∈ items of u} W[i, j] (binary use of the user's history, as in the paper),
//     accumulated only over the items the user's neighbourhoods reach; an item reached by none has no
//     score and is not recommended (the serving layer fills up with popular items);
//   - the reason of a recommended item j is "because you bought i*", i* = argmax_i W[i, j] over the
//     user's items: the purchase that contributes most to j's score.
import {
  checkInteractions,
  checkNonNegative,
  checkPositiveInteger,
  checkUser,
  resolveRecommendOptions,
  selectTopNAmong,
  type Recommender,
  type RecommendOptions,
  type TopN,
} from "./implicit-top-n";
import { transposeCsr, type CsrMatrix } from "./sparse";

export type ItemKnnOptions = {
  /** Neighbours kept per item. Default 50. */
  k?: number;
  /** Added to the cosine's denominator. Default 0 (plain cosine). */
  shrink?: number;
};

/** A top-N list with, for each item, the user's item that contributes most to its score. */
export type ExplainedTopN = TopN & { because: Int32Array };

export type ItemKnnModel = Omit<Recommender, "recommend"> & {
  /** The pruned similarity W (items×items): row i holds the k items most similar to i. */
  readonly similarity: CsrMatrix;
  recommend(user: number, options?: RecommendOptions): ExplainedTopN;
};

export function itemKnn(x: CsrMatrix, options: ItemKnnOptions = {}): ItemKnnModel {
  checkInteractions(x);
  const similarity = itemCosineSimilarity(x, options);
  const nItems = x.cols;
  const acc = new Float64Array(nItems);
  const best = new Float64Array(nItems);
  const because = new Int32Array(nItems).fill(-1);
  const touched = new Int32Array(nItems);

  /** Accumulates the user's scores into acc; returns the number of touched items (listed in touched). */
  const accumulate = (user: number): number => {
    let count = 0;
    for (let s = x.indptr[user]!; s < x.indptr[user + 1]!; s++) {
      const i = x.indices[s]!;
      for (let t = similarity.indptr[i]!; t < similarity.indptr[i + 1]!; t++) {
        const j = similarity.indices[t]!;
        const w = similarity.values[t]!;
        if (because[j] === -1) {
          touched[count++] = j;
          because[j] = i;
          best[j] = w;
        } else if (w > best[j]! || (w === best[j]! && i < because[j]!)) {
          because[j] = i;
          best[j] = w;
        }
        acc[j]! += w;
      }
    }
    return count;
  };
  const reset = (count: number) => {
    for (let t = 0; t < count; t++) {
      const j = touched[t]!;
      acc[j] = 0;
      because[j] = -1;
    }
  };

  return {
    nUsers: x.rows,
    nItems,
    similarity,
    scoreItems(user: number, out = new Float64Array(nItems)): Float64Array {
      checkUser(x, user);
      const count = accumulate(user);
      out.fill(0);
      for (let t = 0; t < count; t++) out[touched[t]!] = acc[touched[t]!]!;
      reset(count);
      return out;
    },
    recommend(user: number, opts: RecommendOptions = {}): ExplainedTopN {
      const { n, exclude } = resolveRecommendOptions(x, user, opts);
      const count = accumulate(user);
      const top = selectTopNAmong(touched, count, acc, n, exclude, 0);
      const reasons = Int32Array.from(top.items, (j) => because[j]!);
      reset(count);
      return { ...top, because: reasons };
    },
  };
}

/** The pruned item–item cosine similarity of the header, rows sorted by column. */
export function itemCosineSimilarity(x: CsrMatrix, options: ItemKnnOptions = {}): CsrMatrix {
  const { k = 50, shrink = 0 } = options;
  checkPositiveInteger("k", k);
  checkNonNegative("shrink", shrink);
  return prunedCosine(transposeCsr(x), x, k, shrink);
}

/**
 * Row-by-row cosine between the rows of `a` (given with its transpose `at`), keeping the k largest
 * positive similarities of each row, diagonal excluded. For items pass a = Xᵀ, at = X; for users
 * a = X, at = Xᵀ. Shared with user-kNN.
 */
export function prunedCosine(a: CsrMatrix, at: CsrMatrix, k: number, shrink: number): CsrMatrix {
  const n = a.rows;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = a.indptr[i]!; t < a.indptr[i + 1]!; t++) s += a.values[t]! * a.values[t]!;
    norms[i] = Math.sqrt(s);
  }
  const kk = Math.min(k, Math.max(n - 1, 1));
  const indptr = new Int32Array(n + 1);
  let indices = new Int32Array(Math.min(n * kk, 1 << 20));
  let values = new Float64Array(indices.length);
  const acc = new Float64Array(n);
  const mark = new Uint8Array(n);
  const touched = new Int32Array(n);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let s = a.indptr[i]!; s < a.indptr[i + 1]!; s++) {
      const u = a.indices[s]!;
      const w = a.values[s]!;
      for (let t = at.indptr[u]!; t < at.indptr[u + 1]!; t++) {
        const j = at.indices[t]!;
        if (mark[j] === 0) {
          mark[j] = 1;
          touched[count++] = j;
        }
        acc[j]! += w * at.values[t]!;
      }
    }
    for (let t = 0; t < count; t++) {
      const j = touched[t]!;
      const d = norms[i]! * norms[j]! + shrink;
      acc[j] = j === i || d === 0 ? 0 : acc[j]! / d;
    }
    const top = selectTopNAmong(touched, count, acc, kk, [], 0);
    for (let t = 0; t < count; t++) {
      const j = touched[t]!;
      acc[j] = 0;
      mark[j] = 0;
    }
    const order = Array.from(top.items.keys()).sort((p, q) => top.items[p]! - top.items[q]!);
    if (nnz + order.length > indices.length) {
      const size = Math.max(2 * indices.length, nnz + order.length);
      const grownI = new Int32Array(size);
      grownI.set(indices);
      indices = grownI;
      const grownV = new Float64Array(size);
      grownV.set(values);
      values = grownV;
    }
    for (const p of order) {
      indices[nnz] = top.items[p]!;
      values[nnz] = top.scores[p]!;
      nnz++;
    }
    indptr[i + 1] = nnz;
  }
  return { rows: n, cols: n, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
}
