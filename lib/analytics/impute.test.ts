import { describe, expect, it } from "vitest";
import fixture from "./fixtures/preprocessing.json";
import { fitImputer, transformImputer } from "./impute";
import type { Matrix } from "./matrix";
import { fromRows, toRows } from "./matrix";

const { impute: ref } = fixture;

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

describe("impute", () => {
  it("fills with the mean, the median or a constant of the observed values, by hand", () => {
    // Column 0 observes 1, 3, 10 (mean 14/3, odd count: median 3); column 1 observes 4, 1, 3, 2 (even
    // count: median (2 + 3) / 2 = 2.5, as np.ma.median).
    const x = fromRows([
      [1, 4],
      [NaN, NaN],
      [3, 1],
      [10, 3],
      [NaN, 2],
    ]);
    expect(fitImputer(x).fillValues).toEqual([14 / 3, 10 / 4]);
    expect(fitImputer(x, { strategy: "median" }).fillValues).toEqual([3, 2.5]);
    expect(fitImputer(x, { strategy: "constant", fillValue: -7 }).fillValues).toEqual([-7, -7]);
    const mixed = fitImputer(x, { strategy: ["median", "constant"] });
    expect(mixed).toEqual({ kind: "imputer", strategies: ["median", "constant"], fillValues: [3, 0] });
    expect(toRows(transformImputer(x, mixed))).toEqual([
      [1, 4],
      [3, 0],
      [3, 1],
      [10, 3],
      [3, 2],
    ]);
  });

  it("matches SimpleImputer statistics_ and transform on the 200 × 6 fixture", () => {
    const x = toMatrix(ref.x);
    const xNew = toMatrix(ref.xNew);
    const mean = fitImputer(x, { strategy: "mean" });
    // Sums in a different order than numpy's pairwise summation: equal to round-off, not bit for bit.
    expectAllClose(mean.fillValues, ref.mean.statistics as number[], 1e-13);
    expectAllClose(transformImputer(x, mean).data, toMatrix(ref.mean.transformed).data, 1e-13);
    expectAllClose(transformImputer(xNew, mean).data, toMatrix(ref.mean.transformedNew).data, 1e-13);
    // The median is an order statistic (or the mean of two): exact.
    const median = fitImputer(x, { strategy: "median" });
    expect(median.fillValues).toEqual(ref.median.statistics);
    expect(toRows(transformImputer(xNew, median))).toEqual(ref.median.transformedNew);
    const constant = fitImputer(x, { strategy: "constant", fillValue: -1 });
    expect(constant.fillValues).toEqual(ref.constant.statistics);
    expect(toRows(transformImputer(xNew, constant))).toEqual(ref.constant.transformedNew);
  });

  it("copies unless inPlace, and its parameters survive JSON", () => {
    const x = fromRows([[NaN], [2]]);
    const params = JSON.parse(JSON.stringify(fitImputer(fromRows([[4], [NaN], [6]])))) as ReturnType<typeof fitImputer>;
    expect(Array.from(transformImputer(x, params).data)).toEqual([5, 2]);
    expect(x.data[0]).toBeNaN();
    transformImputer(x, params, { inPlace: true });
    expect(Array.from(x.data)).toEqual([5, 2]);
  });

  it("rejects a column with nothing observed, infinities and mismatched shapes with a RangeError", () => {
    const empty = fromRows([
      [1, NaN],
      [2, NaN],
    ]);
    expect(() => fitImputer(empty)).toThrow(/column 1 has no observed values/);
    expect(() => fitImputer(empty, { strategy: "median" })).toThrow(RangeError);
    expect(fitImputer(empty, { strategy: "constant" }).fillValues).toEqual([0, 0]);
    expect(() => fitImputer(fromRows([[1], [Infinity]]))).toThrow(/row 1, column 0/);
    expect(() => fitImputer(empty, { strategy: ["mean"] })).toThrow(RangeError);
    expect(() => fitImputer(empty, { strategy: "constant", fillValue: NaN })).toThrow(RangeError);
    const params = fitImputer(fromRows([[1]]));
    expect(() => transformImputer(fromRows([[1, 2]]), params)).toThrow(RangeError);
    expect(() => transformImputer(fromRows([[-Infinity]]), params)).toThrow(/row 0, column 0/);
  });
});
