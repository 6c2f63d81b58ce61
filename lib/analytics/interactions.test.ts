import { describe, expect, it } from "vitest";
import { leaveLastOut } from "./interactions";
import { getEntry, rowIndicesOf } from "./sparse";

describe("leaveLastOut", () => {
  // user 0: item 0 @1, item 1 @2, item 0 @3  → latest time 3: item 0 held out (its @1 purchase too),
  //         train {1}.
  // user 1: item 2 @5                       → one item: train only.
  // user 2: item 1 @1, item 2 @4, item 3 @4 → last basket {2, 3} held out, train {1}.
  // user 3: item 0 @7, item 1 @7            → every item in the last basket: train only.
  // user 4: item 3 @2, item 3 @9            → one distinct item: train only.
  const log = {
    users: [0, 0, 0, 1, 2, 2, 2, 3, 3, 4, 4],
    items: [0, 1, 0, 2, 1, 2, 3, 0, 1, 3, 3],
    times: [1, 2, 3, 5, 1, 4, 4, 7, 7, 2, 9],
  };
  const split = leaveLastOut(log, { nUsers: 5, nItems: 4 });

  it("holds out the last basket of users with ≥ 2 distinct items", () => {
    expect(Array.from(split.testUsers)).toEqual([0, 2]);
    expect(Array.from(rowIndicesOf(split.test, 0))).toEqual([0]);
    expect(Array.from(rowIndicesOf(split.test, 2))).toEqual([2, 3]);
    expect(getEntry(split.test, 0, 0)).toBe(1); // binary, though bought twice
    expect(Array.from(rowIndicesOf(split.train, 0))).toEqual([1]);
    expect(Array.from(rowIndicesOf(split.train, 2))).toEqual([1]);
  });

  it("keeps the other users whole in training, with counts", () => {
    expect(Array.from(rowIndicesOf(split.train, 1))).toEqual([2]);
    expect(Array.from(rowIndicesOf(split.train, 3))).toEqual([0, 1]);
    expect(getEntry(split.train, 4, 3)).toBe(2);
    expect(Array.from(rowIndicesOf(split.test, 3))).toEqual([]);
  });

  it("rejects bad input", () => {
    expect(() => leaveLastOut({ users: [], items: [], times: [] }, { nUsers: 1, nItems: 1 })).toThrow(
      /interaction log is empty/,
    );
    expect(() => leaveLastOut({ users: [0], items: [5], times: [1] }, { nUsers: 1, nItems: 2 })).toThrow(
      /column index 5 at triple 0 is outside 0..1/,
    );
    expect(() => leaveLastOut({ users: [0], items: [0], times: [NaN] }, { nUsers: 1, nItems: 1 })).toThrow(
      /time of interaction 0 is not finite/,
    );
    expect(() => leaveLastOut({ users: [0, 0], items: [0], times: [1] }, { nUsers: 1, nItems: 1 })).toThrow(
      /columns differ in length/,
    );
  });
});
