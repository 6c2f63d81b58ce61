// k-fold evaluation of the explicit-rating algorithms, as Surprise's
// `cross_validate(algo, data, ["rmse", "mae"], KFold(n_splits, random_state))`: per fold the training
// rows (in shuffled order) become a trainset, every test row is predicted from raw ids (unknown users
// or items get the algorithm's fallback) and compared with its true rating; RMSE = √mean(e²) and
// MAE = mean|e| with numpy's summation; the reported RMSE and MAE are the means over folds, fit and
// test seconds are summed over folds. fitCfAlgorithm maps the command line's algorithm names to fits.

import { fitBaselineOnly, fitNormalPredictor, type BaselineOptions } from "./cf-baseline";
import { fitKnnBaseline, fitKnnBasic, fitKnnWithMeans, type KnnOptions } from "./cf-knn";
import { fitSvd, fitSvdpp, type SvdOptions, type SvdppOptions } from "./cf-svd";
import { numpyMean, type RatingRng } from "./numpy-random";
import {
  buildTrainset,
  splitRatingsKFold,
  validateRatings,
  type RatingModel,
  type RatingScale,
  type RatingTriples,
  type Trainset,
} from "./ratings";

export type CfAlgorithm =
  | { algo: "normal"; seed?: number; rng?: RatingRng }
  | { algo: "baseline"; baseline?: BaselineOptions }
  | ({ algo: "knn-basic" | "knn-means" | "knn-baseline" } & KnnOptions)
  | ({ algo: "svd" } & SvdOptions)
  | ({ algo: "svdpp" } & SvdppOptions);

export type CfAlgorithmName = CfAlgorithm["algo"];

/** Fits the named algorithm with its Surprise defaults unless overridden. */
export function fitCfAlgorithm(trainset: Trainset, spec: CfAlgorithm): RatingModel {
  switch (spec.algo) {
    case "normal":
      return fitNormalPredictor(trainset, spec);
    case "baseline":
      return fitBaselineOnly(trainset, spec.baseline);
    case "knn-basic":
      return fitKnnBasic(trainset, spec);
    case "knn-means":
      return fitKnnWithMeans(trainset, spec);
    case "knn-baseline":
      return fitKnnBaseline(trainset, spec);
    case "svd":
      return fitSvd(trainset, spec);
    case "svdpp":
      return fitSvdpp(trainset, spec);
    default: {
      const never: never = spec;
      throw new RangeError(`unknown algorithm ${String((never as { algo: unknown }).algo)}`);
    }
  }
}

export type RatingErrors = { rmse: number; mae: number };

/** Surprise's accuracy.rmse and accuracy.mae over (true, estimate) pairs. */
export function ratingErrors(truth: Float64Array, estimate: Float64Array): RatingErrors {
  const n = truth.length;
  if (n === 0) throw new RangeError("no predictions to score");
  if (estimate.length !== n) throw new RangeError(`${n} true ratings but ${estimate.length} estimates`);
  const sq = new Float64Array(n);
  const abs = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const e = truth[t]! - estimate[t]!;
    sq[t] = e * e;
    abs[t] = Math.abs(e);
  }
  return { rmse: Math.sqrt(numpyMean(sq)), mae: numpyMean(abs) };
}

export type CfEvaluateOptions = {
  scale: RatingScale;
  /** Default 5. */
  folds?: number;
  /** Seed of the fold split. Default 0. */
  seed?: number;
  /** Generator of the fold split: "shoplens" (default) or "numpy" (Surprise's KFold(random_state=seed)). */
  rng?: RatingRng;
  /** Clock in milliseconds. Default performance.now. */
  now?: () => number;
};

export type CfFoldResult = RatingErrors & {
  fitSeconds: number;
  testSeconds: number;
  nTrain: number;
  nTest: number;
  /** Test rows predicted with the "impossible" fallback. */
  nImpossible: number;
};

export type CfEvaluation = {
  algo: CfAlgorithmName;
  /** Means over folds. */
  rmse: number;
  mae: number;
  folds: CfFoldResult[];
  /** Summed over folds. */
  fitSeconds: number;
  testSeconds: number;
};

/** k-fold cross-validation of one algorithm on rating triples. */
export function evaluateCfKFold(triples: RatingTriples, spec: CfAlgorithm, options: CfEvaluateOptions): CfEvaluation {
  const { scale, folds = 5, seed = 0, rng = "shoplens", now = () => performance.now() } = options;
  validateRatings(triples, scale);
  const splits = splitRatingsKFold(triples.ratings.length, { folds, seed, rng });
  const results: CfFoldResult[] = [];
  for (const { train, test } of splits) {
    const t0 = now();
    const model = fitCfAlgorithm(buildTrainset(triples, { scale, rows: train, validate: false }), spec);
    const t1 = now();
    const truth = new Float64Array(test.length);
    const est = new Float64Array(test.length);
    let nImpossible = 0;
    for (let t = 0; t < test.length; t++) {
      const row = test[t]!;
      const p = model.predict(triples.users[row]!, triples.items[row]!);
      truth[t] = triples.ratings[row]!;
      est[t] = p.estimate;
      if (p.impossible) nImpossible++;
    }
    const t2 = now();
    results.push({
      ...ratingErrors(truth, est),
      fitSeconds: (t1 - t0) / 1000,
      testSeconds: (t2 - t1) / 1000,
      nTrain: train.length,
      nTest: test.length,
      nImpossible,
    });
  }
  return {
    algo: spec.algo,
    rmse: numpyMean(results.map((r) => r.rmse)),
    mae: numpyMean(results.map((r) => r.mae)),
    folds: results,
    fitSeconds: results.reduce((s, r) => s + r.fitSeconds, 0),
    testSeconds: results.reduce((s, r) => s + r.testSeconds, 0),
  };
}
