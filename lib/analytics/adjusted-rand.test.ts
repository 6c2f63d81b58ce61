// Adjusted Rand index: values worked out by hand and scikit-learn parity (fixtures from
// scripts/reference/metrics.py), bit for bit, up to a million rows.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { adjustedRandIndex, encodeLabels } from "./adjusted-rand";

type Fixture = {
  sklearn: string;
  ariPairs: { name: string; labelsTrue: (number | string)[]; labelsPred: number[]; ari: number }[];
  ariMillionRows: { name: string; formula: string; ari: number }[];
};

const fixture = JSON.parse(readFileSync(new URL("./fixtures/metrics.json", import.meta.url), "utf8")) as Fixture;

describe("adjustedRandIndex, by hand", () => {
  it("is 1 for the same partition under any names", () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, -1, -1, 9])).toBe(1);
    expect(adjustedRandIndex(["vip", "vip", "new", "lapsed"], Int32Array.from([2, 2, 0, 1]))).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1); // sklearn's empty-input convention
  });

  it("matches the worked examples of sklearn's documentation", () => {
    // [0 0 1 1] vs [0 0 1 2]: cells n_ij = 2, 1, 1 → Σ C(n_ij, 2) = 1; rows 2, 2 → Σ C(a_i, 2) = 2;
    // columns 2, 1, 1 → Σ C(b_j, 2) = 1; C(4, 2) = 6. Expected index 2 · 1/6 = 1/3, maximum (2 + 1)/2;
    // ARI = (1 − 1/3)/(3/2 − 1/3) = 4/7.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 15);
    // [0 0 1 1] vs [0 1 0 1]: every cell is 1, so no pair agrees: Σ C(n_ij, 2) = 0, expected 2 · 2/6;
    // ARI = (0 − 2/3)/(2 − 2/3) = −1/2.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBe(-0.5);
    // One cluster against all singletons: no pair together in both, expected index 0 → ARI 0.
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it("is symmetric and rejects arrays of different lengths", () => {
    const a = [0, 0, 1, 1, 1, 2, 2, 3];
    const b = [1, 1, 1, 0, 0, 0, 2, 2];
    expect(adjustedRandIndex(a, b)).toBe(adjustedRandIndex(b, a));
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(RangeError);
  });

  it("encodes labels in order of first appearance", () => {
    const { codes, counts } = encodeLabels(["b", "a", "b", "c"]);
    expect(Array.from(codes)).toEqual([0, 1, 0, 2]);
    expect(counts).toEqual([2, 1, 1]);
  });
});

describe(`adjustedRandIndex matches scikit-learn ${fixture.sklearn} bit for bit`, () => {
  for (const p of fixture.ariPairs) {
    it(p.name, () => {
      expect(adjustedRandIndex(p.labelsTrue as string[] | number[], p.labelsPred)).toBe(p.ari);
    });
  }

  // The million-row labellings, rebuilt from the formulas recorded in the fixture.
  const n = 1_000_000;
  const build = (f: (i: number) => number) => Int32Array.from({ length: n }, (_, i) => f(i));
  const cases: Record<string, [Int32Array, Int32Array]> = {
    "blocks-with-reassigned-tails": [
      build((i) => Math.floor(i / 20_000)),
      build((i) =>
        i % 97 === 0 ? -1 : i % 20_000 < 17_000 ? Math.floor(i / 20_000) : (3 * Math.floor(i / 20_000) + (i % 5)) % 50,
      ),
    ],
    "near-identical": [
      build((i) => Math.floor(i / 1000)),
      build((i) => (i % 100_003 === 0 ? -1 : Math.floor(i / 1000))),
    ],
  };
  for (const p of fixture.ariMillionRows) {
    it(`${p.name}, a million rows: ${p.formula}`, () => {
      const [labelsTrue, labelsPred] = cases[p.name]!;
      expect(adjustedRandIndex(labelsTrue, labelsPred)).toBe(p.ari);
    });
  }
});
