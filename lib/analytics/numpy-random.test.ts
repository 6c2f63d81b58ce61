import { describe, expect, it } from "vitest";
import { createGaussianSource, createNumpyRandomState, numpyMean, numpySum } from "./numpy-random";

// Expected values printed by numpy 1.24.2 (Debian's python3-numpy), e.g.
// `python3 -c "import numpy as np; r = np.random.RandomState(0); print(r.random_sample(2).tolist())"`.

describe("createNumpyRandomState", () => {
  it("matches RandomState(0)'s raw MT19937 outputs and random_sample", () => {
    const r = createNumpyRandomState(0);
    expect([r.uint32(), r.uint32(), r.uint32()]).toEqual([2357136044, 2546248239, 3071714933]);
    const s = createNumpyRandomState(0);
    expect([s.randomSample(), s.randomSample()]).toEqual([0.5488135039273248, 0.7151893663724195]);
  });

  it("matches RandomState(0).normal(0, 0.1, (2, 3)) through the polar method's cached pair", () => {
    const g = createGaussianSource(0, "numpy");
    const got = Array.from({ length: 6 }, () => 0 + 0.1 * g());
    const want = [
      0.1764052345967664, 0.040015720836722335, 0.09787379841057392, 0.2240893199201458, 0.18675579901499675,
      -0.0977277879876411,
    ];
    got.forEach((v, t) => expect(v).toBe(want[t]));
  });

  it("shuffles as RandomState.shuffle (legacy random_interval)", () => {
    const a = Int32Array.from({ length: 10 }, (_, i) => i);
    createNumpyRandomState(42).shuffle(a);
    expect(Array.from(a)).toEqual([8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
    const b = Int32Array.from({ length: 7 }, (_, i) => i);
    createNumpyRandomState(0).shuffle(b);
    expect(Array.from(b)).toEqual([6, 2, 1, 3, 0, 5, 4]);
  });

  it("refuses seeds numpy refuses", () => {
    expect(() => createNumpyRandomState(-1)).toThrow(/from 0 to 2\^32 - 1, got -1/);
    expect(() => createNumpyRandomState(1.5)).toThrow(RangeError);
  });

  it("the ShopLens source is seeded: same seed, same draws; another seed, others", () => {
    const a = createGaussianSource(7, "shoplens");
    const b = createGaussianSource(7, "shoplens");
    const c = createGaussianSource(8, "shoplens");
    const da = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(da);
    expect([c(), c(), c()]).not.toEqual(da);
  });
});

describe("numpySum / numpyMean", () => {
  it("sums pairwise as np.sum does, not left to right", () => {
    // np.sum([0.1] * 10) = 1.0, Python's sum gives 0.9999999999999999.
    expect(numpySum(new Float64Array(10).fill(0.1))).toBe(1);
    // a[i] = (i·7919 mod 1000)/7 + 1/(i + 3), 20,000 values (three 8192-value reduction buffers):
    // np.sum 1427151.8379710668, np.mean 71.35759189855334 (sequential sum: 1427151.8379710605).
    const a = Float64Array.from({ length: 20000 }, (_, i) => ((i * 7919) % 1000) / 7 + 1 / (i + 3));
    expect(numpySum(a)).toBe(1427151.8379710668);
    expect(numpyMean(a)).toBe(71.35759189855334);
  });
});
