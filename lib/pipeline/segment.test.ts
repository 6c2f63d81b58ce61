import { describe, expect, it } from "vitest";
import { chooseK, relabelBySize } from "./segment";

const curve = (pairs: [number, number][]) =>
  pairs.map(([k, silhouette]) => ({ k, silhouette, inertia: 0, daviesBouldin: 0 }));

describe("choosing k", () => {
  it("steps up from the best silhouette while the next k stays within 10% of it", () => {
    // The 100k demo store's curve: best at 6, 7 within 10%, 8 falls off; 9 scores well again but is not reached.
    expect(
      chooseK(
        curve([
          [2, 0.235],
          [3, 0.256],
          [4, 0.261],
          [5, 0.27],
          [6, 0.274],
          [7, 0.263],
          [8, 0.201],
          [9, 0.249],
          [10, 0.204],
        ]),
      ),
    ).toBe(7);
    expect(
      chooseK(
        curve([
          [2, 0.5],
          [3, 0.3],
          [4, 0.2],
        ]),
      ),
    ).toBe(2);
    expect(chooseK(curve([[3, 0.9]]))).toBe(3);
    expect(() => chooseK([])).toThrow(RangeError);
  });
});

describe("segment numbering", () => {
  it("numbers segments by size, largest first, and leaves noise alone", () => {
    expect(Array.from(relabelBySize(Int32Array.from([2, 2, 2, 0, 1, 1, -1]), 3))).toEqual([0, 0, 0, 2, 1, 1, -1]);
  });
});
