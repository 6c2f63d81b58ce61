// npm run bench:cf -- --ratings PATH/ml-100k/u.data [--algos svd,knn-basic,…]
//
// The rating algorithms on MovieLens-100k with Surprise's benchmark protocol (examples/benchmark.py:
// default parameters, 5-fold KFold(random_state=0) — our numpy-compatible generator gives the same
// folds and SVD initialisation), beside the RMSE, MAE and time Surprise's README reports (an Intel i5
// 11th Gen laptop). The data file is not in the repository: download ml-100k from GroupLens.
import fs from "node:fs";
import { z } from "zod";
import { evaluateCfKFold, type CfAlgorithm } from "../lib/analytics/cf-evaluate";
import { parseRatings } from "../lib/import/ratings";
import { parseFlags, runScript, UsageError } from "./cli";

/** Surprise README, "Benchmarks", Movielens 100k (RMSE, MAE, total seconds for 5 folds). */
const SURPRISE: Record<string, { rmse: number; mae: number; seconds: number; spec: CfAlgorithm }> = {
  normal: { rmse: 1.518, mae: 1.219, seconds: 1, spec: { algo: "normal", seed: 0, rng: "numpy" } },
  baseline: { rmse: 0.944, mae: 0.748, seconds: 2, spec: { algo: "baseline" } },
  "knn-basic": { rmse: 0.98, mae: 0.774, seconds: 8, spec: { algo: "knn-basic" } },
  "knn-means": { rmse: 0.951, mae: 0.749, seconds: 9, spec: { algo: "knn-means" } },
  "knn-baseline": { rmse: 0.931, mae: 0.733, seconds: 13, spec: { algo: "knn-baseline" } },
  svd: { rmse: 0.934, mae: 0.737, seconds: 6, spec: { algo: "svd", seed: 0, rng: "numpy" } },
  svdpp: { rmse: 0.919, mae: 0.721, seconds: 82, spec: { algo: "svdpp", seed: 0, rng: "numpy" } },
};

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { ratings: { type: "string" }, algos: { type: "string" } },
    z.object({
      ratings: z.string({ message: "is required (the path of ml-100k's u.data)" }),
      algos: z.string().default(Object.keys(SURPRISE).join(",")),
    }),
    "Usage: npm run bench:cf -- --ratings PATH/u.data [--algos normal,baseline,knn-basic,knn-means,knn-baseline,svd,svdpp]",
  );
  if (!fs.existsSync(flags.ratings))
    throw new UsageError(`${flags.ratings} not found: download ml-100k from GroupLens.`);
  const parsed = parseRatings(fs.readFileSync(flags.ratings, "utf8"), {
    separator: "\t",
    columns: ["user", "item", "rating", "timestamp"],
  });
  if (parsed.errors.length > 0)
    throw new UsageError(`${parsed.errors.length} bad rows, e.g. ${parsed.errors[0]?.message}`);
  const triples = { users: parsed.users, items: parsed.items, ratings: parsed.ratings as Float64Array };
  console.log(
    `${triples.ratings.length.toLocaleString("en")} ratings; 5-fold, folds as Surprise's KFold(random_state=0)`,
  );
  console.log(
    `${"algorithm".padEnd(14)} ${"RMSE".padStart(7)} ${"Surprise".padStart(9)} ${"MAE".padStart(7)} ${"Surprise".padStart(9)} ${"seconds".padStart(8)} ${"Surprise".padStart(9)}`,
  );
  for (const key of flags.algos.split(",")) {
    const ref = SURPRISE[key.trim()];
    if (!ref) throw new UsageError(`unknown algorithm ${key}`);
    const t0 = performance.now();
    const e = evaluateCfKFold(triples, ref.spec, { scale: [1, 5], folds: 5, seed: 0, rng: "numpy" });
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `${key.padEnd(14)} ${e.rmse.toFixed(4).padStart(7)} ${ref.rmse.toFixed(3).padStart(9)} ${e.mae.toFixed(4).padStart(7)} ` +
        `${ref.mae.toFixed(3).padStart(9)} ${seconds.toFixed(1).padStart(8)} ${String(ref.seconds).padStart(9)}`,
    );
  }
});
