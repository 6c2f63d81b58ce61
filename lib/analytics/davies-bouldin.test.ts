// Davies–Bouldin: values worked out by hand and scikit-learn parity (fixtures from
// scripts/reference/metrics.py).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { daviesBouldin } from "./davies-bouldin";
import { createMatrix, fromRows } from "./matrix";

type Case = { name?: string; rows: number; cols: number; data: number[]; labels: number[]; daviesBouldin: number };
type Fixture = { sklearn: string; labellings: (Case & { name: string })[]; coincidentCentroids: Case };

const fixture = JSON.parse(readFileSync(new URL("./fixtures/metrics.json", import.meta.url), "utf8")) as Fixture;
const matrixOf = (c: Case) => createMatrix(c.rows, c.cols, Float64Array.from(c.data));
const column = (xs: number[]) => fromRows(xs.map((x) => [x]));

describe("daviesBouldin, by hand", () => {
  it("scores clusters on a line", () => {
    // {0, 2} and {10, 12}: centroids 1 and 11, spreads s = 1 and 1, R = (1 + 1)/10 = 0.2 for both.
    expect(daviesBouldin(column([0, 2, 10, 12]), [0, 0, 1, 1])).toBeCloseTo(0.2, 15);
    // Adding {30, 34}: centroid 32, s = 2. R_01 = 2/10, R_02 = 3/31, R_12 = 3/21;
    // worst per cluster: 0.2, 0.2, 1/7 → DB = (0.4 + 1/7)/3.
    expect(daviesBouldin(column([0, 2, 10, 12, 30, 34]), ["a", "a", "b", "b", "c", "c"])).toBeCloseTo(
      (0.4 + 1 / 7) / 3,
      15,
    );
  });

  it("scores two clusters with the same centroid as sklearn does", () => {
    // Cluster 0 = (±1, 0), s = 1; cluster 1 = (0, ±2), s = 2; both centroids (0, 0); cluster 2 =
    // (5, 5) ± 0.5 on each axis, s = 0.5. The zero distance between 0 and 1 counts as ∞, so R_01 = 0;
    // ‖(5, 5)‖ = √50: R_0 = 1.5/√50, R_1 = R_2 = 2.5/√50 → DB = 6.5/(3√50) = 0.30641…
    const c = fixture.coincidentCentroids;
    const expected = 6.5 / (3 * Math.sqrt(50));
    expect(daviesBouldin(matrixOf(c), c.labels)).toBeCloseTo(expected, 14);
    expect(Math.abs(c.daviesBouldin - expected)).toBeLessThan(1e-12); // and so does sklearn
  });

  it("is 0 when every cluster is a single point repeated", () => {
    // Every spread is 0 (sklearn's np.allclose(intra_dists, 0) short-cut).
    expect(daviesBouldin(column([0, 0, 5, 5, 9]), [0, 0, 1, 1, 2])).toBe(0);
  });

  it("needs 2 to n − 1 labels, one per row", () => {
    expect(() => daviesBouldin(column([0, 1, 2]), [1, 1, 1])).toThrow(/2 to n − 1/);
    expect(() => daviesBouldin(column([0, 1, 2]), [1, 2, 3])).toThrow(/2 to n − 1/);
    expect(() => daviesBouldin(column([0, 1, 2]), [1, 2])).toThrow(RangeError);
  });
});

describe(`daviesBouldin matches scikit-learn ${fixture.sklearn}`, () => {
  for (const l of fixture.labellings.filter((f) => f.name !== "dbscan-noise-excluded")) {
    it(`${l.name}: davies_bouldin_score within 1e-9`, () => {
      expect(Math.abs(daviesBouldin(matrixOf(l), l.labels) - l.daviesBouldin)).toBeLessThanOrEqual(1e-9);
    });
  }

  it("with noiseLabel −1, equals sklearn on the rows that are not noise", () => {
    const all = fixture.labellings.find((f) => f.name === "dbscan-noise-as-cluster")!;
    const kept = fixture.labellings.find((f) => f.name === "dbscan-noise-excluded")!;
    expect(
      Math.abs(daviesBouldin(matrixOf(all), all.labels, { noiseLabel: -1 }) - kept.daviesBouldin),
    ).toBeLessThanOrEqual(1e-9);
  });
});
