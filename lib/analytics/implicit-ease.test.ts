import { Matrix as MlMatrix, inverse } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { ease, gramMatrix, invertSpd } from "./implicit-ease";
import { createRandom } from "./random";
import { createCsr } from "./sparse";

// u0 {0, 1}, u1 {0, 1, 2}, u2 {1, 2}, u3 {0}.
const X = createCsr(4, 3, [0, 0, 1, 1, 1, 2, 2, 3], [0, 1, 0, 1, 2, 1, 2, 0]);

describe("ease", () => {
  it("matches Steck's closed form on a 3×3 Gram matrix inverted by hand", () => {
    // XᵀX = [[3,2,1],[2,3,2],[1,2,2]]; with λ = 1, G = [[4,2,1],[2,4,2],[1,2,3]], det G = 24 and
    // P = G⁻¹ = adj(G)/24 = [[8,−4,0],[−4,11,−6],[0,−6,12]] / 24. B_ij = −P_ij / P_jj:
    //   B = [[0, 4/11, 0], [1/2, 0, 1/2], [0, 6/11, 0]].
    expect(Array.from(gramMatrix(X))).toEqual([3, 2, 1, 2, 3, 2, 1, 2, 2]);
    const model = ease(X, { lambda: 1 });
    const expected = [0, 4 / 11, 0, 1 / 2, 0, 1 / 2, 0, 6 / 11, 0];
    expected.forEach((v, t) => expect(model.weights[t]).toBeCloseTo(v, 14));
    // The diagonal is exactly 0 (set, not computed).
    for (let i = 0; i < 3; i++) expect(Object.is(model.weights[i * 3 + i], 0)).toBe(true);
    // u3 = {0}: scores are row 0 of B, so item 1 (4/11) is recommended; item 2 scores 0 and follows.
    const r = model.recommend(3);
    expect(Array.from(r.items)).toEqual([1, 2]);
    expect(r.scores[0]).toBeCloseTo(4 / 11, 14);
    // u2 = {1, 2}: scores = row 1 + row 2 = [1/2, 6/11, 1/2]; item 0 is the only unseen one.
    expect(Array.from(model.scoreItems(2))).toEqual([
      expect.closeTo(0.5, 14),
      expect.closeTo(6 / 11, 14),
      expect.closeTo(0.5, 14),
    ]);
  });

  it("invertSpd agrees with ml-matrix's LU inverse on a random SPD matrix", () => {
    const m = 31; // not a multiple of 4: the blocked and the remainder paths both run
    const random = createRandom(3);
    const a = new Float64Array(m * m);
    // A = RᵀR + I with R uniform: symmetric positive definite.
    const r = Array.from({ length: m * m }, () => random.next() - 0.5);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = i === j ? 1 : 0;
        for (let k = 0; k < m; k++) s += r[k * m + i]! * r[k * m + j]!;
        a[i * m + j] = s;
      }
    }
    const reference = inverse(
      new MlMatrix(Array.from({ length: m }, (_, i) => Array.from(a.subarray(i * m, i * m + m)))),
    );
    const p = invertSpd(a.slice(), m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) expect(p[i * m + j]).toBeCloseTo(reference.get(i, j), 9);
  });

  it("rejects bad input", () => {
    expect(() => ease(createCsr(3, 3, [], []))).toThrow(/interaction matrix is empty/);
    expect(() => ease(X, { lambda: 0 })).toThrow(/lambda must be a finite number > 0, got 0/);
    expect(() => ease(X, { maxItems: 2 })).toThrow(/3 items is over maxItems = 2/);
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
    expect(() => ease(X).recommend(9)).toThrow(/user 9 is outside 0..3/);
  });
});
