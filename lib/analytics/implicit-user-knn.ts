// User-based collaborative filtering for implicit feedback (the neighbourhood method of Herlocker et
// al., SIGIR 1999, applied to purchases as in Sarwar et al.'s top-N experiments):
//   - sim(u, v) = Σ_i x_ui·x_vi / (‖x_u‖·‖x_v‖ + shrink), cosine between user rows (shrunk as in
//     item-kNN);
//   - N_k(u): the k users most similar to u (positive similarity only, ties to the lower index);
//   - score(u, j) = Σ_{v ∈ N_k(u)} sim(u, v)·x_vj.
// Neighbours are found when a user is scored (walking the users of each of u's items), not
// precomputed: a users×users table for 100k customers is neither needed nor affordable. The reason
// shown for its recommendations is "shoppers like you bought".
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

export type UserKnnOptions = {
  /** Neighbours per user. Default 50. */
  k?: number;
  /** Added to the cosine's denominator. Default 0. */
  shrink?: number;
};

export type UserKnnModel = Recommender & {
  /** The user's k nearest neighbours and their similarities, most similar first. */
  neighbours(user: number): { users: Int32Array; similarities: Float64Array };
};

export function userKnn(x: CsrMatrix, options: UserKnnOptions = {}): UserKnnModel {
  checkInteractions(x);
  const { k = 50, shrink = 0 } = options;
  checkPositiveInteger("k", k);
  checkNonNegative("shrink", shrink);
  const xt = transposeCsr(x);
  const nUsers = x.rows;
  const nItems = x.cols;
  const norms = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u++) {
    let s = 0;
    for (let t = x.indptr[u]!; t < x.indptr[u + 1]!; t++) s += x.values[t]! * x.values[t]!;
    norms[u] = Math.sqrt(s);
  }
  const userAcc = new Float64Array(nUsers);
  const userTouched = new Int32Array(nUsers);
  const userMark = new Uint8Array(nUsers);
  const itemAcc = new Float64Array(nItems);
  const itemTouched = new Int32Array(nItems);
  const itemMark = new Uint8Array(nItems);

  const neighbours = (u: number) => {
    checkUser(x, u);
    let count = 0;
    for (let s = x.indptr[u]!; s < x.indptr[u + 1]!; s++) {
      const i = x.indices[s]!;
      const w = x.values[s]!;
      for (let t = xt.indptr[i]!; t < xt.indptr[i + 1]!; t++) {
        const v = xt.indices[t]!;
        if (userMark[v] === 0) {
          userMark[v] = 1;
          userTouched[count++] = v;
        }
        userAcc[v]! += w * xt.values[t]!;
      }
    }
    for (let t = 0; t < count; t++) {
      const v = userTouched[t]!;
      const d = norms[u]! * norms[v]! + shrink;
      userAcc[v] = v === u || d === 0 ? 0 : userAcc[v]! / d;
    }
    const top = selectTopNAmong(userTouched, count, userAcc, k, [], 0);
    for (let t = 0; t < count; t++) {
      const v = userTouched[t]!;
      userAcc[v] = 0;
      userMark[v] = 0;
    }
    return { users: top.items, similarities: top.scores };
  };

  const accumulate = (u: number): number => {
    const nb = neighbours(u);
    let count = 0;
    for (let p = 0; p < nb.users.length; p++) {
      const v = nb.users[p]!;
      const sim = nb.similarities[p]!;
      for (let t = x.indptr[v]!; t < x.indptr[v + 1]!; t++) {
        const j = x.indices[t]!;
        if (itemMark[j] === 0) {
          itemMark[j] = 1;
          itemTouched[count++] = j;
        }
        itemAcc[j]! += sim * x.values[t]!;
      }
    }
    return count;
  };
  const reset = (count: number) => {
    for (let t = 0; t < count; t++) {
      const j = itemTouched[t]!;
      itemAcc[j] = 0;
      itemMark[j] = 0;
    }
  };

  return {
    nUsers,
    nItems,
    neighbours,
    scoreItems(user: number, out = new Float64Array(nItems)): Float64Array {
      const count = accumulate(user);
      out.fill(0);
      for (let t = 0; t < count; t++) out[itemTouched[t]!] = itemAcc[itemTouched[t]!]!;
      reset(count);
      return out;
    },
    recommend(user: number, opts: RecommendOptions = {}): TopN {
      const { n, exclude } = resolveRecommendOptions(x, user, opts);
      const count = accumulate(user);
      const top = selectTopNAmong(itemTouched, count, itemAcc, n, exclude, 0);
      reset(count);
      return top;
    },
  };
}
