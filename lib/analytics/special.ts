// Special functions and random variates for the customer-lifetime-value models (BG/NBD, Gamma-Gamma):
//   - lnGamma: the Lanczos approximation with g = 671/128 and 14 coefficients (Numerical Recipes, 3rd
//     ed., §6.1, `gammln`), absolute error below 1e-14 for x in (0, 10⁶] (so relative 1e-13 away from
//     the roots x = 1 and x = 2, where lnΓ is 0); the reflection formula for x < 0.5 keeps it accurate
//     near 0;
//   - hyp2f1: the Gauss hypergeometric function ₂F₁(a, b; c; z) for real z < 1 by its power series
//     (Abramowitz & Stegun 15.1.1); for z < 0 the Pfaff transformation (A&S 15.3.4)
//     ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z / (z − 1)) first, so the series runs on
//     w = z / (z − 1) in (0, 1) with positive terms when c > b > 0 (no cancellation). The series
//     converges for every |z| < 1 but slowly near 1 (about ln ε / ln z terms): 3,700 at z = 0.99.
//     The BG/NBD uses z = t / (α + T + t), below 1 for every finite horizon;
//   - seeded gamma, beta and normal variates for the simulators and the parameter draws.
import { cholesky } from "./optimize";
import { createRandom, type Random } from "./random";

const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];
const LN_SQRT_2PI_TIMES = 2.5066282746310005; // √(2π)

/** ln Γ(x) for x > 0 (the BG/NBD and Gamma-Gamma need no other range). */
export function lnGamma(x: number): number {
  if (!(x > 0) || x === Infinity) throw new RangeError(`lnGamma needs a finite x > 0, got ${x}`);
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx), so lnΓ(x) = ln(π / sin(πx)) − lnΓ(1 − x).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lanczos(1 - x);
  }
  return lanczos(x);
}

function lanczos(x: number): number {
  let y = x;
  const tmp0 = x + 5.2421875; // x + g + 1/2 with g = 671/128
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = 0.999999999999997092;
  for (let j = 0; j < LANCZOS.length; j++) ser += LANCZOS[j]! / ++y;
  return tmp + Math.log((LN_SQRT_2PI_TIMES * ser) / x);
}

/**
 * lnΓ(z + k) − lnΓ(z) for z > 0, k ≥ 0 without the cancellation of the difference when z is large
 * (the fits walk towards r, p → ∞ on the ridges of their likelihoods, where lnΓ(z) ~ 10¹⁷ would
 * leave nothing of the difference and hand the optimiser rounding noise to climb). For z ≥ 100 the
 * Stirling series of both terms, subtracted analytically:
 * (z − ½) log1p(k/z) + k ln(z + k) − k + c(z + k) − c(z), c(w) = 1/(12w) − 1/(360w³) + 1/(1260w⁵),
 * whose truncation error is below 1/(1680 z⁷) ≈ 6e-18.
 */
export function lnGammaRatio(z: number, k: number): number {
  if (k === 0) return 0;
  if (z < 100) return lnGamma(z + k) - lnGamma(z);
  const w = z + k;
  return (z - 0.5) * Math.log1p(k / z) + k * Math.log(w) - k + stirlingCorrection(w) - stirlingCorrection(z);
}

function stirlingCorrection(w: number): number {
  const w2 = w * w;
  return (1 / w) * (1 / 12 - (1 / w2) * (1 / 360 - 1 / (1260 * w2)));
}

/** ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

const HYP2F1_MAX_TERMS = 1_000_000;

/**
 * ₂F₁(a, b; c; z) for real z < 1 and c not a non-positive integer (there the series is undefined).
 * The BG/NBD calls it with a, b > 0, 0 ≤ z < 1 and c = a + b + x − 1, which is negative when
 * a + b < 1 and x = 0 (the series still converges, its terms changing sign). Throws a RangeError
 * outside that domain or if the series has not converged after a million terms (z within about
 * 10⁻⁵ of 1).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || !Number.isFinite(z)) {
    throw new RangeError(`hyp2f1 needs finite arguments, got a = ${a}, b = ${b}, c = ${c}, z = ${z}`);
  }
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1 needs c not a non-positive integer, got c = ${c}`);
  if (!(z < 1)) throw new RangeError(`hyp2f1 is defined here for z < 1, got z = ${z}`);
  if (z < 0) {
    // Pfaff (A&S 15.3.4), on the parameter that gives the faster series: with b' = c − b the terms
    // are positive when c > b; choose between the two forms by symmetry in a and b.
    const w = z / (z - 1);
    if (Math.abs(c - b) <= Math.abs(c - a) || b === 0) {
      return Math.pow(1 - z, -a) * hyp2f1Series(a, c - b, c, w);
    }
    return Math.pow(1 - z, -b) * hyp2f1Series(b, c - a, c, w);
  }
  return hyp2f1Series(a, b, c, z);
}

/** Σ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ for 0 ≤ z < 1. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  if (z === 0 || a === 0 || b === 0) return 1;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < HYP2F1_MAX_TERMS; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (term === 0) return sum;
    // Stop once the terms shrink geometrically (ratio below 1) and are below the rounding of the sum.
    if (
      Math.abs(term) <= 1e-17 * Math.abs(sum) &&
      Math.abs(((a + n + 1) * (b + n + 1) * z) / ((c + n + 1) * (n + 2))) < 1
    ) {
      return sum;
    }
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${HYP2F1_MAX_TERMS} terms`);
}

// ---------------------------------------------------------------------------------------------------
// Random variates (seeded through ./random).

/** Standard normal by the Box–Muller transform (one of the pair; simple and exact). */
export function sampleNormal(random: Random): number {
  const u = 1 - random.next(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/**
 * Gamma(shape, rate) by Marsaglia & Tsang (ACM TOMS 26(3), 2000); for shape < 1 the boost
 * Gamma(k) = Gamma(k + 1) · U^(1/k).
 */
export function sampleGamma(random: Random, shape: number, rate: number): number {
  if (!(shape > 0) || !(rate > 0) || !Number.isFinite(shape) || !Number.isFinite(rate)) {
    throw new RangeError(`sampleGamma needs finite shape > 0 and rate > 0, got ${shape} and ${rate}`);
  }
  if (shape < 1) {
    const u = 1 - random.next();
    return sampleGamma(random, shape + 1, rate) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next();
    if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(random: Random, a: number, b: number): number {
  const x = sampleGamma(random, a, 1);
  const y = sampleGamma(random, b, 1);
  return x / (x + y);
}

/** Exponential with the given rate. */
export function sampleExponential(random: Random, rate: number): number {
  return -Math.log(1 - random.next()) / rate;
}

/** exp(ln θ̂ + L z), z standard normal, for `draws` draws. The parameter draws of the CLV intervals. */
export function sampleLogNormal(
  estimate: number[],
  covariance: Float64Array,
  draws: number,
  seed: number,
): Float64Array[] {
  const n = estimate.length;
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`draws must be a positive integer, got ${draws}`);
  const l = cholesky(covariance, n);
  if (l === null) throw new RangeError("the covariance is not positive definite: no intervals");
  const random = createRandom(seed);
  const z = new Float64Array(n);
  const out: Float64Array[] = [];
  for (let d = 0; d < draws; d++) {
    for (let j = 0; j < n; j++) z[j] = sampleNormal(random);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = Math.log(estimate[i]!);
      for (let j = 0; j <= i; j++) s += l[i * n + j]! * z[j]!;
      v[i] = Math.exp(s);
    }
    out.push(v);
  }
  return out;
}
