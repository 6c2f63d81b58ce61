import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/kmeans.json";
import { assignToCenters, kmeans, kmeansPlusPlus, type KMeansAlgorithm } from "./kmeans";
import { createMatrix, fromRows, type Matrix } from "./matrix";
import { createRandom } from "./random";

// Reference values: lib/analytics/fixtures/kmeans.json, written by scripts/reference/kmeans.py
// (scikit-learn 1.2.1, fixed seeds). Regenerate with `/usr/bin/python3 scripts/reference/kmeans.py`.

const ALGORITHMS: KMeansAlgorithm[] = ["hamerly", "lloyd"];
const datasets = fixtures.datasets as Record<string, { rows: number; cols: number; data: number[] }>;

function dataset(name: string): Matrix {
  const d = datasets[name];
  if (!d) throw new Error(`no dataset ${name} in the fixture`);
  return createMatrix(d.rows, d.cols, Float64Array.from(d.data));
}

/** Isotropic Gaussian blobs around the given centres, `perCluster` points each (seeded). */
function blobs(centres: number[][], perCluster: number, sd: number, seed: number): Matrix {
  const random = createRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const rows: number[][] = [];
  for (const c of centres) for (let i = 0; i < perCluster; i++) rows.push(c.map((v) => v + sd * normal()));
  return fromRows(rows);
}

describe("kmeans: hand-computed cases", () => {
  it.each(ALGORITHMS)("1-D points in two obvious groups (%s)", (algorithm) => {
    // {0, 1, 2} and {10, 11, 12} from centres 0 and 12: the first iteration moves the centres to the
    // group means 1 and 11, the second leaves every label as it was (strict convergence).
    const r = kmeans(fromRows([[0], [1], [2], [10], [11], [12]]), { k: 2, init: fromRows([[0], [12]]), algorithm });
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(r.centers.data)).toEqual([1, 11]);
    expect(r.inertia).toBeCloseTo(4, 12); // (1 + 0 + 1) + (1 + 0 + 1)
    expect(r.nIter).toBe(2);
    expect(r.converged).toBe(true);
  });

  it.each(ALGORITHMS)(
    "a loose tol stops after one iteration and relabels against the returned centres (%s)",
    (algorithm) => {
      // Points 0, 2.5, 6, 10 from centres 0 and 4. Iteration 1: labels [0, 1, 1, 1] (2.5 is 1.5 from 4),
      // centres 0 and 18.5/3 = 37/6, squared shift (37/6 − 4)² = 169/36 ≈ 4.69. The mean per-feature
      // variance is 14.171875, so tol 0.5 allows 7.09 and the run stops; the final E-step puts 2.5 with
      // centre 0 (2.5 against 3.67), while the centres stay those of iteration 1.
      const x = fromRows([[0], [2.5], [6], [10]]);
      const r = kmeans(x, { k: 2, init: fromRows([[0], [4]]), tol: 0.5, algorithm });
      expect(r.nIter).toBe(1);
      expect(r.converged).toBe(true);
      expect(Array.from(r.labels)).toEqual([0, 0, 1, 1]);
      expect(r.centers.data[0]).toBe(0);
      expect(r.centers.data[1]).toBeCloseTo(37 / 6, 12);
      expect(r.inertia).toBeCloseTo(6.25 + 1 / 36 + 529 / 36, 10);

      // With the default tol (threshold 0.0014): iteration 2 gives labels [0, 0, 1, 1] and centres
      // 1.25 and 8, iteration 3 keeps the labels: 3 iterations, inertia 2·1.25² + 2·2² = 11.125.
      const full = kmeans(x, { k: 2, init: fromRows([[0], [4]]), algorithm });
      expect(full.nIter).toBe(3);
      expect(Array.from(full.centers.data)).toEqual([1.25, 8]);
      expect(full.inertia).toBeCloseTo(11.125, 12);
    },
  );

  it.each(ALGORITHMS)("an empty cluster takes the point farthest from its centre (%s)", (algorithm) => {
    // Points 0, 1, 2, 3 from centres 0, 1, 100: after the first E-step centre 2 has no points; the
    // point farthest from its own centre is 3 (2 from centre 1), so centre 2 becomes 3 and centre 1
    // the mean of 1 and 2. The second E-step gives labels [0, 1, 1, 2] and leaves the centres where
    // they were (shift 0 ≤ tol), so the run ends after 2 iterations with inertia 0.25 + 0.25.
    const r = kmeans(fromRows([[0], [1], [2], [3]]), { k: 3, init: fromRows([[0], [1], [100]]), algorithm });
    expect(Array.from(r.labels)).toEqual([0, 1, 1, 2]);
    expect(Array.from(r.centers.data)).toEqual([0, 1.5, 3]);
    expect(r.inertia).toBeCloseTo(0.5, 12);
    expect(r.nIter).toBe(2);
  });

  it.each(ALGORITHMS)("a point exactly halfway goes to the lower index, as in Lloyd (%s)", (algorithm) => {
    // Points 0, 2, 3.5, 6.5, 8 from centres 0 and 6: iteration 1 gives {0, 2} and {3.5, 6.5, 8},
    // centres 1 and 6, so 3.5 is 2.5 from both; Lloyd (and sklearn's algorithm="lloyd") gives it to
    // centre 0. Then centres 11/6 and 7.25, labels unchanged at iteration 3. Inertia: {0, 2, 3.5}
    // 16.25 − 3·(11/6)² = 37/6, {6.5, 8} 2·0.75² = 9/8, total 175/24.
    const r = kmeans(fromRows([[0], [2], [3.5], [6.5], [8]]), { k: 2, init: fromRows([[0], [6]]), algorithm });
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 1, 1]);
    expect(r.centers.data[0]).toBeCloseTo(11 / 6, 12);
    expect(r.centers.data[1]).toBe(7.25);
    expect(r.inertia).toBeCloseTo(175 / 24, 12);
    expect(r.nIter).toBe(3);
  });

  it.each(ALGORITHMS)("k = 1 gives the mean and the total sum of squares (%s)", (algorithm) => {
    const r = kmeans(
      fromRows([
        [0, 0],
        [2, 0],
        [0, 4],
        [2, 4],
      ]),
      { k: 1, algorithm },
    );
    expect(Array.from(r.centers.data)).toEqual([1, 2]);
    expect(r.inertia).toBeCloseTo(20, 12); // 4 × (1² + 2²)
    expect(Array.from(r.labels)).toEqual([0, 0, 0, 0]);
  });

  it("k = n distinct points: k-means++ picks every point (a chosen point has probability 0), inertia 0", () => {
    const x = fromRows([
      [0, 0],
      [1, 0],
      [0, 1],
      [5, 5],
      [5, 6],
      [-3, 2],
      [2, -7],
    ]);
    for (const seed of [0, 1, 2, 3]) {
      const r = kmeans(x, { k: 7, seed, nInit: 1 });
      expect(r.inertia).toBe(0);
      expect(new Set(r.labels).size).toBe(7);
    }
  });

  it("assignToCenters labels with the closest centre (lowest index on a tie) and sums squared distances", () => {
    const { labels, inertia } = assignToCenters(fromRows([[0], [4], [5], [9]]), fromRows([[2], [8]]));
    // 5 is 3 from 2 and 3 from 8: the tie goes to centre 0.
    expect(Array.from(labels)).toEqual([0, 0, 0, 1]);
    expect(inertia).toBe(4 + 4 + 9 + 1);
  });
});

describe("kmeans: input validation", () => {
  const x = fromRows([[0], [1], [2]]);
  it.each([
    ["k = 0", () => kmeans(x, { k: 0 })],
    ["k > rows", () => kmeans(x, { k: 4 })],
    ["k not an integer", () => kmeans(x, { k: 1.5 })],
    ["NaN in the data", () => kmeans(fromRows([[0], [NaN], [2]]), { k: 1 })],
    ["Infinity in the data", () => kmeans(fromRows([[0], [Infinity], [2]]), { k: 1 })],
    ["a column whose sum overflows", () => kmeans(fromRows([[1e308], [1e308]]), { k: 1 })],
    ["no rows", () => kmeans(createMatrix(0, 2), { k: 1 })],
    ["no columns", () => kmeans(createMatrix(3, 0), { k: 1 })],
    [
      "init with the wrong shape",
      () =>
        kmeans(x, {
          k: 2,
          init: fromRows([
            [0, 0],
            [1, 1],
          ]),
        }),
    ],
    ["init with the wrong number of centres", () => kmeans(x, { k: 2, init: fromRows([[0]]) })],
    ["non-finite init", () => kmeans(x, { k: 2, init: fromRows([[0], [NaN]]) })],
    ["nInit = 0", () => kmeans(x, { k: 2, nInit: 0 })],
    ["maxIter = 0", () => kmeans(x, { k: 2, maxIter: 0 })],
    ["negative tol", () => kmeans(x, { k: 2, tol: -1 })],
    ["non-finite seed", () => kmeans(x, { k: 2, seed: NaN })],
    ["unknown algorithm", () => kmeans(x, { k: 2, algorithm: "elkan" as KMeansAlgorithm })],
    ["k-means++ with k > rows", () => kmeansPlusPlus(x, 4, createRandom(0))],
    ["k-means++ with 0 trials", () => kmeansPlusPlus(x, 2, createRandom(0), 0)],
    ["centres with the wrong width", () => assignToCenters(x, fromRows([[0, 1]]))],
  ])("%s throws a RangeError", (_, fit) => {
    expect(fit).toThrow(RangeError);
  });

  it("names the position of a non-finite value and leaves the input unchanged", () => {
    expect(() =>
      kmeans(
        fromRows([
          [0, 1],
          [2, Infinity],
        ]),
        { k: 1 },
      ),
    ).toThrow(/row 1, column 1/);
    const data = fromRows([[0], [1], [5], [6]]);
    const copy = Float64Array.from(data.data);
    kmeans(data, { k: 2 });
    expect(data.data).toEqual(copy);
  });
});

describe("kmeans: the same initial centres as scikit-learn's KMeans(init=centres, n_init=1, algorithm='lloyd')", () => {
  for (const c of fixtures.explicit) {
    for (const algorithm of ALGORITHMS) {
      it(`${c.dataset}, k = ${c.k}, ${c.note} (${algorithm})`, () => {
        const x = dataset(c.dataset);
        const r = kmeans(x, { k: c.k, init: fromRows(c.init), tol: c.tol, maxIter: c.maxIter, algorithm });
        expect(Array.from(r.labels)).toEqual(c.labels);
        expect(Math.abs(r.inertia - c.inertia) / c.inertia).toBeLessThan(1e-9);
        expect(r.nIter).toBe(c.nIter);
        const expected = c.centers.flat();
        for (let t = 0; t < expected.length; t++) {
          const e = expected[t]!;
          expect(Math.abs(r.centers.data[t]! - e)).toBeLessThan(1e-9 * Math.max(1, Math.abs(e)));
        }
        // sklearn stops at max_iter without saying whether it converged; the fixture with max_iter 3
        // ends at 3 iterations with labels still changing.
        expect(r.converged).toBe(c.nIter < c.maxIter);
      });
    }
  }
});

describe("kmeans: k-means++ with 10 restarts against scikit-learn's best inertia", () => {
  // The random streams differ (xoshiro128** here, MT19937 in numpy), so only the quality of the best
  // of 10 greedy k-means++ restarts is comparable: within 1 % of sklearn's (random_state=0).
  for (const c of fixtures.plusplus) {
    it(`${c.dataset}, k = ${c.k}`, () => {
      const r = kmeans(dataset(c.dataset), { k: c.k, nInit: 10, seed: 0 });
      expect(Math.abs(r.inertia - c.inertia) / c.inertia).toBeLessThan(0.01);
    });
  }

  it("the elbow curve k = 2..8 decreases like scikit-learn's, with the bend at the 5 generating blobs", () => {
    const x = dataset("elbow");
    const ours = [2, 3, 4, 5, 6, 7, 8].map((k) => kmeans(x, { k, seed: 1 }).inertia);
    for (let t = 1; t < ours.length; t++) expect(ours[t]!).toBeLessThan(ours[t - 1]!);
    // sklearn: 41409 → 23933 → 15216 → 8815 → 8509: big drops up to k = 5, small after.
    expect(ours[3]! / ours[2]!).toBeLessThan(0.7);
    expect(ours[4]! / ours[3]!).toBeGreaterThan(0.9);
  });
});

describe("kmeans: restarts and algorithms", () => {
  const x = blobs(
    [
      [0, 0, 0, 0],
      [4, 0, 1, 0],
      [0, 5, 0, 1],
      [3, 3, 3, 3],
      [-3, 2, -1, 0],
    ],
    600,
    1.6,
    11,
  );

  it("Hamerly's bounds give exactly Lloyd's run: same seeds, labels, centres and iterations", () => {
    for (const [k, seed] of [
      [3, 0],
      [5, 1],
      [7, 2],
      [9, 3],
    ] as const) {
      const a = kmeans(x, { k, seed, nInit: 3, algorithm: "hamerly" });
      const b = kmeans(x, { k, seed, nInit: 3, algorithm: "lloyd" });
      expect(a.labels).toEqual(b.labels);
      expect(a.nIter).toBe(b.nIter);
      expect(Math.abs(a.inertia - b.inertia) / b.inertia).toBeLessThan(1e-12);
      for (let t = 0; t < a.centers.data.length; t++) expect(a.centers.data[t]).toBeCloseTo(b.centers.data[t]!, 9);
    }
  });

  it("the best of 10 restarts is no worse than the first restart alone (same seed, same first seeding)", () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      const one = kmeans(x, { k: 8, seed, nInit: 1 });
      const ten = kmeans(x, { k: 8, seed, nInit: 10 });
      expect(ten.inertia).toBeLessThanOrEqual(one.inertia);
    }
  });

  it("is reproducible from the seed", () => {
    const a = kmeans(x, { k: 6, seed: 42 });
    const b = kmeans(x, { k: 6, seed: 42 });
    expect(a.labels).toEqual(b.labels);
    expect(a.inertia).toBe(b.inertia);
  });

  it("an explicit init runs once: nInit does not change the result", () => {
    const init = fromRows([
      [0, 0, 0, 0],
      [1, 1, 1, 1],
      [2, 2, 2, 2],
    ]);
    const a = kmeans(x, { k: 3, init, nInit: 1 });
    const b = kmeans(x, { k: 3, init, nInit: 10, seed: 5 });
    expect(a.labels).toEqual(b.labels);
    expect(a.inertia).toBe(b.inertia);
  });
});

describe("kmeansPlusPlus: sampling proportional to the squared distance", () => {
  // Points 0, 1, 3 on a line. With one trial per step (Arthur & Vassilvitskii's k-means++) the
  // second centre is drawn with probability D²/ΣD²: after 0, D² = (0, 1, 9) → P(1) = 0.1; after 1,
  // D² = (1, 0, 4) → P(0) = 0.2; after 3, D² = (9, 4, 0) → P(0) = 9/13. The first centre is uniform.
  const x = fromRows([[0], [1], [3]]);
  const draws = 30_000;

  function tally(nLocalTrials: number) {
    const random = createRandom(7);
    const first = [0, 0, 0];
    const second = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (let t = 0; t < draws; t++) {
      const { indices } = kmeansPlusPlus(x, 2, random, nLocalTrials);
      first[indices[0]!]!++;
      second[indices[0]!]![indices[1]!]!++;
    }
    return { first, second };
  }

  /** |observed − p| within 4.5 binomial standard errors. */
  function expectProportion(count: number, of: number, p: number) {
    const se = Math.sqrt((p * (1 - p)) / of);
    expect(Math.abs(count / of - p)).toBeLessThan(4.5 * se + 1e-12);
  }

  it("one trial: the first centre uniform, the second ∝ D²", () => {
    const { first, second } = tally(1);
    for (const f of first) expectProportion(f, draws, 1 / 3);
    expectProportion(second[0]![1]!, first[0]!, 0.1);
    expectProportion(second[1]![0]!, first[1]!, 0.2);
    expectProportion(second[2]![0]!, first[2]!, 9 / 13);
    for (let i = 0; i < 3; i++) expect(second[i]![i]).toBe(0);
  });

  it("greedy (2 + ⌊ln 2⌋ = 2 trials): keeps the candidate that lowers the potential most", () => {
    // After 0: candidate 1 leaves potential 4, candidate 3 leaves 1, so 1 is kept only when both
    // draws are 1: 0.1² = 0.01. After 1: candidate 0 leaves 4, candidate 3 leaves 1, so 0 only when
    // both are 0: 0.2² = 0.04.
    const { second } = tally(2);
    const after0 = second[0]![0]! + second[0]![1]! + second[0]![2]!;
    const after1 = second[1]![0]! + second[1]![1]! + second[1]![2]!;
    expectProportion(second[0]![1]!, after0, 0.01);
    expectProportion(second[1]![0]!, after1, 0.04);
  });

  it("picks one point in each of three far-apart groups", () => {
    const groups = fromRows([[0], [0.001], [0.002], [1000], [1000.001], [2000], [2000.002], [2000.001]]);
    const random = createRandom(3);
    for (let t = 0; t < 200; t++) {
      const { centers } = kmeansPlusPlus(groups, 3, random);
      const group = Array.from(centers.data, (v) => Math.round(v / 1000)).sort();
      expect(group).toEqual([0, 1, 2]);
    }
  });
});
