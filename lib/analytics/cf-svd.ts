// Matrix factorization rating predictors with the Python Surprise library's definitions
// (NicolasHug/Surprise, prediction_algorithms/matrix_factorization.pyx), so that a model trained here
// with rng "numpy" and the same seed is Surprise's `SVD(random_state=seed)` / `SVDpp(...)` up to the
// summation order of the final dot product (numpy's BLAS ddot; training loops are the same).
//
// SVD (Funk; Koren, Bell & Volinsky 2009, eq. 5): r̂ = μ + b_u + b_i + q_iᵀp_u. Factors drawn
// N(initMean, initStdDev²), all users' p first then all items' q (row-major), biases 0. Each epoch
// visits the ratings user by user in inner-id order and, with e = r − r̂ computed once:
//   b_u += lr_bu(e − reg_bu·b_u); b_i += lr_bi(e − reg_bi·b_i);
//   for each f: p_uf += lr_pu(e·q_if − reg_pu·p_uf), q_if += lr_qi(e·p_uf − reg_qi·q_if) (old values).
// Defaults: 100 factors, 20 epochs, lr 0.005, reg 0.02, init N(0, 0.1²), biased. An unknown user
// (item) contributes b = 0 and no dot product; unbiased (PMF) with an unknown side is impossible.
//
// SVD++ (Koren 2008, section 4): r̂ = μ + b_u + b_i + q_iᵀ(p_u + |I_u|^−½ Σ_{j∈I_u} y_j), y drawn
// after q. Per rating the implicit sum is recomputed, then the same bias and factor steps, and for
// each f every y_jf += lr_yj(e·q_if/√|I_u| − reg_yj·y_jf). Defaults: 20 factors, 20 epochs, lr 0.007,
// reg 0.02. The cost per rating is O(|I_u|·factors), as in Surprise (its time on ml-100k is ~17× SVD's).

import { createGaussianSource, type RatingRng } from "./numpy-random";
import { createRatingModel, type RatingModel, type Trainset } from "./ratings";

type Rates = { bu?: number; bi?: number; pu?: number; qi?: number };

export type SvdOptions = {
  /** Default 100. */
  nFactors?: number;
  /** Default 20. */
  nEpochs?: number;
  /** Default true; false is probabilistic matrix factorization (r̂ = q_iᵀp_u). */
  biased?: boolean;
  /** Default 0. */
  initMean?: number;
  /** Default 0.1. */
  initStdDev?: number;
  /** Default 0.005; per-parameter rates in `lr` take precedence. */
  lrAll?: number;
  /** Default 0.02; per-parameter terms in `reg` take precedence. */
  regAll?: number;
  lr?: Rates;
  reg?: Rates;
  /** Default 0. */
  seed?: number;
  /** "shoplens" (default, ./random) or "numpy" (Surprise's RandomState(seed) draws exactly). */
  rng?: RatingRng;
};

export type SvdppOptions = Omit<SvdOptions, "biased" | "lr" | "reg"> & {
  lr?: Rates & { yj?: number };
  reg?: Rates & { yj?: number };
};

export type SvdModel = RatingModel & {
  readonly nFactors: number;
  readonly bu: Float64Array;
  readonly bi: Float64Array;
  /** nUsers × nFactors, row-major. */
  readonly pu: Float64Array;
  /** nItems × nFactors, row-major. */
  readonly qi: Float64Array;
};

export type SvdppModel = SvdModel & {
  /** nItems × nFactors, row-major: the implicit item factors y_j. */
  readonly yj: Float64Array;
};

type Common = {
  nFactors: number;
  nEpochs: number;
  initMean: number;
  initStdDev: number;
  seed: number;
  rng: RatingRng;
  lrBu: number;
  lrBi: number;
  lrPu: number;
  lrQi: number;
  regBu: number;
  regBi: number;
  regPu: number;
  regQi: number;
};

function resolveCommon(
  o: SvdOptions | SvdppOptions,
  defaults: { nFactors: number; lrAll: number },
  lr: Rates,
  reg: Rates,
): Common {
  const {
    nFactors = defaults.nFactors,
    nEpochs = 20,
    initMean = 0,
    initStdDev = 0.1,
    lrAll = defaults.lrAll,
    regAll = 0.02,
    seed = 0,
    rng = "shoplens",
  } = o;
  if (!Number.isInteger(nFactors) || nFactors < 1)
    throw new RangeError(`nFactors must be a positive integer, got ${nFactors}`);
  if (!Number.isInteger(nEpochs) || nEpochs < 0) throw new RangeError(`nEpochs must be an integer ≥ 0, got ${nEpochs}`);
  if (!Number.isFinite(initMean)) throw new RangeError(`initMean must be finite, got ${initMean}`);
  if (!Number.isFinite(initStdDev) || initStdDev < 0) {
    throw new RangeError(`initStdDev must be a finite number ≥ 0, got ${initStdDev}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (rng !== "shoplens" && rng !== "numpy")
    throw new RangeError(`rng must be "shoplens" or "numpy", got ${String(rng)}`);
  const pick = (name: string, v: number | undefined, all: number) => {
    const x = v ?? all;
    if (!Number.isFinite(x) || x < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${x}`);
    return x;
  };
  return {
    nFactors,
    nEpochs,
    initMean,
    initStdDev,
    seed,
    rng,
    lrBu: pick("lr.bu", lr.bu, lrAll),
    lrBi: pick("lr.bi", lr.bi, lrAll),
    lrPu: pick("lr.pu", lr.pu, lrAll),
    lrQi: pick("lr.qi", lr.qi, lrAll),
    regBu: pick("reg.bu", reg.bu, regAll),
    regBi: pick("reg.bi", reg.bi, regAll),
    regPu: pick("reg.pu", reg.pu, regAll),
    regQi: pick("reg.qi", reg.qi, regAll),
  };
}

function drawNormal(n: number, mean: number, sd: number, gaussian: () => number): Float64Array {
  const a = new Float64Array(n);
  for (let t = 0; t < n; t++) a[t] = mean + sd * gaussian();
  return a;
}

/** Surprise's SVD. */
export function fitSvd(trainset: Trainset, options: SvdOptions = {}): SvdModel {
  const c = resolveCommon(options, { nFactors: 100, lrAll: 0.005 }, options.lr ?? {}, options.reg ?? {});
  const biased = options.biased ?? true;
  const nf = c.nFactors;
  const gaussian = createGaussianSource(c.seed, c.rng);
  const bu = new Float64Array(trainset.nUsers);
  const bi = new Float64Array(trainset.nItems);
  const pu = drawNormal(trainset.nUsers * nf, c.initMean, c.initStdDev, gaussian);
  const qi = drawNormal(trainset.nItems * nf, c.initMean, c.initStdDev, gaussian);
  const mu = biased ? trainset.globalMean : 0;
  const { urStart, urItem, urRating } = trainset;
  for (let epoch = 0; epoch < c.nEpochs; epoch++) {
    for (let u = 0; u < trainset.nUsers; u++) {
      const pOff = u * nf;
      const end = urStart[u + 1]!;
      for (let p = urStart[u]!; p < end; p++) {
        const i = urItem[p]!;
        const qOff = i * nf;
        let dot = 0;
        for (let f = 0; f < nf; f++) dot += qi[qOff + f]! * pu[pOff + f]!;
        const err = urRating[p]! - (mu + bu[u]! + bi[i]! + dot);
        if (biased) {
          bu[u]! += c.lrBu * (err - c.regBu * bu[u]!);
          bi[i]! += c.lrBi * (err - c.regBi * bi[i]!);
        }
        for (let f = 0; f < nf; f++) {
          const puf = pu[pOff + f]!;
          const qif = qi[qOff + f]!;
          pu[pOff + f] = puf + c.lrPu * (err * qif - c.regPu * puf);
          qi[qOff + f] = qif + c.lrQi * (err * puf - c.regQi * qif);
        }
      }
    }
  }
  const estimate = (u: number, i: number): number | null => {
    const known = u >= 0 && i >= 0;
    let dot = 0;
    if (known) for (let f = 0; f < nf; f++) dot += qi[i * nf + f]! * pu[u * nf + f]!;
    if (!biased) return known ? dot : null;
    let est = trainset.globalMean;
    if (u >= 0) est += bu[u]!;
    if (i >= 0) est += bi[i]!;
    if (known) est += dot;
    return est;
  };
  return { ...createRatingModel(trainset, estimate), nFactors: nf, bu, bi, pu, qi };
}

/** Surprise's SVDpp. */
export function fitSvdpp(trainset: Trainset, options: SvdppOptions = {}): SvdppModel {
  const lr = options.lr ?? {};
  const reg = options.reg ?? {};
  const c = resolveCommon(options, { nFactors: 20, lrAll: 0.007 }, lr, reg);
  const lrYj = lr.yj ?? options.lrAll ?? 0.007;
  const regYj = reg.yj ?? options.regAll ?? 0.02;
  if (!Number.isFinite(lrYj) || lrYj < 0) throw new RangeError(`lr.yj must be a finite number ≥ 0, got ${lrYj}`);
  if (!Number.isFinite(regYj) || regYj < 0) throw new RangeError(`reg.yj must be a finite number ≥ 0, got ${regYj}`);
  const nf = c.nFactors;
  const gaussian = createGaussianSource(c.seed, c.rng);
  const bu = new Float64Array(trainset.nUsers);
  const bi = new Float64Array(trainset.nItems);
  const pu = drawNormal(trainset.nUsers * nf, c.initMean, c.initStdDev, gaussian);
  const qi = drawNormal(trainset.nItems * nf, c.initMean, c.initStdDev, gaussian);
  const yj = drawNormal(trainset.nItems * nf, c.initMean, c.initStdDev, gaussian);
  const impl = new Float64Array(nf);
  const mu = trainset.globalMean;
  const { urStart, urItem, urRating } = trainset;
  for (let epoch = 0; epoch < c.nEpochs; epoch++) {
    for (let u = 0; u < trainset.nUsers; u++) {
      const pOff = u * nf;
      const iuStart = urStart[u]!;
      const iuEnd = urStart[u + 1]!;
      const sqrtIu = Math.sqrt(iuEnd - iuStart);
      for (let p = iuStart; p < iuEnd; p++) {
        const i = urItem[p]!;
        const qOff = i * nf;
        impl.fill(0);
        for (let q = iuStart; q < iuEnd; q++) {
          const yOff = urItem[q]! * nf;
          for (let f = 0; f < nf; f++) impl[f]! += yj[yOff + f]! / sqrtIu;
        }
        let dot = 0;
        for (let f = 0; f < nf; f++) dot += qi[qOff + f]! * (pu[pOff + f]! + impl[f]!);
        const err = urRating[p]! - (mu + bu[u]! + bi[i]! + dot);
        bu[u]! += c.lrBu * (err - c.regBu * bu[u]!);
        bi[i]! += c.lrBi * (err - c.regBi * bi[i]!);
        for (let f = 0; f < nf; f++) {
          const puf = pu[pOff + f]!;
          const qif = qi[qOff + f]!;
          pu[pOff + f] = puf + c.lrPu * (err * qif - c.regPu * puf);
          qi[qOff + f] = qif + c.lrQi * (err * (puf + impl[f]!) - c.regQi * qif);
          const g = (err * qif) / sqrtIu;
          for (let q = iuStart; q < iuEnd; q++) {
            const t = urItem[q]! * nf + f;
            yj[t] = yj[t]! + lrYj * (g - regYj * yj[t]!);
          }
        }
      }
    }
  }
  // p_u + |I_u|^−½ Σ y_j per user, as Surprise's estimate builds it (sum first, then divide).
  const userVec = new Float64Array(trainset.nUsers * nf);
  for (let u = 0; u < trainset.nUsers; u++) {
    const iuStart = urStart[u]!;
    const iuEnd = urStart[u + 1]!;
    const sqrtIu = Math.sqrt(iuEnd - iuStart);
    for (let f = 0; f < nf; f++) {
      let s = 0;
      for (let q = iuStart; q < iuEnd; q++) s += yj[urItem[q]! * nf + f]!;
      userVec[u * nf + f] = pu[u * nf + f]! + s / sqrtIu;
    }
  }
  const estimate = (u: number, i: number): number => {
    let est = trainset.globalMean;
    if (u >= 0) est += bu[u]!;
    if (i >= 0) est += bi[i]!;
    if (u >= 0 && i >= 0) {
      let dot = 0;
      for (let f = 0; f < nf; f++) dot += qi[i * nf + f]! * userVec[u * nf + f]!;
      est += dot;
    }
    return est;
  };
  return { ...createRatingModel(trainset, estimate), nFactors: nf, bu, bi, pu, qi, yj };
}
