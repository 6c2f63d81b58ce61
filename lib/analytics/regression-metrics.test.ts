import { describe, expect, it } from "vitest";
import fixtures from "./fixtures/regression.json";
import { mae, r2, rmse, summarizeScores } from "./regression-metrics";

// Reference values: lib/analytics/fixtures/regression.json ("metrics"), written by
// scripts/reference/regression.py with sklearn.metrics 1.2.1 (mean_squared_error(squared=False),
// mean_absolute_error, r2_score).

describe("regression metrics: hand-computed cases", () => {
  // y = 1, 2, 3, 4 and ŷ = 1, 3, 2, 6: errors 0, −1, 1, −2.
  const y = Float64Array.of(1, 2, 3, 4);
  const p = Float64Array.of(1, 3, 2, 6);

  it("rmse", () => {
    // Squared errors 0 + 1 + 1 + 4 = 6, mean 1.5, root √1.5.
    expect(rmse(y, p)).toBeCloseTo(Math.sqrt(1.5), 15);
  });

  it("mae", () => {
    // |errors| 0 + 1 + 1 + 2 = 4, mean 1.
    expect(mae(y, p)).toBe(1);
  });

  it("r2", () => {
    // ȳ = 2.5, Σ(y − ȳ)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, Σ(y − ŷ)² = 6: 1 − 6/5 = −0.2.
    expect(r2(y, p)).toBeCloseTo(-0.2, 15);
    // Predicting the mean gives 0; perfect predictions give 1.
    expect(r2(y, Float64Array.of(2.5, 2.5, 2.5, 2.5))).toBe(0);
    expect(r2(y, y)).toBe(1);
  });

  it("r2 of a constant target follows sklearn's force_finite rule", () => {
    // Σ(y − ȳ)² = 0: 1 when the predictions are exact, 0 otherwise (instead of NaN or −∞).
    expect(r2([3, 3, 3], [3, 3, 3])).toBe(1);
    expect(r2([3, 3, 3], [3, 4, 3])).toBe(0);
  });

  it("plain arrays work as well as typed arrays", () => {
    expect(rmse([0, 0], [3, 4])).toBeCloseTo(Math.sqrt(12.5), 15); // (9 + 16) / 2
  });
});

describe("regression metrics against sklearn", () => {
  it.each(fixtures.metrics.map((m) => [m.name, m] as const))("%s", (_name, m) => {
    const t = Float64Array.from(m.yTrue);
    const p = Float64Array.from(m.yPred);
    expect(rmse(t, p)).toBeCloseTo(m.rmse, 12);
    expect(mae(t, p)).toBeCloseTo(m.mae, 12);
    expect(r2(t, p)).toBeCloseTo(m.r2, 12);
  });
});

describe("summarizeScores", () => {
  it("mean and population std (ddof = 0)", () => {
    // Scores 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32,
    // population variance 32 / 8 = 4, std 2 (the sample std would be √(32/7) ≈ 2.138).
    expect(summarizeScores([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2, n: 8 });
    expect(summarizeScores([0.7])).toEqual({ mean: 0.7, std: 0, n: 1 });
  });
});

describe("bad input", () => {
  it("throws RangeErrors naming the problem", () => {
    expect(() => rmse([1, 2], [1])).toThrow(new RangeError("yTrue has 2 values but yPred has 1"));
    expect(() => mae([], [])).toThrow(new RangeError("need at least 1 value, got 0"));
    expect(() => r2([1], [1])).toThrow(new RangeError("need at least 2 values, got 1"));
    expect(() => r2([1, Number.NaN], [1, 2])).toThrow(new RangeError("yTrue has a non-finite value at index 1"));
    expect(() => mae([1, 2], [1, Infinity])).toThrow(new RangeError("yPred has a non-finite value at index 1"));
    expect(() => summarizeScores([])).toThrow(new RangeError("need at least one score to summarise"));
    expect(() => summarizeScores([1, Number.NaN])).toThrow(new RangeError("score 1 is not finite: NaN"));
  });
});
