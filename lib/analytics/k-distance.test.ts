// k-distance curve: scikit-learn parity (fixtures from scripts/reference/dbscan.py), its link to
// DBSCAN's core test, sampling, and the knee worked out by hand.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "./adjusted-rand";
import { dbscan } from "./dbscan";
import { findKnee, kDistance } from "./k-distance";
import { createMatrix, fromRows } from "./matrix";
import { createRandom } from "./random";

type Fixture = {
  sklearn: string;
  datasets: {
    name: string;
    rows: number;
    cols: number;
    data: number[];
    runs: { eps: number; minSamples: number; coreSampleIndices: number[] }[];
    kDistances: { k: number; distances: number[] }[];
  }[];
};

const fixture = JSON.parse(readFileSync(new URL("./fixtures/dbscan.json", import.meta.url), "utf8")) as Fixture;

describe("findKnee (Kneedle difference curve)", () => {
  it("finds the bend of a curve by hand", () => {
    // y = 0, 1, …, 8, 100 at x = 0 … 9. Scaled: x_i = i/9, y_i = i/100 for i ≤ 8, so x − y = i(1/9 − 1/100)
    // grows to 8 · 0.1011 = 0.809 at i = 8 and drops to 0 at i = 9: knee at index 8.
    expect(findKnee([0, 1, 2, 3, 4, 5, 6, 7, 8, 100])).toBe(8);
    // y = 1, 1, 1, 2, 6, 10 at x = 0 … 5; scaled y = 0, 0, 0, 1/9, 5/9, 1; x − y = 0, 0.2, 0.4, 0.489, 0.244, 0.
    expect(findKnee([1, 1, 1, 2, 6, 10])).toBe(3);
  });

  it("reports no knee when there is no bend below the chord", () => {
    expect(findKnee([3, 3, 3, 3])).toBeNull(); // flat
    expect(findKnee([0, 1, 2, 3, 4])).toBeNull(); // the chord itself
    expect(findKnee([0, 5, 7, 8])).toBeNull(); // concave: x − y = −0.29, −0.21 inside
    expect(findKnee([1, 2])).toBeNull();
    expect(() => findKnee([1, 3, 2])).toThrow(RangeError);
  });
});

describe(`kDistance matches scikit-learn ${fixture.sklearn}`, () => {
  for (const dataset of fixture.datasets) {
    const m = createMatrix(dataset.rows, dataset.cols, Float64Array.from(dataset.data));
    for (const { k, distances } of dataset.kDistances) {
      it(`${dataset.name}, k = ${k}: NearestNeighbors(k).kneighbors(X)[0][:, k − 1], sorted`, () => {
        const curve = kDistance(m, { k, sampleSize: dataset.rows });
        expect(curve.distances.length).toBe(distances.length);
        curve.distances.forEach((d, i) => expect(Math.abs(d - distances[i]!)).toBeLessThanOrEqual(1e-12));
      });
    }

    it(`${dataset.name}: a row is a DBSCAN core sample iff its minSamples-distance ≤ eps`, () => {
      // Ties this file's convention (the row itself is its first neighbour) to sklearn's core_sample_indices_.
      for (const run of dataset.runs) {
        const curve = kDistance(m, { k: run.minSamples, sampleSize: dataset.rows });
        const core = Array.from(curve.rows)
          .filter((_, i) => curve.distances[i]! <= run.eps)
          .sort((a, b) => a - b);
        expect(core).toEqual(run.coreSampleIndices);
      }
    });
  }
});

describe("kDistance on a sample", () => {
  // Three Gaussian blobs (σ = 0.3, centres 4 apart) of 5,700 rows and 300 uniform noise rows.
  const random = createRandom(21);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const n = 6000;
  const m = createMatrix(n, 2);
  const truth = new Int32Array(n);
  const centres = [
    [0, 0],
    [4, 0],
    [2, 4],
  ];
  for (let i = 0; i < n; i++) {
    const c = i < 5700 ? i % 3 : -1;
    truth[i] = c;
    m.data[i * 2] = c >= 0 ? centres[c]![0]! + 0.3 * gauss() : -3 + 10 * random.next();
    m.data[i * 2 + 1] = c >= 0 ? centres[c]![1]! + 0.3 * gauss() : -3 + 10 * random.next();
  }

  it("samples rows without replacement, repeatably, with exact k-distances", () => {
    const full = kDistance(m, { k: 6, sampleSize: n });
    const byRow = new Float64Array(n);
    full.rows.forEach((row, i) => (byRow[row] = full.distances[i]!));
    const a = kDistance(m, { k: 6, sampleSize: 500, seed: 3 });
    const b = kDistance(m, { k: 6, sampleSize: 500, seed: 3 });
    const c = kDistance(m, { k: 6, sampleSize: 500, seed: 4 });
    expect(new Set(a.rows).size).toBe(500);
    expect(Array.from(b.rows)).toEqual(Array.from(a.rows));
    expect(Array.from(c.rows)).not.toEqual(Array.from(a.rows));
    a.rows.forEach((row, i) => expect(a.distances[i]).toBe(byRow[row]));
    for (let i = 1; i < 500; i++) expect(a.distances[i]!).toBeGreaterThanOrEqual(a.distances[i - 1]!);
  });

  it("suggests an eps at which DBSCAN recovers the three blobs", () => {
    const { knee } = kDistance(m, { k: 6, sampleSize: 2000, seed: 1 });
    expect(knee).not.toBeNull();
    // Within-blob 6-NN distances are ~0.1; the blobs are ~4 apart: a useful eps lies between.
    expect(knee!.eps).toBeGreaterThan(0.05);
    expect(knee!.eps).toBeLessThan(1);
    const { labels, clusterCount } = dbscan(m, { eps: knee!.eps, minSamples: 6 });
    expect(clusterCount).toBe(3);
    const inBlobs = Array.from({ length: 5700 }, (_, i) => i);
    expect(
      adjustedRandIndex(
        inBlobs.map((i) => truth[i]!),
        inBlobs.map((i) => labels[i]!),
      ),
    ).toBeGreaterThan(0.95);
  });

  it("rejects k larger than n and bad sample sizes", () => {
    const small = fromRows([[0], [1], [2]]);
    expect(() => kDistance(small, { k: 4 })).toThrow(RangeError);
    expect(() => kDistance(small, { k: 2, sampleSize: 0 })).toThrow(RangeError);
    // 3rd-nearest distances, each row its own first neighbour: row 0 → 2, row 1 → 1, row 2 → 2.
    expect(Array.from(kDistance(small, { k: 3 }).distances)).toEqual([1, 2, 2]);
  });
});
