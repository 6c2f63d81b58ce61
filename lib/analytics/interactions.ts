// Temporal leave-last-out split of an interaction log (purchases with times) for evaluating top-N
// recommenders the way they are used: trained on the past, asked for what comes next.
//   - For each user, the held-out items are those bought at the user's latest time (several when the
//     last order held several products: one basket is one "next purchase"). Every interaction with a
//     held-out item leaves the training matrix, earlier ones included — otherwise the item would be
//     "already bought" and excluded from the user's own recommendations.
//   - Users with fewer than 2 distinct items are not evaluated and stay whole in training; so are
//     users whose every item was bought at their latest time (nothing would be left to learn from).
// The training matrix holds the number of interactions (or the sum of `values`) per user and item;
// the test matrix is 0/1.
import { createCsr, getEntry, type CsrMatrix } from "./sparse";

export type InteractionLog = {
  users: ArrayLike<number>;
  items: ArrayLike<number>;
  /** Any increasing clock (epoch milliseconds, order sequence numbers). */
  times: ArrayLike<number>;
  /** Weight of each interaction (e.g. quantity). Default 1. */
  values?: ArrayLike<number>;
};

export type LeaveLastOutSplit = {
  train: CsrMatrix;
  /** users×items, 1 where the item is held out for the user. */
  test: CsrMatrix;
  /** The evaluated users (those with a held-out item), increasing. */
  testUsers: Int32Array;
};

export function leaveLastOut(log: InteractionLog, shape: { nUsers: number; nItems: number }): LeaveLastOutSplit {
  const { users, items, times, values } = log;
  const { nUsers, nItems } = shape;
  const n = users.length;
  if (items.length !== n || times.length !== n || (values !== undefined && values.length !== n)) {
    throw new RangeError(
      `interaction log columns differ in length: users ${n}, items ${items.length}, times ${times.length}` +
        (values !== undefined ? `, values ${values.length}` : ""),
    );
  }
  if (n === 0) throw new RangeError("interaction log is empty");
  // createCsr checks the ids against the shape.
  const distinct = createCsr(nUsers, nItems, users, items);
  const last = new Float64Array(nUsers).fill(-Infinity);
  for (let t = 0; t < n; t++) {
    const time = times[t]!;
    if (!Number.isFinite(time)) throw new RangeError(`time of interaction ${t} is not finite: ${time}`);
    const u = users[t]!;
    if (time > last[u]!) last[u] = time;
  }
  const lastUsers: number[] = [];
  const lastItems: number[] = [];
  for (let t = 0; t < n; t++) {
    if (times[t] === last[users[t]!]) {
      lastUsers.push(users[t]!);
      lastItems.push(items[t]!);
    }
  }
  const lastBasket = createCsr(nUsers, nItems, lastUsers, lastItems);

  const evaluated = new Uint8Array(nUsers);
  const testUsers: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const nDistinct = distinct.indptr[u + 1]! - distinct.indptr[u]!;
    const nLast = lastBasket.indptr[u + 1]! - lastBasket.indptr[u]!;
    if (nDistinct >= 2 && nLast < nDistinct) {
      evaluated[u] = 1;
      testUsers.push(u);
    }
  }

  const trainUsers: number[] = [];
  const trainItems: number[] = [];
  const trainValues: number[] = [];
  const testU: number[] = [];
  const testI: number[] = [];
  for (let t = 0; t < n; t++) {
    const u = users[t]!;
    const i = items[t]!;
    if (evaluated[u] === 1 && getEntry(lastBasket, u, i) !== 0) {
      testU.push(u);
      testI.push(i);
    } else {
      trainUsers.push(u);
      trainItems.push(i);
      trainValues.push(values === undefined ? 1 : values[t]!);
    }
  }
  const test = createCsr(nUsers, nItems, testU, testI);
  test.values.fill(1);
  return {
    train: createCsr(nUsers, nItems, trainUsers, trainItems, trainValues),
    test,
    testUsers: Int32Array.from(testUsers),
  };
}
