import { describe, expect, it } from "vitest";
import { selectFeatures } from "./feature-selection";
import fixture from "./fixtures/preprocessing.json";
import type { Matrix } from "./matrix";
import { fromRows } from "./matrix";

const { featureSelection: ref } = fixture;

function columnsToMatrix(columns: readonly (readonly number[])[]): Matrix {
  return fromRows(columns[0]!.map((_, i) => columns.map((c) => c[i]!)));
}

// Two orthogonal, centred columns of equal norm: r(u + a·v, u + b·v) = (1 + a·b) / √((1 + a²)(1 + b²)).
const u = [1, -1, 1, -1];
const v = [1, 1, -1, -1];
const mix = (a: number) => u.map((ui, i) => ui + a * v[i]!);

describe("selectFeatures", () => {
  it("drops a constant column and the later of a correlated pair, with the numbers, by hand", () => {
    // a = 1…4 and b = 2a + (0, 0, 0, 0.1): centred a·b = 10.15, |a|² = 5, |b|² = 20.6075.
    const x = columnsToMatrix([
      [1, 2, 3, 4],
      [2, 4, 6, 8.1],
      [5, 5, 5, 5],
      [4, 1, 3, 2],
    ]);
    const result = selectFeatures(x);
    expect(result.kept).toEqual([0, 3]);
    expect(result.dropped).toEqual([
      {
        column: 1,
        reason: "correlated",
        r: expect.closeTo(10.15 / Math.sqrt(5 * 20.6075), 14),
        partner: 0,
        threshold: 0.95,
      },
      { column: 2, reason: "low-variance", variance: 0, threshold: 0 },
    ]);
    expect(result.variances).toEqual([1.25, 20.6075 / 4, 0, 1.25].map((e) => expect.closeTo(e, 14)));
  });

  it("compares only with columns still kept, so a dropped column causes no further drop", () => {
    // r(A, B) = 1/√1.09 ≈ 0.958 > 0.95: B goes. r(B, C) ≈ 0.969 but B is gone; r(A, C) = 1/√1.36 ≈ 0.857 keeps C.
    const result = selectFeatures(columnsToMatrix([u, mix(0.3), mix(0.6)]));
    expect(result.kept).toEqual([0, 2]);
    expect(result.dropped).toEqual([
      { column: 1, reason: "correlated", r: expect.closeTo(1 / Math.sqrt(1.09), 14), partner: 0, threshold: 0.95 },
    ]);
  });

  it("names the kept partner with the largest |r|, and keeps the sign of r", () => {
    // E = u + 1.2·v: r(u, E) = 1/√2.44 ≈ 0.640, r(v, E) = 1.2/√2.44 ≈ 0.768; both exceed 0.6.
    const e = mix(1.2);
    const result = selectFeatures(columnsToMatrix([u, v, e, u.map((x) => -x)]), { correlationThreshold: 0.6 });
    expect(result.kept).toEqual([0, 1]);
    expect(result.dropped).toEqual([
      { column: 2, reason: "correlated", r: expect.closeTo(1.2 / Math.sqrt(2.44), 14), partner: 1, threshold: 0.6 },
      { column: 3, reason: "correlated", r: expect.closeTo(-1, 14), partner: 0, threshold: 0.6 },
    ]);
  });

  it("uses the variance threshold on ddof = 0 variances, and a correlation threshold of 1 turns that filter off", () => {
    // Variances 1.25 and 0.0125 (the second column is the first / 10).
    const x = columnsToMatrix([
      [1, 2, 3, 4],
      [0.1, 0.2, 0.3, 0.4],
    ]);
    expect(selectFeatures(x, { correlationThreshold: 1 }).kept).toEqual([0, 1]);
    const result = selectFeatures(x, { varianceThreshold: 0.1, correlationThreshold: 1 });
    expect(result.kept).toEqual([0]);
    expect(result.dropped).toEqual([
      { column: 1, reason: "low-variance", variance: expect.closeTo(0.0125, 15), threshold: 0.1 },
    ]);
  });

  it("matches VarianceThreshold.get_support, np.var and np.corrcoef on the 200 × 6 fixture", () => {
    const x = fromRows(ref.x.map((r) => r.map((v) => v ?? NaN)));
    for (const c of ref.cases) {
      const label = `variance > ${c.varianceThreshold}, |r| > ${c.correlationThreshold}`;
      const result = selectFeatures(x, {
        varianceThreshold: c.varianceThreshold,
        correlationThreshold: c.correlationThreshold,
      });
      result.variances.forEach((variance, j) => {
        const expected = ref.variance[j]!;
        expect(Math.abs(variance - expected), `${label}: variance of column ${j}`).toBeLessThanOrEqual(
          1e-12 * expected,
        );
      });
      const lowVariance = result.dropped.filter((d) => d.reason === "low-variance").map((d) => d.column);
      expect(
        c.varianceSupport.map((_, j) => !lowVariance.includes(j)),
        label,
      ).toEqual(c.varianceSupport);
      expect(result.kept, label).toEqual(c.kept);
      const correlated = result.dropped.flatMap((d) => (d.reason === "correlated" ? [d] : []));
      expect(
        correlated.map(({ column, partner }) => ({ column, partner })),
        label,
      ).toEqual(c.droppedCorrelated.map(({ column, partner }) => ({ column, partner })));
      correlated.forEach((d, i) => expect(d.r, label).toBeCloseTo(c.droppedCorrelated[i]!.r, 12));
    }
  });

  it("rejects input where no column varies, bad thresholds and non-finite values with a RangeError", () => {
    expect(() => selectFeatures(columnsToMatrix([[3, 3, 3]]))).toThrow(/no column has a variance above/);
    const x = columnsToMatrix([[1, 2, 3]]);
    expect(() => selectFeatures(x, { varianceThreshold: -1 })).toThrow(RangeError);
    expect(() => selectFeatures(x, { correlationThreshold: 1.5 })).toThrow(RangeError);
    expect(() => selectFeatures(columnsToMatrix([[1, NaN, 3]]))).toThrow(/row 1, column 0/);
  });
});
