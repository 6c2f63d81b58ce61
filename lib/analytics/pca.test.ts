import { describe, expect, it } from "vitest";
import fixture from "./fixtures/pca.json";
import type { Matrix } from "./matrix";
import { fromRows, toRows } from "./matrix";
import { inverseTransformPca, pca, scatterMatrix, transformPca } from "./pca";
import type { PcaModel } from "./pca";

/** numpy.allclose-style check, |a − b| ≤ atol + rtol·|b| per entry, reporting the first failing entry. */
function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol = 0,
  label = "",
): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const b = expected[i]!;
    if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) expect(a, `${label} entry ${i}`).toBe(b);
  }
}

/** +1 or −1: the sign that best aligns `a` with `b` (PCA components are defined up to sign). */
function alignment(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, ai, i) => s + ai * b[i]!, 0) < 0 ? -1 : 1;
}

/** Compares the first `count` components up to sign, and the score columns with the same signs. */
function expectSameComponents(
  model: PcaModel,
  expected: readonly (readonly number[])[],
  count: number,
  atol: number,
): number[] {
  const signs: number[] = [];
  for (let j = 0; j < count; j++) {
    const got = model.components[j]!;
    const want = expected[j]!;
    const sign = alignment(got, want);
    signs.push(sign);
    expectAllClose(
      got.map((v) => sign * v),
      want,
      0,
      atol,
      `component ${j}`,
    );
  }
  return signs;
}

function expectScoresUpToSign(scores: Matrix, expected: readonly (readonly number[])[], signs: number[], rtol: number) {
  const flipped = toRows(scores).map((r) => r.map((v, j) => v * signs[j]!));
  // Scores near zero carry the absolute error of the larger ones: atol relative to the column's scale.
  const scale = Math.max(...expected.flat().map(Math.abs));
  expectAllClose(flipped.flat(), expected.flat(), rtol, rtol * scale, "scores");
}

describe("pca, by hand", () => {
  it("finds the line through points (t, 2t) with all the variance on it", () => {
    // t = 0, 1, 2, 3, 9: mean t 3, centred −3, −2, −1, 0, 6, Σt² = 50. The scatter matrix is 50·[1 2; 2 4],
    // eigenvalue 250 along (1, 2)/√5, 0 across it; explained variance 250 / (n − 1) = 62.5.
    const x = fromRows([0, 1, 2, 3, 9].map((t) => [t, 2 * t]));
    const model = pca(x);
    expect(model.nComponents).toBe(2);
    expect(model.mean).toEqual([3, 6]);
    expectAllClose(model.explainedVariance, [62.5, 0], 1e-14, 1e-12);
    expectAllClose(model.singularValues, [Math.sqrt(250), 0], 1e-14, 1e-6);
    expectAllClose(model.explainedVarianceRatio, [1, 0], 1e-14, 1e-14);
    // The largest |score| is row 4 (t − 3 = 6, positive), so svd_flip keeps (1, 2)/√5 positive.
    expectAllClose(model.components[0]!, [1 / Math.sqrt(5), 2 / Math.sqrt(5)], 1e-14);
    expectAllClose(
      toRows(transformPca(x, model)).map((r) => r[0]!),
      [-3, -2, -1, 0, 6].map((t) => t * Math.sqrt(5)),
      1e-14,
      1e-14,
    );
    // Rank-1 data: one component reconstructs it exactly.
    const one = pca(x, { nComponents: 1 });
    expectAllClose(inverseTransformPca(transformPca(x, one), one).data, x.data, 1e-14, 1e-14);
  });

  it("breaks ties in |u| on the first row, like np.argmax in svd_flip", () => {
    // Scatter diag(8, 2): components e1, e2 with variances 8/3 and 2/3. Scores on e1 are 2, −2, 0, 0: the
    // tie between rows 0 and 1 goes to row 0, whose sign decides. The same rows in reverse order flip both
    // signs.
    const rows = [
      [2, 0],
      [-2, 0],
      [0, 1],
      [0, -1],
    ];
    const model = pca(fromRows(rows));
    expect(model.components).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(model.explainedVariance).toEqual([8 / 3, 2 / 3]);
    expectAllClose(model.explainedVarianceRatio, [0.8, 0.2], 1e-15);
    const reversed = pca(fromRows([...rows].reverse()));
    // (+ 0 turns the −0 that negating a 0 loading leaves into 0.)
    expect(reversed.components.map((c) => c.map((v) => v + 0))).toEqual([
      [-1, 0],
      [0, -1],
    ]);
  });

  it("gives a constant column's axis a positive loading, since every score on it is exactly 0", () => {
    // Column 1 is 0.1 throughout (its computed mean is exactly 0.1): a zero-variance component along e2 with
    // scores all 0, where svd_flip has no |u| entry to go by and this implementation's fallback applies.
    const model = pca(
      fromRows([
        [3, 0.1, 7],
        [1, 0.1, 2],
        [8, 0.1, 1],
        [2, 0.1, 9],
        [5, 0.1, 5],
      ]),
    );
    expect(model.explainedVariance[2]).toBe(0);
    expect(model.components[2]!.map((v) => v + 0)).toEqual([0, 1, 0]);
  });

  it("computes the scatter matrix of chosen columns", () => {
    // Columns 0 and 2 of [1 0 2; 3 0 6]: centred (−1, −2) and (1, 2); Σ = [2 4; 4 8].
    const x = fromRows([
      [1, 0, 2],
      [3, 0, 6],
    ]);
    expect(Array.from(scatterMatrix(x, [2, 0, 4], [0, 2]))).toEqual([2, 4, 4, 8]);
  });
});

describe("pca, against scikit-learn (fixture)", () => {
  it("matches a full PCA of 200 × 6 correlated features: variances, components, scores and signs", () => {
    const ref = fixture.full;
    const x = fromRows(ref.x);
    const model = pca(x);
    expect(model.nComponents).toBe(ref.nComponents);
    expectAllClose(model.mean, ref.mean, 1e-12, 1e-13);
    expectAllClose(model.explainedVariance, ref.explainedVariance, 1e-9);
    expectAllClose(model.explainedVarianceRatio, ref.explainedVarianceRatio, 1e-9);
    expectAllClose(model.singularValues, ref.singularValues, 1e-9);
    const signs = expectSameComponents(model, ref.components, ref.nComponents, 1e-8);
    // svd_flip makes the signs deterministic; where the winning |u| entry leads clearly, they must agree.
    ref.signMargin.forEach((margin, j) => {
      if (margin > 1e-6) expect(signs[j], `sign of component ${j}`).toBe(1);
    });
    expectScoresUpToSign(transformPca(x, model), ref.transformed, signs, 1e-8);
    expectScoresUpToSign(transformPca(fromRows(ref.xNew), model), ref.transformedNew, signs, 1e-8);
  });

  it("matches a 2-component PCA of unscaled features spanning five orders of magnitude, and its reconstruction", () => {
    const ref = fixture.truncated;
    const x = fromRows(ref.x);
    const model = pca(x, { nComponents: 2 });
    expect(model.nComponents).toBe(2);
    expectAllClose(model.explainedVariance, ref.explainedVariance, 1e-9);
    expectAllClose(model.explainedVarianceRatio, ref.explainedVarianceRatio, 1e-9);
    expectAllClose(model.singularValues, ref.singularValues, 1e-9);
    const signs = expectSameComponents(model, ref.components, 2, 1e-8);
    ref.signMargin.forEach((margin, j) => {
      if (margin > 1e-6) expect(signs[j], `sign of component ${j}`).toBe(1);
    });
    const scores = transformPca(x, model);
    expectScoresUpToSign(scores, ref.transformed, signs, 1e-8);
    const scale = Math.max(...ref.reconstructed.flat().map(Math.abs));
    expectAllClose(inverseTransformPca(scores, model).data, ref.reconstructed.flat(), 1e-8, 1e-10 * scale);
  });

  it("picks the number of components for a variance fraction like scikit-learn", () => {
    const x = fromRows(fixture.full.x);
    for (const { fraction, nComponents } of fixture.byFraction) {
      expect(pca(x, { nComponents: fraction }).nComponents, `fraction ${fraction}`).toBe(nComponents);
    }
  });

  it("returns min(n, d) components when there are fewer rows than features (5 × 8)", () => {
    const ref = fixture.wide;
    const model = pca(fromRows(ref.x));
    expect(model.nComponents).toBe(5);
    // The fifth variance is round-off (~1e-31 in scikit-learn, ~1e-14 here): compare it on the scale of the first.
    expectAllClose(model.explainedVariance, ref.explainedVariance, 1e-9, 1e-12 * ref.explainedVariance[0]!);
    expectSameComponents(model, ref.components, 4, 1e-8);
  });
});

describe("pca, invalid input", () => {
  it("throws a RangeError with a plain message", () => {
    const x = fromRows([
      [1, 2],
      [3, 5],
      [4, 4],
    ]);
    expect(() => pca(fromRows([[1, 2]]))).toThrow("PCA needs at least 2 rows, got 1");
    expect(() => pca(fromRows([[1], [NaN]]))).toThrow(/row 1, column 0/);
    expect(() => pca(fromRows([[1], [1]]))).toThrow(/no variance/);
    for (const nComponents of [0, 3, 1.5, -0.5, NaN]) {
      expect(() => pca(x, { nComponents }), String(nComponents)).toThrow(RangeError);
    }
    const model = pca(x);
    expect(() => transformPca(fromRows([[1, 2, 3]]), model)).toThrow(RangeError);
    expect(() => inverseTransformPca(fromRows([[1, 2, 3]]), model)).toThrow(RangeError);
  });
});
