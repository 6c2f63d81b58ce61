import { describe, expect, it } from "vitest";
import { binarizeCsr, createCsr, getEntry, nnzOf, rowIndicesOf, rowValuesOf, transposeCsr } from "./sparse";

describe("createCsr", () => {
  it("sums duplicate triples and sorts each row's columns", () => {
    // Row 0: (0,2)=1, (0,0)=2, (0,2)=3 → columns [0, 2] with values [2, 4]; row 1 empty; row 2: (2,1)=5.
    const m = createCsr(3, 3, [0, 2, 0, 0], [2, 1, 0, 2], [1, 5, 2, 3]);
    expect(Array.from(m.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(rowIndicesOf(m, 0))).toEqual([0, 2]);
    expect(Array.from(rowValuesOf(m, 0))).toEqual([2, 4]);
    expect(Array.from(rowIndicesOf(m, 1))).toEqual([]);
    expect(getEntry(m, 2, 1)).toBe(5);
    expect(getEntry(m, 2, 0)).toBe(0);
    expect(nnzOf(m)).toBe(3);
  });

  it("counts repeated triples when no values are given", () => {
    const m = createCsr(1, 2, [0, 0, 0], [1, 1, 0]);
    expect(Array.from(m.values)).toEqual([1, 2]);
    expect(Array.from(binarizeCsr(m).values)).toEqual([1, 1]);
  });

  it("rejects ids out of range, mismatched lengths and non-finite values", () => {
    expect(() => createCsr(2, 2, [2], [0])).toThrow(/row index 2 at triple 0 is outside 0..1/);
    expect(() => createCsr(2, 2, [0], [-1])).toThrow(/column index -1 at triple 0/);
    expect(() => createCsr(2, 2, [0, 1], [0])).toThrow(/rowIndex has 2 entries but colIndex has 1/);
    expect(() => createCsr(2, 2, [0], [0], [NaN])).toThrow(/not finite/);
    expect(() => createCsr(-1, 2, [], [])).toThrow(RangeError);
    expect(() => rowIndicesOf(createCsr(2, 2, [], []), 5)).toThrow(/row 5 is outside 0..1/);
  });
});

describe("transposeCsr", () => {
  it("swaps rows and columns with sorted rows", () => {
    const m = createCsr(3, 2, [2, 0, 1, 0], [0, 0, 1, 1], [1, 2, 3, 4]);
    const t = transposeCsr(m);
    expect(t.rows).toBe(2);
    expect(t.cols).toBe(3);
    expect(Array.from(rowIndicesOf(t, 0))).toEqual([0, 2]);
    expect(Array.from(rowValuesOf(t, 0))).toEqual([2, 1]);
    expect(Array.from(rowIndicesOf(t, 1))).toEqual([0, 1]);
    expect(Array.from(rowValuesOf(t, 1))).toEqual([4, 3]);
    expect(transposeCsr(t)).toEqual(m);
  });
});
