import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/bgnbd.json";
import { cholesky, invertPositiveDefinite, nelderMead, nelderMeadWithRestarts, numericalHessian } from "./optimize";

// Reference values: lib/analytics/fixtures/bgnbd.json ("nelderMead"), from
// scipy.optimize.minimize(f, x0, method="Nelder-Mead") with default options (scipy 1.10), written by
// scripts/reference/bgnbd.py.

const objectives: Record<string, (x: Float64Array) => number> = {
  rosenbrock: (p) => 100 * (p[1]! - p[0]! ** 2) ** 2 + (1 - p[0]!) ** 2,
  quadratic4: (p) => {
    const centre = [1, -2, 0.5, 3];
    let s = 0;
    for (let i = 0; i < 4; i++) s += ((i + 1) * (p[i]! - centre[i]!)) ** 2;
    return s;
  },
};

describe("nelderMead", () => {
  it.each(fixtures.nelderMead)("follows scipy's path on $name", ({ name, x0, x, fun, nit, nfev }) => {
    const r = nelderMead(objectives[name]!, x0);
    // Same algorithm and start, same arithmetic: the same iterations and evaluations, and the same
    // point up to rounding.
    expect(r.iterations).toBe(nit);
    expect(r.evaluations).toBe(nfev);
    for (let i = 0; i < x.length; i++) expect(r.x[i]).toBeCloseTo(x[i]!, 10);
    expect(r.fun).toBeCloseTo(fun, 12);
    expect(r.converged).toBe(true);
  });

  it("reports no convergence when maxIter stops it, and a restart reaches the tight minimum", () => {
    const r = nelderMead(objectives.rosenbrock!, [-1.2, 1], { maxIter: 20 });
    expect(r.iterations).toBe(20);
    expect(r.converged).toBe(false);
    const tight = nelderMeadWithRestarts(objectives.rosenbrock!, Float64Array.from([-1.2, 1]), {
      xatol: 1e-10,
      fatol: 1e-14,
      maxIter: 2000,
    });
    expect(tight.x[0]).toBeCloseTo(1, 7);
    expect(tight.x[1]).toBeCloseTo(1, 7);
  });

  it("treats NaN as +∞ and rejects bad options", () => {
    const r = nelderMead((p) => (p[0]! < 0 ? Number.NaN : (p[0]! - 2) ** 2), [1]);
    expect(r.x[0]).toBeCloseTo(2, 3);
    expect(() => nelderMead(objectives.rosenbrock!, [Number.NaN, 1])).toThrow(
      new RangeError("nelderMead start has a non-finite value at 0: NaN"),
    );
    expect(() => nelderMead(objectives.rosenbrock!, [])).toThrow(
      new RangeError("nelderMead needs at least one parameter"),
    );
    expect(() => nelderMead(objectives.rosenbrock!, [0, 0], { maxIter: 0 })).toThrow(
      new RangeError("maxIter must be a positive integer, got 0"),
    );
  });
});

describe("numericalHessian", () => {
  it("matches the analytic Hessian", () => {
    // f = x²y + e^x + 3y³: f_xx = 2y + e^x, f_xy = 2x, f_yy = 18y. At (0.5, 2): 4 + e^0.5, 1, 36.
    const f = (p: Float64Array) => p[0]! ** 2 * p[1]! + Math.exp(p[0]!) + 3 * p[1]! ** 3;
    const h = numericalHessian(f, [0.5, 2]);
    expect(h[0]).toBeCloseTo(4 + Math.exp(0.5), 6);
    expect(h[1]).toBeCloseTo(1, 6);
    expect(h[2]).toBeCloseTo(1, 6);
    expect(h[3]).toBeCloseTo(36, 5);
  });
});

describe("cholesky and invertPositiveDefinite", () => {
  it("factor and invert a symmetric positive-definite matrix", () => {
    // A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]; A⁻¹ = [[3, −2], [−2, 4]] / 8.
    const a = [4, 2, 2, 3];
    expect(Array.from(cholesky(a, 2)!)).toEqual([2, 0, 1, Math.SQRT2]);
    const inv = invertPositiveDefinite(a, 2)!;
    [3 / 8, -2 / 8, -2 / 8, 4 / 8].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 15));
  });

  it("return null for a matrix that is not positive definite", () => {
    expect(cholesky([1, 2, 2, 1], 2)).toBeNull();
    expect(invertPositiveDefinite([0, 0, 0, 1], 2)).toBeNull();
    expect(() => cholesky([1, 2, 3], 2)).toThrow(new RangeError("cholesky needs 2×2 values, got 3"));
  });
});
