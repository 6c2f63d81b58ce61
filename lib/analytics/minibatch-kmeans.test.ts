import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/kmeans.json";
import { assignToCenters, kmeans } from "./kmeans";
import { createMatrix, fromRows, type Matrix } from "./matrix";
import { miniBatchKMeans } from "./minibatch-kmeans";
import { createRandom } from "./random";

// Reference values: lib/analytics/fixtures/kmeans.json, written by scripts/reference/kmeans.py
// (scikit-learn 1.2.1, fixed seeds). Regenerate with `/usr/bin/python3 scripts/reference/kmeans.py`.

const datasets = fixtures.datasets as Record<string, { rows: number; cols: number; data: number[] }>;

function dataset(name: string): Matrix {
  const d = datasets[name];
  if (!d) throw new Error(`no dataset ${name} in the fixture`);
  return createMatrix(d.rows, d.cols, Float64Array.from(d.data));
}

/** Gaussian blobs with per-cluster spreads, `perCluster` points each (seeded). */
function blobs(centres: number[][], sds: number[], perCluster: number, seed: number): Matrix {
  const random = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const rows: number[][] = [];
  centres.forEach((c, j) => {
    for (let i = 0; i < perCluster; i++) rows.push(c.map((v) => v + sds[j]! * normal()));
  });
  return fromRows(rows);
}

describe("miniBatchKMeans: hand-computed cases", () => {
  it("groups of identical points: the first batch that reaches a centre moves it onto its group", () => {
    // A centre's learning rate is (points in this batch) / (all points it has had); its count starts
    // at 0, so the first update puts it on the mean of its batch points, here exactly 0 or 10, and no
    // later update moves it.
    const x = fromRows([[0], [0], [0], [10], [10], [10]]);
    for (const seed of [0, 1, 2]) {
      const r = miniBatchKMeans(x, { k: 2, init: fromRows([[1], [9]]), batchSize: 4, seed });
      expect(Array.from(r.centers.data)).toEqual([0, 10]);
      expect(Array.from(r.labels)).toEqual([0, 0, 0, 1, 1, 1]);
      expect(r.inertia).toBe(0);
    }
  });

  it("without reassignment a centre that never wins a point stays where it started", () => {
    // Centre 100 is never the closest; centre 9 takes both the 10s and the 20s, so it ends near 15
    // and the inertia is 3·(5 + e)² + 3·(5 − e)² = 150 + 6e² for its offset e from 15.
    const x = fromRows([[0], [0], [0], [10], [10], [10], [20], [20], [20]]);
    const r = miniBatchKMeans(x, { k: 3, init: fromRows([[1], [9], [100]]), reassignmentRatio: 0, seed: 4 });
    expect(r.centers.data[2]).toBe(100);
    expect(r.inertia).toBeGreaterThanOrEqual(150);
    expect(r.inertia).toBeLessThan(165);
  });

  it("with reassignment (the default) the idle centre is moved onto the data", () => {
    // Its count is 0 < 0.01 × the largest, so at a step it is moved onto a batch point; whatever
    // happens next it no longer sits at 100.
    const x = fromRows([[0], [0], [0], [10], [10], [10], [20], [20], [20]]);
    for (const seed of [0, 1, 2, 3]) {
      const r = miniBatchKMeans(x, { k: 3, init: fromRows([[1], [9], [100]]), seed });
      expect(r.centers.data[2]).toBeLessThanOrEqual(20);
      expect(r.centers.data[2]).toBeGreaterThanOrEqual(0);
    }
  });

  it("a tol that any change satisfies stops at the second step (the first step's inertia is the seeding's)", () => {
    const x = dataset("elbow");
    const r = miniBatchKMeans(x, { k: 5, batchSize: 100, tol: 1e6, seed: 0 });
    expect(r.nSteps).toBe(2);
    expect(r.nIter).toBe(1); // ⌈2·100 / 800⌉
    expect(r.converged).toBe(true);
  });

  it("without early stopping it runs maxIter passes: ⌊maxIter·n / batchSize⌋ steps", () => {
    const x = dataset("elbow"); // 800 rows
    const r = miniBatchKMeans(x, { k: 5, batchSize: 300, maxIter: 3, maxNoImprovement: null, seed: 0 });
    expect(r.nSteps).toBe(8); // ⌊3·800 / 300⌋
    expect(r.nIter).toBe(3); // ⌈8·300 / 800⌉
    expect(r.converged).toBe(false);
  });
});

describe("miniBatchKMeans: quality against full k-means", () => {
  for (const c of fixtures.minibatch) {
    it(`${c.dataset}, k = ${c.k}, batch ${c.batchSize}: within 2 % of scikit-learn's full KMeans`, () => {
      // For scale: sklearn's MiniBatchKMeans(batch_size=100, random_state=0..5) lands 0.1–1 % above its
      // full KMeans on these (once 36 %, anisotropic with random_state=1: a poor seeding).
      const r = miniBatchKMeans(dataset(c.dataset), { k: c.k, batchSize: c.batchSize, seed: 0 });
      expect(r.inertia / c.fullInertia - 1).toBeLessThan(0.02);
      expect(r.inertia / c.fullInertia - 1).toBeGreaterThan(-1e-9);
    });
  }

  it("30 000 rows of blobs with different spreads, default batch 1024: within 2 % of kmeans", () => {
    const x = blobs(
      [
        [0, 0, 0, 0, 0],
        [6, 0, 2, 0, 1],
        [0, 7, 0, 2, 0],
        [5, 5, 5, 5, 5],
        [-5, 3, -2, 0, 1],
      ],
      [0.7, 1.2, 1.8, 1, 2.4],
      6000,
      21,
    );
    const full = kmeans(x, { k: 5, seed: 0 });
    for (const seed of [0, 1, 2]) {
      const r = miniBatchKMeans(x, { k: 5, seed });
      expect(r.inertia / full.inertia - 1).toBeLessThan(0.02);
      expect(r.converged).toBe(true); // early stopping long before 100 passes
      expect(r.nSteps).toBeLessThan(Math.floor((100 * 30_000) / 1024));
    }
  });

  it("returns the labels and inertia of its final centres over the full data, reproducibly", () => {
    const x = dataset("blobs-spreads");
    const r = miniBatchKMeans(x, { k: 4, batchSize: 64, seed: 9 });
    const check = assignToCenters(x, r.centers);
    expect(r.labels).toEqual(check.labels);
    expect(r.inertia).toBeCloseTo(check.inertia, 8);
    const again = miniBatchKMeans(x, { k: 4, batchSize: 64, seed: 9 });
    expect(again.centers.data).toEqual(r.centers.data);
  });
});

describe("miniBatchKMeans: input validation", () => {
  const x = fromRows([[0], [1], [2]]);
  it.each([
    ["k = 0", () => miniBatchKMeans(x, { k: 0 })],
    ["k > rows", () => miniBatchKMeans(x, { k: 4 })],
    ["NaN in the data", () => miniBatchKMeans(fromRows([[0], [NaN]]), { k: 1 })],
    ["batchSize = 0", () => miniBatchKMeans(x, { k: 2, batchSize: 0 })],
    ["maxIter = 0", () => miniBatchKMeans(x, { k: 2, maxIter: 0 })],
    ["nInit = 0", () => miniBatchKMeans(x, { k: 2, nInit: 0 })],
    ["initSize < k", () => miniBatchKMeans(x, { k: 3, initSize: 2 })],
    ["negative maxNoImprovement", () => miniBatchKMeans(x, { k: 2, maxNoImprovement: -1 })],
    ["negative tol", () => miniBatchKMeans(x, { k: 2, tol: -1 })],
    ["negative reassignmentRatio", () => miniBatchKMeans(x, { k: 2, reassignmentRatio: -0.1 })],
    [
      "init with the wrong shape",
      () =>
        miniBatchKMeans(x, {
          k: 2,
          init: fromRows([
            [0, 1],
            [1, 2],
          ]),
        }),
    ],
  ])("%s throws a RangeError", (_, fit) => {
    expect(fit).toThrow(RangeError);
  });
});
