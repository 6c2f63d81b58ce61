// DBSCAN: hand-worked cases, scikit-learn parity (fixtures from scripts/reference/dbscan.py), and a
// brute-force transcription of sklearn's algorithm as an oracle for the k-d tree on larger inputs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildKdTree, dbscan } from "./dbscan";
import { createMatrix, fromRows, type Matrix } from "./matrix";
import { createRandom } from "./random";

type DbscanFixture = {
  sklearn: string;
  datasets: {
    name: string;
    rows: number;
    cols: number;
    data: number[];
    runs: {
      eps: number;
      minSamples: number;
      labels: number[];
      coreSampleIndices: number[];
      clusterCount: number;
      noiseCount: number;
      contestedBorders: number;
    }[];
  }[];
};

const fixture = JSON.parse(readFileSync(new URL("./fixtures/dbscan.json", import.meta.url), "utf8")) as DbscanFixture;

const column = (xs: number[]) => fromRows(xs.map((x) => [x]));

/**
 * sklearn.cluster.DBSCAN transcribed literally: every neighbourhood by brute force (d² ≤ eps², the point
 * itself included), core = |N| ≥ minSamples, then `_dbscan_inner`'s depth-first expansion.
 */
function bruteForceDbscan(m: Matrix, eps: number, minSamples: number): Int32Array {
  const n = m.rows;
  const neighbourhoods: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let d2 = 0;
      for (let c = 0; c < m.cols; c++) d2 += (m.data[i * m.cols + c]! - m.data[j * m.cols + c]!) ** 2;
      if (d2 <= eps * eps) row.push(j);
    }
    neighbourhoods.push(row);
  }
  const isCore = neighbourhoods.map((nb) => nb.length >= minSamples);
  const labels = new Int32Array(n).fill(-1);
  let labelNum = 0;
  for (let start = 0; start < n; start++) {
    if (labels[start] !== -1 || !isCore[start]) continue;
    const stack: number[] = [];
    let i = start;
    for (;;) {
      if (labels[i] === -1) {
        labels[i] = labelNum;
        if (isCore[i]) for (const v of neighbourhoods[i]!) if (labels[v] === -1) stack.push(v);
      }
      if (stack.length === 0) break;
      i = stack.pop()!;
    }
    labelNum++;
  }
  return labels;
}

describe("dbscan, hand-worked", () => {
  it("gives a border point to the cluster expanded first, not to its nearest or lowest-index core neighbour", () => {
    // Cluster A = {0, 0.1, 0.2, 0.3}, cluster B = {2.1, 2.2, 2.3, 2.4}, b = 1.2 between them; eps = 0.95,
    // minSamples = 4. Every A and B point has ≥ 4 points within 0.95 (itself included), so is core; b
    // reaches only 0.3 (0.9 away), 2.1 (0.9 away) and itself: 3 < 4, a border point of both clusters.
    // Row 0 is 2.2, so sklearn's scan expands B first (label 0) and B's expansion claims b. b's nearest
    // core neighbour (0.3, at 0.8999999999999999 vs 0.9000000000000001) and its lowest-index core
    // neighbour (row 1) are both in A, so either of those rules would give label 1.
    // sklearn 1.2.1: DBSCAN(eps=0.95, min_samples=4) → labels [0 1 0 0 1 1 0 1 0], cores [0 1 3 4 5 6 7 8].
    const result = dbscan(column([2.2, 0.3, 1.2, 2.1, 0, 0.1, 2.3, 0.2, 2.4]), { eps: 0.95, minSamples: 4 });
    expect(Array.from(result.labels)).toEqual([0, 1, 0, 0, 1, 1, 0, 1, 0]);
    expect(Array.from(result.coreSampleIndices)).toEqual([0, 1, 3, 4, 5, 6, 7, 8]);
    expect(result.clusterCount).toBe(2);
    expect(result.noiseCount).toBe(0);
  });

  it("counts the point itself and includes neighbours at exactly eps", () => {
    // 0 and 1 are exactly eps = 1 apart: each has 2 points within eps (itself and the other), so with
    // minSamples = 2 both are core; 5 and 9 have only themselves and are noise.
    const result = dbscan(column([0, 5, 1, 9]), { eps: 1, minSamples: 2 });
    expect(Array.from(result.labels)).toEqual([0, -1, 0, -1]);
    // minSamples = 1: every point is core; clusters numbered by first row: {0, 1} → 0, {5} → 1, {9} → 2
    // (sklearn 1.2.1 gives [0 1 0 2]).
    expect(Array.from(dbscan(column([0, 5, 1, 9]), { eps: 1, minSamples: 1 }).labels)).toEqual([0, 1, 0, 2]);
  });

  it("handles empty input and rejects invalid options", () => {
    const empty = dbscan(createMatrix(0, 2));
    expect(empty.labels.length).toBe(0);
    expect(empty.clusterCount).toBe(0);
    expect(() => dbscan(column([1, 2]), { eps: 0 })).toThrow(RangeError);
    expect(() => dbscan(column([1, 2]), { eps: 1, minSamples: 0 })).toThrow(RangeError);
    expect(() => dbscan(column([1, NaN]), { eps: 1 })).toThrow(/row 1/);
  });
});

describe(`dbscan matches scikit-learn ${fixture.sklearn} exactly`, () => {
  it("has fixtures with border points claimable by two clusters", () => {
    // Without these the parity test below could not tell sklearn's tie rule from another one.
    const contested = fixture.datasets.flatMap((d) => d.runs).reduce((s, r) => s + r.contestedBorders, 0);
    expect(contested).toBeGreaterThan(20);
  });

  for (const dataset of fixture.datasets) {
    const m = createMatrix(dataset.rows, dataset.cols, Float64Array.from(dataset.data));
    for (const run of dataset.runs) {
      it(`${dataset.name}, eps ${run.eps}, minSamples ${run.minSamples}`, () => {
        const result = dbscan(m, { eps: run.eps, minSamples: run.minSamples });
        expect(Array.from(result.labels)).toEqual(run.labels);
        expect(Array.from(result.coreSampleIndices)).toEqual(run.coreSampleIndices);
        expect(result.clusterCount).toBe(run.clusterCount);
        expect(result.noiseCount).toBe(run.noiseCount);
      });
    }
  }
});

describe("dbscan's k-d tree", () => {
  // 1,500 rows in 3-D: three Gaussian blobs, uniform noise, and 200 exact duplicates of other rows,
  // at radii from sparse to one-cluster.
  const random = createRandom(5);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const m = createMatrix(1500, 3);
  for (let i = 0; i < 1300; i++) {
    for (let c = 0; c < 3; c++) {
      m.data[i * 3 + c] = i < 1000 ? (i % 3) * 2.5 + (c === 0 ? 0 : 1) + 0.6 * gauss() : -4 + 12 * random.next();
    }
  }
  for (let i = 1300; i < 1500; i++) m.data.copyWithin(i * 3, random.int(1300) * 3, random.int(1300) * 3 + 3);

  for (const [eps, minSamples] of [
    [0.15, 3],
    [0.3, 5],
    [0.5, 12],
    [1.2, 20],
  ] as const) {
    it(`matches a brute-force transcription of sklearn at eps ${eps}, minSamples ${minSamples}`, () => {
      const expected = bruteForceDbscan(m, eps, minSamples);
      expect(Array.from(dbscan(m, { eps, minSamples }).labels)).toEqual(Array.from(expected));
      // Leaf size changes the tree, never the answer.
      expect(Array.from(dbscan(m, { eps, minSamples, leafSize: 1 }).labels)).toEqual(Array.from(expected));
      expect(Array.from(dbscan(m, { eps, minSamples, leafSize: 5000 }).labels)).toEqual(Array.from(expected));
    });
  }

  it("keeps every row once, in bounding boxes that contain it", () => {
    const tree = buildKdTree(m, 8);
    expect(Array.from(tree.index).sort((a, b) => a - b)).toEqual(Array.from({ length: 1500 }, (_, i) => i));
    let misplaced = 0;
    for (let node = 0; node < tree.nodeCount; node++) {
      for (let p = tree.nodeStart[node]!; p < tree.nodeEnd[node]!; p++) {
        for (let c = 0; c < 3; c++) {
          const v = m.data[tree.index[p]! * 3 + c]!;
          if (tree.points[p * 3 + c] !== v || v < tree.lower[node * 3 + c]! || v > tree.upper[node * 3 + c]!) {
            misplaced++;
          }
        }
      }
    }
    expect(misplaced).toBe(0);
    // Leaves hold between leafSize and 2 · leafSize rows, as in sklearn's KDTree.
    for (let leaf = tree.firstLeaf; leaf < tree.nodeCount; leaf++) {
      const size = tree.nodeEnd[leaf]! - tree.nodeStart[leaf]!;
      expect(size >= 8 && size <= 16).toBe(true);
    }
  });
});
