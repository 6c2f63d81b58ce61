import { describe, expect, it } from "vitest";
import { decisionTreeClassifier, decisionTreeRegressor } from "./decision-tree";
import { gradientBoostingClassifier } from "./gradient-boosting";
import { fromRows, createMatrix } from "./matrix";
import { createRandom } from "./random";
import {
  boostedContributions,
  internalNodeValues,
  linearContributionsAt,
  treeContributions,
} from "./tree-contributions";

describe("tree contributions", () => {
  it("credits each split of a hand-built tree to its feature", () => {
    // Root (mean 0.5) splits on x0 ≤ 1 into a leaf 0.2 and a node (0.8) splitting on x1 ≤ 5 into 0.6 / 1.0.
    const tree = {
      feature: Int32Array.of(0, -1, 1, -1, -1),
      threshold: Float64Array.of(1, NaN, 5, NaN, NaN),
      left: Int32Array.of(1, -1, 3, -1, -1),
      right: Int32Array.of(2, -1, 4, -1, -1),
      value: Float64Array.of(0.5, 0.2, 0.8, 0.6, 1.0),
      nSamples: Int32Array.of(10, 5, 5, 2, 3),
    };
    const { bias, contributions } = treeContributions(
      tree,
      fromRows([
        [0, 9],
        [3, 9],
        [3, 0],
      ]),
    );
    expect(bias).toBe(0.5);
    // Row 0 goes left at the root: x0 gets 0.2 − 0.5. Row 1: x0 +0.3, x1 +0.2 (0.8 → 1.0). Row 2: x0 +0.3, x1 −0.2.
    const r = Array.from(contributions.data).map((v) => Math.round(v * 1e12) / 1e12);
    expect(r).toEqual([-0.3, 0, 0.3, 0.2, 0.3, -0.2]);
    // Internal values recomputed from the leaves: node 2 = (2·0.6 + 3·1.0)/5 = 0.84, root = (5·0.2 + 5·0.84)/10 = 0.52.
    const v = internalNodeValues(tree);
    expect(v[2]).toBeCloseTo(0.84, 12);
    expect(v[0]).toBeCloseTo(0.52, 12);
  });

  it("adds up to the prediction of fitted CART trees and boosted trees", () => {
    const random = createRandom(5);
    const n = 400;
    const x = createMatrix(n, 4);
    const y = new Uint8Array(n);
    const yr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 4; j++) x.data[i * 4 + j] = random.next() * 10;
      yr[i] = x.data[i * 4]! * 2 - x.data[i * 4 + 1]! + random.next();
      y[i] = yr[i]! > 5 ? 1 : 0;
    }
    const rowSums = (m: { rows: number; cols: number; data: Float64Array }, bias: number) =>
      Array.from({ length: m.rows }, (_, i) =>
        m.data.subarray(i * m.cols, (i + 1) * m.cols).reduce((a, b) => a + b, bias),
      );

    const cart = decisionTreeClassifier(x, y, { maxDepth: 4 });
    const c1 = treeContributions(cart.tree, x);
    const p1 = cart.predictProba(x);
    rowSums(c1.contributions, c1.bias).forEach((s, i) => expect(s).toBeCloseTo(p1[i]!, 12));

    const reg = decisionTreeRegressor(x, yr, { maxDepth: 5 });
    const c2 = treeContributions(reg.tree, x);
    const p2 = reg.predict(x);
    rowSums(c2.contributions, c2.bias).forEach((s, i) => expect(s).toBeCloseTo(p2[i]!, 10));

    const gb = gradientBoostingClassifier(x, y, { maxIter: 30, minSamplesLeaf: 5 });
    const c3 = boostedContributions(gb.baseline, gb.trees, x);
    const raw = gb.predictRaw(x);
    rowSums(c3.contributions, c3.bias).forEach((s, i) => expect(s).toBeCloseTo(raw[i]!, 9));
    // The features the labels depend on carry the contributions; x2 and x3 are noise.
    const meanAbs = (j: number) =>
      Array.from({ length: n }, (_, i) => Math.abs(c3.contributions.data[i * 4 + j]!)).reduce((a, b) => a + b) / n;
    expect(meanAbs(0)).toBeGreaterThan(5 * meanAbs(2));
    expect(meanAbs(1)).toBeGreaterThan(5 * meanAbs(3));
  });

  it("gives linear contributions against a reference point", () => {
    const m = linearContributionsAt([2, -1], fromRows([[3, 4]]), [1, 1]);
    expect(Array.from(m.data)).toEqual([4, -3]);
    expect(() => linearContributionsAt([1], fromRows([[3, 4]]), [0, 0])).toThrow(RangeError);
  });
});
