import { describe, expect, it } from "vitest";
import { buildTrainset, createRatingModel, splitRatingsKFold, type RatingTriples } from "./ratings";

function triples(rows: [string, string, number][]): RatingTriples {
  return {
    users: rows.map((r) => r[0]),
    items: rows.map((r) => r[1]),
    ratings: Float64Array.from(rows.map((r) => r[2])),
  };
}

describe("buildTrainset", () => {
  it("numbers users and items by first appearance and keeps row order in ur and ir", () => {
    const t = buildTrainset(
      triples([
        ["bob", "x", 4],
        ["ann", "y", 2],
        ["bob", "y", 5],
        ["ann", "x", 1],
      ]),
      { scale: [1, 5] },
    );
    expect(t.userIds).toEqual(["bob", "ann"]);
    expect(t.itemIds).toEqual(["x", "y"]);
    expect(Array.from(t.urItem)).toEqual([0, 1, 1, 0]); // bob: x, y; ann: y, x
    expect(Array.from(t.urRating)).toEqual([4, 5, 2, 1]);
    expect(Array.from(t.irUser)).toEqual([0, 1, 1, 0]); // x: bob, ann; y: ann, bob
    expect(Array.from(t.irRating)).toEqual([4, 1, 2, 5]);
    expect(t.globalMean).toBe(3); // 12 / 4
    expect(t.offset).toBe(0);
  });

  it("uses the training rows in the given order", () => {
    const data = triples([
      ["a", "x", 1],
      ["b", "y", 2],
      ["c", "z", 3],
    ]);
    const t = buildTrainset(data, { scale: [1, 5], rows: Int32Array.from([2, 0]) });
    expect(t.userIds).toEqual(["c", "a"]);
    expect(t.nRatings).toBe(2);
    expect(t.globalMean).toBe(2);
  });

  it("shifts a scale starting at 0 by Surprise's offset and shifts predictions back", () => {
    // Scale [0, 10]: offset 1 − 0 = 1, stored ratings 1 and 11, mean 6; predictions come back as 5.
    const t = buildTrainset(
      triples([
        ["a", "x", 0],
        ["b", "x", 10],
      ]),
      { scale: [0, 10] },
    );
    expect(t.offset).toBe(1);
    expect(Array.from(t.urRating)).toEqual([1, 11]);
    expect(t.globalMean).toBe(6);
    const m = createRatingModel(t, () => null);
    expect(m.predict("a", "x")).toEqual({ estimate: 5, impossible: true });
  });

  it("clips estimates to the scale and answers unknown ids with the fallback", () => {
    const t = buildTrainset(triples([["a", "x", 2]]), { scale: [1, 5] });
    const seen: [number, number][] = [];
    const high = createRatingModel(t, (u, i) => {
      seen.push([u, i]);
      return 7;
    });
    expect(high.predict("a", "x")).toEqual({ estimate: 5, impossible: false });
    expect(high.predict("nobody", "x").estimate).toBe(5);
    expect(seen).toEqual([
      [0, 0],
      [-1, 0],
    ]);
    expect(createRatingModel(t, () => -3).predictInner(0, 0).estimate).toBe(1);
    expect(createRatingModel(t, () => null).predictInner(5, 0)).toEqual({ estimate: 2, impossible: true });
  });

  it("refuses bad input with messages naming the row", () => {
    expect(() => buildTrainset(triples([]), { scale: [1, 5] })).toThrow(/^no ratings/);
    expect(() =>
      buildTrainset(
        triples([
          ["a", "x", 3],
          ["b", "x", 6],
        ]),
        { scale: [1, 5] },
      ),
    ).toThrow('row 1: rating 6 of user "b" for item "x" is outside the scale [1, 5]');
    expect(() => buildTrainset(triples([["a", "x", Number.NaN]]), { scale: [1, 5] })).toThrow(/row 0: rating NaN/);
    expect(() =>
      buildTrainset(
        triples([
          ["a", "x", 3],
          ["b", "x", 4],
          ["a", "x", 5],
        ]),
        { scale: [1, 5] },
      ),
    ).toThrow('row 2: user "a" already rated item "x" in row 0 (duplicate pair)');
    expect(() => buildTrainset(triples([["a", "x", 3]]), { scale: [5, 1] })).toThrow(/rating scale must be/);
    expect(() => buildTrainset({ users: ["a"], items: [], ratings: Float64Array.of(3) }, { scale: [1, 5] })).toThrow(
      /same length/,
    );
    expect(() => buildTrainset(triples([["", "x", 3]]), { scale: [1, 5] })).toThrow("row 0: the user id is empty");
  });
});

describe("splitRatingsKFold", () => {
  it("cuts Surprise's contiguous folds from numpy's shuffle, the first n mod k one longer", () => {
    // RandomState(0).shuffle(arange(7)) = [6, 2, 1, 3, 0, 5, 4]; 3 folds of sizes 3, 2, 2.
    const folds = splitRatingsKFold(7, { folds: 3, seed: 0, rng: "numpy" });
    expect(folds.map((f) => Array.from(f.test))).toEqual([
      [6, 2, 1],
      [3, 0],
      [5, 4],
    ]);
    // Training rows keep the shuffled order: indices[:start] then indices[stop:].
    expect(Array.from(folds[1]!.train)).toEqual([6, 2, 1, 5, 4]);
  });

  it("without shuffling the folds are consecutive rows", () => {
    const folds = splitRatingsKFold(5, { folds: 2, shuffle: false });
    expect(folds.map((f) => Array.from(f.test))).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
  });

  it("is reproducible by seed with the ShopLens generator and covers every row once", () => {
    const a = splitRatingsKFold(100, { seed: 3 });
    const b = splitRatingsKFold(100, { seed: 3 });
    const c = splitRatingsKFold(100, { seed: 4 });
    expect(a.map((f) => Array.from(f.test))).toEqual(b.map((f) => Array.from(f.test)));
    expect(a.map((f) => Array.from(f.test))).not.toEqual(c.map((f) => Array.from(f.test)));
    const all = a.flatMap((f) => Array.from(f.test)).sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("refuses impossible fold counts", () => {
    expect(() => splitRatingsKFold(3, { folds: 5 })).toThrow("cannot make 5 folds from 3 ratings");
    expect(() => splitRatingsKFold(10, { folds: 1 })).toThrow(/folds must be an integer ≥ 2/);
  });
});
