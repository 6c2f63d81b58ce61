import { describe, expect, it } from "vitest";
import fixture from "./fixtures/preprocessing.json";
import type { Matrix } from "./matrix";
import { fromRows, toRows } from "./matrix";
import { createRandom } from "./random";
import { fitWinsorizer, percentile, selectKth, transformWinsorizer } from "./winsorize";

const { winsorize: ref } = fixture;

function toMatrix(rows: readonly (readonly (number | null)[])[]): Matrix {
  return fromRows(rows.map((r) => r.map((v) => v ?? NaN)));
}

describe("selectKth", () => {
  it("puts the k-th smallest at k with smaller values before and larger after, on awkward orders", () => {
    const r = createRandom(3);
    const n = 301;
    const inputs: Record<string, number[]> = {
      shuffled: Array.from({ length: n }, () => Math.floor(r.next() * 1000) / 7),
      sorted: Array.from({ length: n }, (_, i) => i),
      reversed: Array.from({ length: n }, (_, i) => n - i),
      "many duplicates": Array.from({ length: n }, () => r.int(3)),
      "all equal": Array.from({ length: n }, () => 4.5),
      "organ pipe": Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
    };
    for (const [name, values] of Object.entries(inputs)) {
      const sorted = [...values].sort((a, b) => a - b);
      for (const k of [0, 1, 50, 150, 299, 300]) {
        const a = Float64Array.from(values);
        const v = selectKth(a, k);
        expect(v, `${name}, k=${k}`).toBe(sorted[k]);
        expect(a[k]).toBe(v);
        expect(a.subarray(0, k).every((y) => y <= v) && a.subarray(k + 1).every((y) => y >= v), `${name}, k=${k}`).toBe(
          true,
        );
        expect(Array.from(a).sort((p, q) => p - q)).toEqual(sorted); // a permutation of the input
      }
    }
  });

  it("works on a prefix and rejects k outside it", () => {
    const a = Float64Array.from([9, 8, 7, 1, 2, 3]);
    expect(selectKth(a, 0, 3)).toBe(7);
    expect(Array.from(a.subarray(3))).toEqual([1, 2, 3]);
    expect(() => selectKth(a, 3, 3)).toThrow(RangeError);
  });
});

describe("percentile (numpy's default, method='linear')", () => {
  it("interpolates between order statistics at (n − 1)·q/100, by hand", () => {
    // Sorted [1, 2, 3, 4]: q = 25 → index 0.75 → 1 + 0.75·(2 − 1) = 1.75 (np.percentile gives 1.75).
    expect(percentile(Float64Array.from([4, 1, 3, 2]), 25)).toBe(1.75);
    expect(percentile(Float64Array.from([4, 1, 3, 2]), 50)).toBe(2.5);
    expect(percentile(Float64Array.from([4, 1, 3, 2]), 0)).toBe(1);
    expect(percentile(Float64Array.from([4, 1, 3, 2]), 100)).toBe(4);
    expect(percentile(Float64Array.from([7]), 30)).toBe(7);
    expect(() => percentile(Float64Array.from([1]), 101)).toThrow(RangeError);
  });

  it("matches np.percentile bit for bit on a 37-value sample (fixture)", () => {
    const { sample, q, expected } = ref.percentiles;
    q.forEach((qi, i) => expect(percentile(Float64Array.from(sample), qi), `q=${qi}`).toBe(expected[i]));
  });
});

describe("winsorize", () => {
  it("clips an outlier at the 10th/90th percentiles of 11 values, by hand, and leaves other columns alone", () => {
    // Column 0 is 1…10 and 100: (n − 1)·0.1 = 1 → 2; (n − 1)·0.9 = 9 → 10. Column 1 is not listed.
    const x = fromRows(Array.from({ length: 11 }, (_, i) => [i < 10 ? i + 1 : 100, -i * 1000]));
    const params = fitWinsorizer(x, { lower: 10, upper: 90, columns: [0] });
    expect(params).toEqual({
      kind: "winsorizer",
      lower: 10,
      upper: 90,
      columns: [0],
      lowerBounds: [2],
      upperBounds: [10],
    });
    const y = toRows(transformWinsorizer(x, params));
    expect(y.map((r) => r[0])).toEqual([2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
    expect(y.map((r) => r[1])).toEqual(toRows(x).map((r) => r[1]));
  });

  it("matches np.percentile bounds and np.clip on the 200 × 6 customer fixture", () => {
    const x = toMatrix(ref.x);
    for (const c of ref.cases) {
      const params = fitWinsorizer(x, { lower: c.lower, upper: c.upper });
      expect(params.lowerBounds, `lower ${c.lower}`).toEqual(c.lowerBounds);
      expect(params.upperBounds, `upper ${c.upper}`).toEqual(c.upperBounds);
      if (c.transformed) expect(toRows(transformWinsorizer(x, params))).toEqual(c.transformed);
    }
  });

  it("applies the fitted bounds to new rows, copying unless inPlace", () => {
    const params = fitWinsorizer(fromRows([[0], [10], [20], [30], [40]]), { lower: 25, upper: 75 });
    expect([params.lowerBounds[0], params.upperBounds[0]]).toEqual([10, 30]);
    const fresh = fromRows([[-5], [15], [99], [NaN]]);
    expect(toRows(transformWinsorizer(fresh, params))).toEqual([[10], [15], [30], [NaN]]);
    expect(fresh.data[0]).toBe(-5);
    transformWinsorizer(fresh, params, { inPlace: true });
    expect(Array.from(fresh.data)).toEqual([10, 15, 30, NaN]);
  });

  it("survives a JSON round trip of its parameters", () => {
    const x = toMatrix(ref.x);
    const params = fitWinsorizer(x, { lower: 5, upper: 95 });
    const stored = JSON.parse(JSON.stringify(params)) as typeof params;
    expect(toRows(transformWinsorizer(x, stored))).toEqual(ref.cases[0]!.transformed);
  });

  it("rejects missing values, bad percentiles and unknown columns with a RangeError", () => {
    expect(() => fitWinsorizer(fromRows([[1], [NaN]]))).toThrow(/row 1, column 0/);
    expect(() => fitWinsorizer(fromRows([[1]]), { lower: 60, upper: 40 })).toThrow(RangeError);
    expect(() => fitWinsorizer(fromRows([[1]]), { lower: -1 })).toThrow(RangeError);
    expect(() => fitWinsorizer(fromRows([[1]]), { columns: [1] })).toThrow(RangeError);
    expect(() => fitWinsorizer(fromRows([[1, 2]]), { columns: [0, 0] })).toThrow(RangeError);
    const params = fitWinsorizer(fromRows([[1, 2]]), { columns: [1] });
    expect(() => transformWinsorizer(fromRows([[1]]), params)).toThrow(RangeError);
  });
});
