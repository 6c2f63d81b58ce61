import { describe, expect, it } from "vitest";
import { evaluateCfKFold, fitCfAlgorithm, ratingErrors } from "./cf-evaluate";
import { createRandom } from "./random";
import { buildTrainset, splitRatingsKFold, type RatingTriples } from "./ratings";

/** Rank-1 planted ratings r = 3 + 1.8·a_u·b_i on [1, 5], 70% of a 40 × 25 grid observed. */
function planted(seed: number): RatingTriples {
  const random = createRandom(seed);
  const a = Array.from({ length: 40 }, () => random.next() * 2 - 1);
  const b = Array.from({ length: 25 }, () => random.next() * 2 - 1);
  const users: string[] = [];
  const items: string[] = [];
  const ratings: number[] = [];
  a.forEach((au, u) =>
    b.forEach((bi, i) => {
      if (random.next() < 0.7) {
        users.push(`u${u}`);
        items.push(`i${i}`);
        ratings.push(3 + 1.8 * au * bi);
      }
    }),
  );
  return { users, items, ratings: Float64Array.from(ratings) };
}

describe("ratingErrors", () => {
  it("RMSE and MAE by hand", () => {
    // errors 1, −1, 2, 0: RMSE = √(6/4), MAE = 4/4
    const e = ratingErrors(Float64Array.of(4, 2, 5, 3), Float64Array.of(3, 3, 3, 3));
    expect(e.rmse).toBeCloseTo(Math.sqrt(1.5), 15);
    expect(e.mae).toBe(1);
    expect(() => ratingErrors(new Float64Array(0), new Float64Array(0))).toThrow("no predictions to score");
  });
});

describe("evaluateCfKFold", () => {
  const data = planted(1);

  it("folds, their errors and the means; a fixed fake clock sums the seconds", () => {
    let clock = 0;
    const now = () => (clock += 250);
    const r = evaluateCfKFold(data, { algo: "baseline" }, { scale: [1, 5], folds: 4, seed: 2, now });
    expect(r.folds).toHaveLength(4);
    expect(r.rmse).toBeCloseTo(r.folds.reduce((s, f) => s + f.rmse, 0) / 4, 12);
    expect(r.mae).toBeCloseTo(r.folds.reduce((s, f) => s + f.mae, 0) / 4, 12);
    expect(r.fitSeconds).toBe(1); // 4 folds × 0.25 s
    expect(r.testSeconds).toBe(1);
    expect(r.folds.reduce((s, f) => s + f.nTest, 0)).toBe(data.ratings.length);
  });

  it("each fold's errors are those of the model fitted on its training rows", () => {
    const r = evaluateCfKFold(data, { algo: "knn-basic", userBased: false }, { scale: [1, 5], folds: 3, seed: 7 });
    const { train, test } = splitRatingsKFold(data.ratings.length, { folds: 3, seed: 7 })[1]!;
    const model = fitCfAlgorithm(buildTrainset(data, { scale: [1, 5], rows: train }), {
      algo: "knn-basic",
      userBased: false,
    });
    const truth = Float64Array.from(test, (row) => data.ratings[row]!);
    const est = Float64Array.from(test, (row) => model.predict(data.users[row]!, data.items[row]!).estimate);
    expect(r.folds[1]!.rmse).toBe(ratingErrors(truth, est).rmse);
  });

  it("ranks the algorithms on a planted matrix: SVD and KNNBaseline beat the random predictor", () => {
    const opts = { scale: [1, 5] as const, folds: 3, seed: 0 };
    const normal = evaluateCfKFold(data, { algo: "normal" }, opts);
    const svd = evaluateCfKFold(data, { algo: "svd", nFactors: 5, nEpochs: 80, lrAll: 0.01 }, opts);
    const knn = evaluateCfKFold(data, { algo: "knn-baseline", name: "pearson_baseline" }, opts);
    expect(svd.rmse).toBeLessThan(0.5 * normal.rmse);
    expect(knn.rmse).toBeLessThan(0.7 * normal.rmse);
  });

  it("refuses bad input before splitting", () => {
    const bad: RatingTriples = { users: ["a", "a"], items: ["x", "x"], ratings: Float64Array.of(3, 4) };
    expect(() => evaluateCfKFold(bad, { algo: "svd" }, { scale: [1, 5], folds: 2 })).toThrow(/duplicate pair/);
    expect(() =>
      evaluateCfKFold({ users: [], items: [], ratings: new Float64Array(0) }, { algo: "svd" }, { scale: [1, 5] }),
    ).toThrow(/^no ratings/);
  });
});
