import { describe, expect, it } from "vitest";
import fixture from "./fixtures/preprocessing.json";
import type { Matrix } from "./matrix";
import { fromRows, toRows } from "./matrix";
import {
  fitMinMaxScaler,
  fitStandardScaler,
  inverseTransformMinMaxScaler,
  inverseTransformStandardScaler,
  transformMinMaxScaler,
  transformStandardScaler,
} from "./scalers";

const { standardScaler: standardRef, minMaxScaler: minMaxRef } = fixture;

function toMatrix(rows: readonly (readonly (number | null)[])[]): Matrix {
  return fromRows(rows.map((r) => r.map((v) => v ?? NaN)));
}

/** numpy.allclose-style check, |a − b| ≤ atol + rtol·|b| per entry, reporting the first failing entry. */
function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol = 0): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) expect(a, `entry ${i}`).toBe(b);
  }
}

describe("StandardScaler", () => {
  it("centres and divides by the population standard deviation; a constant column gets scale 1, by hand", () => {
    // Column 0 = 1, 2, 3, 4: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25 (ddof = 0).
    const x = fromRows([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
    ]);
    const params = fitStandardScaler(x);
    expect(params).toEqual({
      kind: "standard-scaler",
      withMean: true,
      withStd: true,
      nSamples: 4,
      mean: [2.5, 5],
      variance: [1.25, 0],
      scale: [Math.sqrt(1.25), 1],
    });
    const s = Math.sqrt(1.25);
    expect(toRows(transformStandardScaler(x, params))).toEqual([
      [-1.5 / s, 0],
      [-0.5 / s, 0],
      [0.5 / s, 0],
      [1.5 / s, 0],
    ]);
  });

  it("tells a tiny real spread from round-off (scikit-learn's _is_constant_feature bound)", () => {
    // 1e-10 and 2e-10: variance 2.5e-21, far above the bound n·ε·var + (n·mean·ε)² ≈ 4.4e-51, so it is scaled.
    const tiny = fitStandardScaler(fromRows([[1e-10], [2e-10]]));
    expect(tiny.scale[0]).toBeCloseTo(5e-11, 25);
    // 1e8 and its next double (1 ulp = 2^-26 apart): variance 2^-54 ≈ 5.6e-17, below the bound
    // (4·1e8·ε)² ≈ 7.9e-15, so the column counts as constant; dividing by 7.5e-9 would blow up noise.
    const ulp = 2 ** -26;
    const lastBit = fitStandardScaler(fromRows([[1e8], [1e8 + ulp], [1e8], [1e8 + ulp]]));
    expect(lastBit.variance[0]).toBe(2 ** -54);
    expect(lastBit.scale).toEqual([1]);
  });

  it("matches scikit-learn's mean_, var_, scale_ and transform on the 200 × 6 fixture", () => {
    const x = toMatrix(standardRef.x);
    const params = fitStandardScaler(x);
    expect(params.nSamples).toBe(standardRef.nSamplesSeen);
    expectAllClose(params.mean, standardRef.mean, 1e-12);
    expectAllClose(params.variance, standardRef.variance, 1e-9);
    // The constant column's scale is exactly 1 in both.
    expectAllClose(params.scale, standardRef.scale, 1e-9);
    // Standardized values are O(1), so an absolute 1e-12 only matters for the constant column, whose
    // output is round-off (x − mean) in both implementations.
    expectAllClose(transformStandardScaler(x, params).data, toMatrix(standardRef.transformed).data, 1e-9, 1e-12);
  });

  it("inverts its transform, honours withMean / withStd, copies unless inPlace, and survives JSON", () => {
    const x = toMatrix(standardRef.x);
    const params = JSON.parse(JSON.stringify(fitStandardScaler(x))) as ReturnType<typeof fitStandardScaler>;
    const z = transformStandardScaler(x, params);
    expectAllClose(inverseTransformStandardScaler(z, params, { inPlace: true }).data, x.data, 1e-12, 1e-15);

    const small = fromRows([[1], [3]]); // mean 2, std 1
    expect(Array.from(transformStandardScaler(small, fitStandardScaler(small, { withMean: false })).data)).toEqual([
      1, 3,
    ]);
    expect(Array.from(transformStandardScaler(small, fitStandardScaler(small, { withStd: false })).data)).toEqual([
      -1, 1,
    ]);
    transformStandardScaler(small, fitStandardScaler(small), { inPlace: true });
    expect(Array.from(small.data)).toEqual([-1, 1]);
  });

  it("rejects non-finite or empty input and mismatched widths with a RangeError", () => {
    expect(() => fitStandardScaler(fromRows([[1], [NaN]]))).toThrow(/row 1, column 0/);
    expect(() => fitStandardScaler(fromRows([]))).toThrow(RangeError);
    const params = fitStandardScaler(fromRows([[1], [2]]));
    expect(() => transformStandardScaler(fromRows([[1, 2]]), params)).toThrow(RangeError);
    expect(() => inverseTransformStandardScaler(fromRows([[1, 2]]), params)).toThrow(RangeError);
  });
});

describe("MinMaxScaler", () => {
  it("maps min…max onto the feature range and a constant column onto its lower end, by hand", () => {
    const x = fromRows([
      [2, 7],
      [4, 7],
      [6, 7],
    ]);
    expect(toRows(transformMinMaxScaler(x, fitMinMaxScaler(x)))).toEqual([
      [0, 0],
      [0.5, 0],
      [1, 0],
    ]);
    const wide = fitMinMaxScaler(x, { featureRange: [-1, 1] });
    expect(wide.scale).toEqual([0.5, 2]);
    expect(toRows(transformMinMaxScaler(x, wide))).toEqual([
      [-1, -1],
      [0, -1],
      [1, -1],
    ]);
  });

  it("matches scikit-learn's fitted attributes and transform, with and without clip (fixture)", () => {
    const x = toMatrix(minMaxRef.x);
    for (const c of minMaxRef.cases) {
      const params = fitMinMaxScaler(x, { featureRange: [c.featureRange[0]!, c.featureRange[1]!], clip: c.clip });
      const label = `featureRange ${c.featureRange.join("..")}, clip ${c.clip}`;
      expect(params.dataMin, label).toEqual(c.dataMin);
      expect(params.dataMax, label).toEqual(c.dataMax);
      expect(params.dataRange, label).toEqual(c.dataRange);
      expect(params.scale, label).toEqual(c.scale);
      expect(params.min, label).toEqual(c.min);
      // Same operations in the same order as scikit-learn (X *= scale; X += min): equal bit for bit.
      expect(toRows(transformMinMaxScaler(toMatrix(c.xOut), params)), label).toEqual(c.transformedOut);
      if (c.transformed) expect(toRows(transformMinMaxScaler(x, params)), label).toEqual(c.transformed);
    }
  });

  it("inverts its transform and survives JSON", () => {
    const x = toMatrix(minMaxRef.x);
    const params = JSON.parse(JSON.stringify(fitMinMaxScaler(x, { featureRange: [-1, 1] }))) as ReturnType<
      typeof fitMinMaxScaler
    >;
    expectAllClose(inverseTransformMinMaxScaler(transformMinMaxScaler(x, params), params).data, x.data, 1e-12, 1e-15);
  });

  it("rejects an empty or reversed feature range, non-finite input and mismatched widths", () => {
    const x = fromRows([[1], [2]]);
    expect(() => fitMinMaxScaler(x, { featureRange: [1, 1] })).toThrow(RangeError);
    expect(() => fitMinMaxScaler(x, { featureRange: [1, 0] })).toThrow(RangeError);
    expect(() => fitMinMaxScaler(fromRows([[Infinity]]))).toThrow(/row 0, column 0/);
    expect(() => transformMinMaxScaler(fromRows([[1, 2]]), fitMinMaxScaler(x))).toThrow(RangeError);
  });
});
