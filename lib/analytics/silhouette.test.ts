// Silhouette: values worked out by hand, scikit-learn parity (fixtures from scripts/reference/metrics.py),
// noise exclusion and sampling.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMatrix, fromRows, type Matrix } from "./matrix";
import { createRandom } from "./random";
import { silhouette } from "./silhouette";

type Labelling = {
  name: string;
  rows: number;
  cols: number;
  data: number[];
  labels: number[];
  silhouetteSamples: number[];
  silhouetteScore: number;
  rowsKept?: number[];
};
type Fixture = { sklearn: string; labellings: Labelling[] };

const fixture = JSON.parse(readFileSync(new URL("./fixtures/metrics.json", import.meta.url), "utf8")) as Fixture;
const byName = (name: string) => fixture.labellings.find((l) => l.name === name)!;
const matrixOf = (l: Labelling) => createMatrix(l.rows, l.cols, Float64Array.from(l.data));
const column = (xs: number[]) => fromRows(xs.map((x) => [x]));

describe("silhouette, by hand", () => {
  it("scores four points on a line", () => {
    // Points 0, 1 (cluster A) and 4, 6 (cluster B).
    //   0: a = 1, b = (4 + 6)/2 = 5   → (5 − 1)/5     = 0.8
    //   1: a = 1, b = (3 + 5)/2 = 4   → (4 − 1)/4     = 0.75
    //   4: a = 2, b = (4 + 3)/2 = 3.5 → (3.5 − 2)/3.5 = 3/7
    //   6: a = 2, b = (6 + 5)/2 = 5.5 → (5.5 − 2)/5.5 = 7/11
    const { values, score, rows } = silhouette(column([0, 1, 4, 6]), [0, 0, 1, 1]);
    const expected = [0.8, 0.75, 3 / 7, 7 / 11];
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 15));
    expect(score).toBeCloseTo((0.8 + 0.75 + 3 / 7 + 7 / 11) / 4, 15);
    expect(Array.from(rows)).toEqual([0, 1, 2, 3]);
  });

  it("gives a one-row cluster 0 and accepts string labels", () => {
    // Adding 20 as its own cluster: its value is 0 (sklearn's nan_to_num of 0/0); the others keep their
    // b, since every other cluster is nearer than 20: 0.8, 0.75, 3/7, 7/11 as above.
    const { values } = silhouette(column([0, 1, 4, 6, 20]), ["a", "a", "b", "b", "solo"]);
    const expected = [0.8, 0.75, 3 / 7, 7 / 11, 0];
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 15));
  });

  it("needs 2 to n − 1 labels, one per row", () => {
    expect(() => silhouette(column([0, 1, 2]), [1, 1, 1])).toThrow(/2 to n − 1/);
    expect(() => silhouette(column([0, 1, 2]), [1, 2, 3])).toThrow(/2 to n − 1/);
    expect(() => silhouette(column([0, 1, 2]), [1, 2])).toThrow(RangeError);
  });
});

describe(`silhouette matches scikit-learn ${fixture.sklearn}`, () => {
  for (const l of fixture.labellings.filter((f) => f.name !== "dbscan-noise-excluded")) {
    it(`${l.name}: silhouette_samples within 1e-9, silhouette_score within 1e-9`, () => {
      const { values, score } = silhouette(matrixOf(l), l.labels);
      expect(values.length).toBe(l.rows);
      values.forEach((v, i) => expect(Math.abs(v - l.silhouetteSamples[i]!)).toBeLessThanOrEqual(1e-9));
      expect(Math.abs(score - l.silhouetteScore)).toBeLessThanOrEqual(1e-9);
    });
  }

  it("with noiseLabel −1, equals sklearn on the rows that are not noise", () => {
    const all = byName("dbscan-noise-as-cluster");
    const kept = byName("dbscan-noise-excluded");
    const { values, score, rows } = silhouette(matrixOf(all), all.labels, { noiseLabel: -1 });
    expect(Array.from(rows)).toEqual(kept.rowsKept);
    values.forEach((v, i) => expect(Math.abs(v - kept.silhouetteSamples[i]!)).toBeLessThanOrEqual(1e-9));
    expect(Math.abs(score - kept.silhouetteScore)).toBeLessThanOrEqual(1e-9);
  });
});

describe("silhouette on a sample", () => {
  // 4,000 rows in 3-D: four Gaussian blobs with overlap, so silhouettes spread over (−1, 1).
  const random = createRandom(9);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const n = 4000;
  const m = createMatrix(n, 3);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 4;
    for (let c = 0; c < 3; c++) m.data[i * 3 + c] = (c === (i % 4) % 3 ? 2 : 0) + (i % 4 === 3 ? 1 : 0) + gauss();
  }
  const subset = (rows: Int32Array): Matrix => {
    const s = createMatrix(rows.length, 3);
    rows.forEach((r, i) => s.data.set(m.data.subarray(r * 3, r * 3 + 3), i * 3));
    return s;
  };

  it("scores the sampled rows among themselves, like sklearn's sample_size", () => {
    const sampled = silhouette(m, labels, { sampleSize: 600, seed: 2 });
    expect(sampled.rows.length).toBe(600);
    expect(new Set(sampled.rows).size).toBe(600);
    for (let i = 1; i < 600; i++) expect(sampled.rows[i]!).toBeGreaterThan(sampled.rows[i - 1]!);
    const direct = silhouette(
      subset(sampled.rows),
      Array.from(sampled.rows, (r) => labels[r]!),
    );
    expect(Array.from(sampled.values)).toEqual(Array.from(direct.values));
    expect(Array.from(silhouette(m, labels, { sampleSize: 600, seed: 2 }).rows)).toEqual(Array.from(sampled.rows));
    expect(Array.from(silhouette(m, labels, { sampleSize: 600, seed: 3 }).rows)).not.toEqual(Array.from(sampled.rows));
  });

  it("estimates the full score within sampling error", () => {
    const full = silhouette(m, labels).score;
    // Per-row silhouettes here have a standard deviation of 0.23, so a 1,000-row mean has a standard
    // error of about 0.007: ±0.03 is about 4 standard errors.
    for (const seed of [1, 2, 3]) {
      expect(Math.abs(silhouette(m, labels, { sampleSize: 1000, seed }).score - full)).toBeLessThan(0.03);
    }
  });
});
