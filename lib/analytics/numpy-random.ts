// NumPy's legacy RandomState (MT19937 with numpy's integer seeding, the polar Gaussian of
// `legacy_gauss`, the masked-rejection `random_interval` and the Fisher–Yates `shuffle`), and numpy's
// summation order, so that the rating algorithms of cf-*.ts can reproduce the Python Surprise library
// number for number: Surprise draws its SVD factors with `RandomState(random_state).normal(...)`,
// shuffles its KFold indices with `RandomState(random_state).shuffle`, and averages with `np.mean`.
// Checked against numpy 1.24 (see numpy-random.test.ts for the Python lines that gave each value).
// The house generator (./random) stays the default everywhere; this one is opt-in (`rng: "numpy"`).

import { createRandom } from "./random";

const N = 624;
const M = 397;

export type NumpyRandomState = {
  /** Next raw 32-bit output of MT19937. */
  uint32(): number;
  /** numpy `random_sample()`: uniform in [0, 1) with 53 random bits. */
  randomSample(): number;
  /** numpy legacy `standard_normal()` (Marsaglia's polar method, the second value cached). */
  standardNormal(): number;
  /** Uniform integer in [0, max], numpy's `random_interval` (max < 2³²). */
  randomInterval(max: number): number;
  /** In place, as `RandomState.shuffle` on a 1-D array. */
  shuffle(a: Int32Array): void;
};

/** `np.random.RandomState(seed)` for an integer seed in [0, 2³² − 1]. */
export function createNumpyRandomState(seed: number): NumpyRandomState {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`a numpy seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
  }
  const mt = new Uint32Array(N);
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1]!;
    mt[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
  }
  let pos = N;
  let hasGauss = false;
  let gauss = 0;

  const refill = () => {
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % N]! & 0x7fffffff);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    pos = 0;
  };
  const uint32 = () => {
    if (pos >= N) refill();
    let y = mt[pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  const randomSample = () => {
    const a = uint32() >>> 5;
    const b = uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };
  const randomInterval = (max: number) => {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (uint32() & mask) >>> 0;
    while (value > max);
    return value;
  };
  return {
    uint32,
    randomSample,
    standardNormal: () => {
      if (hasGauss) {
        hasGauss = false;
        return gauss;
      }
      const [first, second] = polarPair(randomSample);
      gauss = first;
      hasGauss = true;
      return second;
    },
    randomInterval: (max: number) => {
      if (!Number.isInteger(max) || max < 0 || max > 0xffffffff) {
        throw new RangeError(`randomInterval needs an integer from 0 to 2^32 - 1, got ${max}`);
      }
      return randomInterval(max);
    },
    shuffle: (a: Int32Array) => {
      for (let i = a.length - 1; i > 0; i--) {
        const j = randomInterval(i);
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
      }
    },
  };
}

/** Marsaglia's polar method as numpy's `legacy_gauss`: returns [f·x1 (cached), f·x2 (returned first)]. */
function polarPair(uniform: () => number): [number, number] {
  let x1: number;
  let x2: number;
  let r2: number;
  do {
    x1 = 2 * uniform() - 1;
    x2 = 2 * uniform() - 1;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1 || r2 === 0);
  const f = Math.sqrt((-2 * Math.log(r2)) / r2);
  return [f * x1, f * x2];
}

/** Which generator a rating algorithm draws from: the house xoshiro128** or numpy's MT19937. */
export type RatingRng = "shoplens" | "numpy";

/**
 * A seeded standard-normal source. "numpy" is `RandomState(seed).standard_normal` exactly;
 * "shoplens" runs the same polar method on ./random's uniforms.
 */
export function createGaussianSource(seed: number, rng: RatingRng): () => number {
  switch (rng) {
    case "numpy": {
      const state = createNumpyRandomState(seed);
      return () => state.standardNormal();
    }
    case "shoplens": {
      const random = createRandom(seed);
      let cached: number | null = null;
      return () => {
        if (cached !== null) {
          const v = cached;
          cached = null;
          return v;
        }
        const [first, second] = polarPair(() => random.next());
        cached = first;
        return second;
      };
    }
    default: {
      const never: never = rng;
      throw new RangeError(`unknown rng ${String(never)}`);
    }
  }
}

const PAIRWISE_BLOCK = 128;
const REDUCE_BUFFER = 8192;

/** numpy's `pairwise_sum` (loops_utils.h): 8 partial sums up to 128 values, halves above. */
function pairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= PAIRWISE_BLOCK) {
    let r0 = a[start]!;
    let r1 = a[start + 1]!;
    let r2 = a[start + 2]!;
    let r3 = a[start + 3]!;
    let r4 = a[start + 4]!;
    let r5 = a[start + 5]!;
    let r6 = a[start + 6]!;
    let r7 = a[start + 7]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const s = start + i;
      r0 += a[s]!;
      r1 += a[s + 1]!;
      r2 += a[s + 2]!;
      r3 += a[s + 3]!;
      r4 += a[s + 4]!;
      r5 += a[s + 5]!;
      r6 += a[s + 6]!;
      r7 += a[s + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/**
 * `np.sum` of a contiguous float64 vector, bit for bit: the reduction runs over buffers of 8192
 * values, each summed pairwise, the buffer sums added in order (checked on numpy 1.24 for n up to 10⁵).
 */
export function numpySum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  let total = 0;
  for (let s = 0; s < n; s += REDUCE_BUFFER) total += pairwiseSum(a, start + s, Math.min(REDUCE_BUFFER, n - s));
  return total;
}

/** `np.mean` of a contiguous float64 vector (NaN for an empty one, as numpy). */
export function numpyMean(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return numpySum(a, start, n) / n;
}
