// Baseline estimates b_ui = μ + b_u + b_i and the two simplest rating predictors, with the Python
// Surprise library's definitions (NicolasHug/Surprise, prediction_algorithms/optimize_baselines.pyx,
// baseline_only.py, random_pred.py; Koren 2010, "Factor in the neighbors", section 2.1):
//   - ALS (Surprise's default): n_epochs = 10, reg_i = 10, reg_u = 15; each epoch sets every item's
//     b_i = Σ_{u∈U_i}(r_ui − μ − b_u) / (reg_i + |U_i|), then every user's
//     b_u = Σ_{i∈I_u}(r_ui − μ − b_i) / (reg_u + |I_u|), in inner-id order;
//   - SGD: n_epochs = 20, reg = 0.02, learning_rate = 0.005; over all ratings (user by user),
//     e = r − (μ + b_u + b_i), b_u += lr(e − reg·b_u), b_i += lr(e − reg·b_i) with the same e;
//   - BaselineOnly predicts μ + b_u + b_i, an unknown user or item counting 0 (never "impossible");
//   - NormalPredictor draws N(μ, σ²) with σ² = Σ(r − μ)²/n (maximum likelihood), one draw per
//     prediction from a seeded generator (so predictions depend on the order they are asked in, as
//     Surprise's np.random.normal does).

import { createGaussianSource, type RatingRng } from "./numpy-random";
import { createRatingModel, type RatingModel, type Trainset } from "./ratings";

export type BaselineOptions =
  | { method?: "als"; nEpochs?: number; regU?: number; regI?: number }
  | { method: "sgd"; nEpochs?: number; reg?: number; learningRate?: number };

export type Baselines = { bu: Float64Array; bi: Float64Array };

/** Surprise's `compute_baselines` (bsl_options): user and item biases around the global mean. */
export function computeBaselines(trainset: Trainset, options: BaselineOptions = {}): Baselines {
  const method = options.method ?? "als";
  switch (method) {
    case "als": {
      const o = options as { nEpochs?: number; regU?: number; regI?: number };
      const nEpochs = o.nEpochs ?? 10;
      const regU = o.regU ?? 15;
      const regI = o.regI ?? 10;
      checkEpochs(nEpochs);
      checkNonNegative("regU", regU);
      checkNonNegative("regI", regI);
      return baselineAls(trainset, nEpochs, regU, regI);
    }
    case "sgd": {
      const o = options as { nEpochs?: number; reg?: number; learningRate?: number };
      const nEpochs = o.nEpochs ?? 20;
      const reg = o.reg ?? 0.02;
      const lr = o.learningRate ?? 0.005;
      checkEpochs(nEpochs);
      checkNonNegative("reg", reg);
      checkNonNegative("learningRate", lr);
      return baselineSgd(trainset, nEpochs, reg, lr);
    }
    default: {
      const never: never = method;
      throw new RangeError(`unknown baseline method ${String(never)}; use "als" or "sgd"`);
    }
  }
}

function checkEpochs(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`nEpochs must be an integer ≥ 0, got ${n}`);
}

function checkNonNegative(name: string, v: number): void {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
}

function baselineAls(t: Trainset, nEpochs: number, regU: number, regI: number): Baselines {
  const bu = new Float64Array(t.nUsers);
  const bi = new Float64Array(t.nItems);
  const mu = t.globalMean;
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    for (let i = 0; i < t.nItems; i++) {
      let dev = 0;
      const end = t.irStart[i + 1]!;
      for (let p = t.irStart[i]!; p < end; p++) dev += t.irRating[p]! - mu - bu[t.irUser[p]!]!;
      bi[i] = dev / (regI + (end - t.irStart[i]!));
    }
    for (let u = 0; u < t.nUsers; u++) {
      let dev = 0;
      const end = t.urStart[u + 1]!;
      for (let p = t.urStart[u]!; p < end; p++) dev += t.urRating[p]! - mu - bi[t.urItem[p]!]!;
      bu[u] = dev / (regU + (end - t.urStart[u]!));
    }
  }
  return { bu, bi };
}

function baselineSgd(t: Trainset, nEpochs: number, reg: number, lr: number): Baselines {
  const bu = new Float64Array(t.nUsers);
  const bi = new Float64Array(t.nItems);
  const mu = t.globalMean;
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    for (let u = 0; u < t.nUsers; u++) {
      const end = t.urStart[u + 1]!;
      for (let p = t.urStart[u]!; p < end; p++) {
        const i = t.urItem[p]!;
        const err = t.urRating[p]! - (mu + bu[u]! + bi[i]!);
        bu[u]! += lr * (err - reg * bu[u]!);
        bi[i]! += lr * (err - reg * bi[i]!);
      }
    }
  }
  return { bu, bi };
}

/** μ + b_u + b_i with b_u (b_i) taken as 0 for an unknown user (item), in Surprise's order of additions. */
export function baselineEstimate(t: Trainset, b: Baselines, u: number, i: number): number {
  let est = t.globalMean;
  if (u >= 0) est += b.bu[u]!;
  if (i >= 0) est += b.bi[i]!;
  return est;
}

export type BaselineOnlyModel = RatingModel & { readonly baselines: Baselines };

/** Surprise's BaselineOnly. */
export function fitBaselineOnly(trainset: Trainset, options: BaselineOptions = {}): BaselineOnlyModel {
  const baselines = computeBaselines(trainset, options);
  return { ...createRatingModel(trainset, (u, i) => baselineEstimate(trainset, baselines, u, i)), baselines };
}

export type NormalPredictorOptions = {
  /** Default 0. */
  seed?: number;
  /** "shoplens" (default) or "numpy" (the draws of np.random.seed(seed); np.random.normal). */
  rng?: RatingRng;
};

export type NormalPredictorModel = RatingModel & { readonly mean: number; readonly sigma: number };

/** Surprise's NormalPredictor: every prediction a fresh N(μ, σ²) draw, clipped to the scale. */
export function fitNormalPredictor(trainset: Trainset, options: NormalPredictorOptions = {}): NormalPredictorModel {
  const { seed = 0, rng = "shoplens" } = options;
  const mu = trainset.globalMean;
  // Python's built-in sum over a generator: plain left-to-right accumulation.
  let num = 0;
  for (let p = 0; p < trainset.nRatings; p++) {
    const d = trainset.urRating[p]! - mu;
    num += d * d;
  }
  const sigma = Math.sqrt(num / trainset.nRatings);
  const gaussian = createGaussianSource(seed, rng);
  return { ...createRatingModel(trainset, () => mu + sigma * gaussian()), mean: mu - trainset.offset, sigma };
}
