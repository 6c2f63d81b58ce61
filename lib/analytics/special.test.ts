import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/bgnbd.json";
import { createRandom } from "./random";
import { hyp2f1, lnBeta, lnGamma, lnGammaRatio, sampleBeta, sampleGamma, sampleLogNormal } from "./special";

// Reference values: lib/analytics/fixtures/bgnbd.json, written by scripts/reference/bgnbd.py
// (scipy.special.gammaln and hyp2f1 from Debian's python3-scipy 1.10; the hyp2f1 values were checked
// against mpmath.hyp2f1 to 1e-12 by the script). Regenerate with `/usr/bin/python3 scripts/reference/bgnbd.py`.

describe("lnGamma", () => {
  it.each(fixtures.lnGamma)("matches scipy's gammaln at x = $x", ({ x, value }) => {
    // Absolute 1e-13 near the roots x = 1 and 2 (where lnΓ = 0 and a relative error means nothing),
    // relative 1e-13 elsewhere.
    expect(Math.abs(lnGamma(x) - value)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(value)));
  });

  it("satisfies Γ(x + 1) = x Γ(x) and gives exact factorials", () => {
    for (const x of [0.3, 1.7, 4.2, 25.5]) expect(lnGamma(x + 1) - lnGamma(x)).toBeCloseTo(Math.log(x), 13);
    expect(lnGamma(6)).toBeCloseTo(Math.log(120), 13);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14); // B(2, 3) = 1!·2!/4! = 1/12
  });

  it("rejects x ≤ 0 and non-finite x", () => {
    expect(() => lnGamma(0)).toThrow(new RangeError("lnGamma needs a finite x > 0, got 0"));
    expect(() => lnGamma(-1.5)).toThrow(RangeError);
    expect(() => lnGamma(Number.NaN)).toThrow(RangeError);
    expect(() => lnGamma(Infinity)).toThrow(RangeError);
  });
});

describe("lnGammaRatio", () => {
  it("agrees with the difference of lnGamma where that is accurate, and stays exact for huge z", () => {
    for (const [z, k] of [
      [0.3, 5],
      [99.9, 2.5],
      [100, 2.5],
      [250.5, 17],
      [1000, 0.75],
    ] as const) {
      expect(Math.abs(lnGammaRatio(z, k) - (lnGamma(z + k) - lnGamma(z)))).toBeLessThan(1e-11);
    }
    // lnΓ(z + 1) − lnΓ(z) = ln z and lnΓ(z + 2) − lnΓ(z) = ln(z(z + 1)) exactly, where the plain
    // difference of two numbers near 3·10¹³ or 3·10¹⁷ keeps no correct digit.
    for (const z of [1e12, 8e15]) {
      expect(lnGammaRatio(z, 1)).toBeCloseTo(Math.log(z), 12);
      expect(lnGammaRatio(z, 2)).toBeCloseTo(Math.log(z) + Math.log(z + 1), 12);
    }
    expect(lnGammaRatio(5, 0)).toBe(0);
  });
});

describe("hyp2f1", () => {
  it.each(fixtures.hyp2f1)("matches scipy at a = $a, b = $b, c = $c, z = $z", ({ a, b, c, z, value }) => {
    expect(Math.abs(hyp2f1(a, b, c, z) - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value)));
  });

  it("reduces to closed forms", () => {
    // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z, also for z < 0 (through the Pfaff transformation).
    for (const z of [-20, -0.5, 0.2, 0.95]) expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
    // ₂F₁(a, b; b; z) = (1 − z)^(−a).
    expect(hyp2f1(2.5, 3, 3, 0.4)).toBeCloseTo(Math.pow(0.6, -2.5), 12);
    expect(hyp2f1(2.5, 3, 3, -3)).toBeCloseTo(Math.pow(4, -2.5), 14);
    expect(hyp2f1(0.7, 1.3, 2.2, 0)).toBe(1);
    // Negative non-integer c (the BG/NBD's a + b − 1 when a + b < 1): ₂F₁(a, b; b; z) again.
    expect(hyp2f1(0.3, -0.4, -0.4, 0.5)).toBeCloseTo(Math.pow(0.5, -0.3), 13);
  });

  it("rejects arguments outside its domain", () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(new RangeError("hyp2f1 is defined here for z < 1, got z = 1"));
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrow(new RangeError("hyp2f1 needs c not a non-positive integer, got c = 0"));
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, Number.NaN, 2, 0.5)).toThrow(RangeError);
  });
});

describe("random variates", () => {
  it("gamma and beta draws have the right mean and variance", () => {
    // 200k draws: the standard error of a mean is sd/√200000 ≈ 0.0022·sd, so 0.01·sd is > 4 SE.
    const random = createRandom(3);
    for (const [shape, rate] of [
      [0.25, 2],
      [3.5, 0.5],
    ] as const) {
      const n = 200_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const v = sampleGamma(random, shape, rate);
        s += v;
        s2 += v * v;
      }
      const mean = s / n;
      const variance = s2 / n - mean * mean;
      const sd = Math.sqrt(shape) / rate;
      expect(Math.abs(mean - shape / rate)).toBeLessThan(0.01 * sd);
      expect(Math.abs(variance / (shape / rate ** 2) - 1)).toBeLessThan(0.05);
    }
    let s = 0;
    for (let i = 0; i < 100_000; i++) s += sampleBeta(random, 0.8, 2.4);
    expect(s / 100_000).toBeCloseTo(0.25, 2); // a/(a + b); SE ≈ 0.0007
  });

  it("log-normal parameter draws follow the covariance of the logs", () => {
    const cov = Float64Array.from([0.04, 0.01, 0.01, 0.09]);
    const draws = sampleLogNormal([2, 5], cov, 50_000, 1);
    let m0 = 0;
    let m1 = 0;
    for (const d of draws) {
      m0 += Math.log(d[0]!);
      m1 += Math.log(d[1]!);
    }
    m0 /= draws.length;
    m1 /= draws.length;
    let c01 = 0;
    let c11 = 0;
    for (const d of draws) {
      c01 += (Math.log(d[0]!) - m0) * (Math.log(d[1]!) - m1);
      c11 += (Math.log(d[1]!) - m1) ** 2;
    }
    expect(m0).toBeCloseTo(Math.log(2), 2);
    expect(c01 / draws.length).toBeCloseTo(0.01, 3);
    expect(c11 / draws.length).toBeCloseTo(0.09, 2);
    expect(sampleLogNormal([2, 5], cov, 3, 9)).toEqual(sampleLogNormal([2, 5], cov, 3, 9));
  });
});
