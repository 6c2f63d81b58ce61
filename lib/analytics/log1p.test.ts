import { describe, expect, it } from "vitest";
import fixture from "./fixtures/preprocessing.json";
import { expm1, log1p } from "./log1p";
import { fromRows, toRows } from "./matrix";

const { log1p: ref } = fixture;

describe("log1p", () => {
  it("transforms only the chosen columns, keeping precision near zero, by hand", () => {
    const x = fromRows([
      [0, 5],
      [Math.E - 1, 6],
      [1e-20, 7],
      [NaN, 8],
    ]);
    const y = toRows(log1p(x, { columns: [0] }));
    // log(1 + 1e-20) would round 1 + 1e-20 to 1 and return 0; log1p keeps the 1e-20.
    expect(y).toEqual([
      [0, 5],
      [Math.log1p(Math.E - 1), 6],
      [1e-20, 7],
      [NaN, 8],
    ]);
    expect(y[1]![0]).toBeCloseTo(1, 15);
    expect(x.data[4]).toBe(1e-20); // the input was copied, not overwritten
  });

  it("matches np.log1p on columns 0, 1 and 4 of the fixture, and expm1 inverts it", () => {
    const x = fromRows(ref.x.map((r) => r.map((v) => v ?? NaN)));
    const y = log1p(x, { columns: ref.columns });
    const expected = ref.transformed.flat();
    // V8's log1p (fdlibm) and glibc's may differ in the last bit.
    y.data.forEach((v, k) => expect(Math.abs(v - expected[k]!)).toBeLessThanOrEqual(4e-16 * Math.abs(expected[k]!)));
    const back = expm1(y, { columns: ref.columns, inPlace: true });
    back.data.forEach((v, k) => expect(Math.abs(v - x.data[k]!)).toBeLessThanOrEqual(1e-14 * Math.abs(x.data[k]!)));
  });

  it("rejects values at or below -1, naming the row and column, before writing anything", () => {
    const x = fromRows([
      [1, 2],
      [3, -1.5],
    ]);
    expect(() => log1p(x, { inPlace: true })).toThrow("log1p needs values above -1, got -1.5 at row 1, column 1");
    expect(Array.from(x.data)).toEqual([1, 2, 3, -1.5]);
    expect(() => log1p(fromRows([[-1]]))).toThrow(RangeError);
    expect(toRows(log1p(x, { columns: [0] }))).toEqual([
      [Math.log1p(1), 2],
      [Math.log1p(3), -1.5],
    ]);
    expect(() => log1p(x, { columns: [2] })).toThrow(RangeError);
    expect(() => expm1(x, { columns: [1, 1] })).toThrow(RangeError);
  });
});
