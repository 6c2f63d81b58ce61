import { describe, expect, it } from "vitest";
import {
  accuracy,
  averagePrecision,
  brierScore,
  calibrationCurve,
  confusionMatrix,
  f1Score,
  LOG_LOSS_EPS,
  logLoss,
  precision,
  precisionRecallCurve,
  recall,
  rocAuc,
  rocCurve,
} from "./classification-metrics";
import fixtures from "./fixtures/classification.json";

// Reference values: lib/analytics/fixtures/classification.json ("metrics"), written by
// scripts/reference/classification.py with sklearn.metrics 1.2.1 on score vectors with ties, exact 0
// and 1 probabilities and rare positives. Regenerate with `/usr/bin/python3 scripts/reference/classification.py`.

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 12) => {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i]!, digits);
};

describe.each(fixtures.metrics.map((c) => [c.name, c] as const))("against sklearn.metrics: %s", (_, c) => {
  const y = Uint8Array.from(c.y);
  const p = Float64Array.from(c.prob);

  it("roc_auc_score, average_precision_score", () => {
    expect(rocAuc(y, p)).toBeCloseTo(c.rocAuc, 13);
    expect(averagePrecision(y, p)).toBeCloseTo(c.averagePrecision, 13);
  });

  it("roc_curve (drop_intermediate=True); the first threshold is +∞ where sklearn 1.2 has max + 1", () => {
    const r = rocCurve(y, p);
    close(r.fpr, c.roc.fpr, 14);
    close(r.tpr, c.roc.tpr, 14);
    expect(r.thresholds[0]).toBe(Infinity);
    expect(c.roc.thresholds[0]).toBe(c.roc.thresholds[1]! + 1);
    expect(r.thresholds.slice(1)).toEqual(c.roc.thresholds.slice(1));
  });

  it("precision_recall_curve", () => {
    const r = precisionRecallCurve(y, p);
    close(r.precision, c.pr.precision, 14);
    close(r.recall, c.pr.recall, 14);
    expect(r.thresholds).toEqual(c.pr.thresholds);
  });

  it.each(c.atThreshold.map((t) => [t.threshold, t] as const))("confusion matrix and ratios at %s", (threshold, t) => {
    const [tn, fp, fn, tp] = t.confusion;
    expect(confusionMatrix(y, p, threshold)).toEqual({ tn, fp, fn, tp });
    expect(accuracy(y, p, threshold)).toBeCloseTo(t.accuracy, 14);
    expect(precision(y, p, threshold)).toBeCloseTo(t.precision, 14);
    expect(recall(y, p, threshold)).toBeCloseTo(t.recall, 14);
    expect(f1Score(y, p, threshold)).toBeCloseTo(t.f1, 14);
    // The same from predicted labels.
    const labels = Uint8Array.from(p, (v) => (v >= threshold ? 1 : 0));
    expect(confusionMatrix(y, labels)).toEqual({ tn, fp, fn, tp });
    expect(f1Score(y, labels)).toBeCloseTo(t.f1, 14);
  });

  it("log_loss (clipped), brier_score_loss", () => {
    expect(logLoss(y, p)).toBeCloseTo(c.logLoss, 12);
    expect(brierScore(y, p)).toBeCloseTo(c.brier, 14);
  });

  it.each(c.calibration.map((k) => [`${k.strategy} ${k.nBins}`, k] as const))("calibration_curve %s", (_, k) => {
    const bins = calibrationCurve(p, y, k.nBins, k.strategy as "uniform" | "quantile");
    close(
      bins.map((b) => b.meanPredicted),
      k.meanPredicted,
      13,
    );
    close(
      bins.map((b) => b.fractionPositive),
      k.fractionPositive,
      13,
    );
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(y.length);
    for (const b of bins) expect(b.count).toBeGreaterThan(0);
  });
});

describe("hand-computed cases", () => {
  // y = [0, 0, 1, 1, 0, 1], scores with a tie between a negative and a positive at 0.4.
  const y = Uint8Array.of(0, 0, 1, 1, 0, 1);
  const s = Float64Array.of(0.1, 0.4, 0.4, 0.8, 0.3, 0.9);

  it("ROC AUC counts a tied pair as ½", () => {
    // Positives 0.4, 0.8, 0.9 against negatives 0.1, 0.4, 0.3: 0.8 and 0.9 beat all three (6 pairs),
    // 0.4 beats 0.1 and 0.3 and ties 0.4 (2.5): 8.5 / 9.
    expect(rocAuc(y, s)).toBeCloseTo(8.5 / 9, 15);
  });

  it("the ROC curve: one point per distinct score, collinear points dropped", () => {
    // Descending distinct scores with (fp, tp): 0.9 (0, 1), 0.8 (0, 2), 0.4 (1, 3), 0.3 (2, 3), 0.1 (3, 3).
    // drop_intermediate drops an interior point when the second differences of fp and tp both vanish:
    // at 0.8 fp goes 0, 0, 1 (kept); at 0.4 tp goes 2, 3, 3 (kept); at 0.3 fp 1, 2, 3 and tp 3, 3, 3
    // (dropped: it lies on the segment from (1, 3) to (3, 3)).
    const r = rocCurve(y, s);
    expect(r.thresholds).toEqual([Infinity, 0.9, 0.8, 0.4, 0.1]);
    close(r.tpr, [0, 1 / 3, 2 / 3, 1, 1], 15);
    close(r.fpr, [0, 0, 0, 1 / 3, 1], 15);
  });

  it("average precision is the step-wise sum Σ ΔR · P", () => {
    // At 0.9: P 1, R 1/3; at 0.8: P 1, R 2/3; at 0.4: P 3/4, R 1 (then no recall change).
    // AP = 1/3 · 1 + 1/3 · 1 + 1/3 · 3/4 = 11/12.
    expect(averagePrecision(y, s)).toBeCloseTo(11 / 12, 15);
    const pr = precisionRecallCurve(y, s);
    expect(pr.thresholds).toEqual([0.1, 0.3, 0.4, 0.8, 0.9]);
    close(pr.precision, [3 / 6, 3 / 5, 3 / 4, 1, 1, 1], 15);
    close(pr.recall, [1, 1, 1, 2 / 3, 1 / 3, 0], 15);
  });

  it("threshold metrics: positive iff prob ≥ threshold", () => {
    // At 0.4: predicted positive 0.4, 0.4, 0.8, 0.9 → tp 3 (0.4, 0.8, 0.9), fp 1 (0.4), fn 0, tn 2.
    expect(confusionMatrix(y, s, 0.4)).toEqual({ tn: 2, fp: 1, fn: 0, tp: 3 });
    expect(accuracy(y, s, 0.4)).toBeCloseTo(5 / 6, 15);
    expect(precision(y, s, 0.4)).toBeCloseTo(3 / 4, 15);
    expect(recall(y, s, 0.4)).toBe(1);
    expect(f1Score(y, s, 0.4)).toBeCloseTo(6 / 7, 15); // 2·3 / (2·3 + 1 + 0)
    // Nothing predicted positive: precision 0 (sklearn's zero_division), recall 0, f1 0.
    expect(precision(y, s, 0.95)).toBe(0);
    expect(f1Score(y, s, 0.95)).toBe(0);
  });

  it("log loss clips at eps; Brier score", () => {
    // y = [1, 0], p = [0.8, 0.4]: −(ln 0.8 + ln 0.6) / 2.
    expect(logLoss(Uint8Array.of(1, 0), Float64Array.of(0.8, 0.4))).toBeCloseTo(
      -(Math.log(0.8) + Math.log(0.6)) / 2,
      15,
    );
    // A certain mistake costs −ln(eps) instead of ∞.
    expect(logLoss(Uint8Array.of(1), Float64Array.of(0))).toBeCloseTo(-Math.log(LOG_LOSS_EPS), 12);
    // (0.8 − 1)² + 0.4² = 0.04 + 0.16, / 2.
    expect(brierScore(Uint8Array.of(1, 0), Float64Array.of(0.8, 0.4))).toBeCloseTo(0.1, 15);
  });

  it("calibration curve: a probability on an inner edge falls in the lower bin", () => {
    // Uniform, 2 bins, edge 0.5: 0.5 goes with 0.2 (bin 1), 0.7 and 0.9 in bin 2.
    const bins = calibrationCurve(Float64Array.of(0.2, 0.5, 0.7, 0.9), Uint8Array.of(0, 1, 1, 0), 2);
    expect(bins).toEqual([
      { meanPredicted: 0.35, fractionPositive: 0.5, count: 2 },
      { meanPredicted: 0.8, fractionPositive: 0.5, count: 2 },
    ]);
    // Quantile, 2 bins: the median of (0.2, 0.5, 0.7, 0.9) is 0.6; empty bins are left out (uniform, 4).
    expect(calibrationCurve(Float64Array.of(0.2, 0.5, 0.7, 0.9), Uint8Array.of(0, 1, 1, 0), 2, "quantile")).toEqual(
      bins,
    );
    expect(calibrationCurve(Float64Array.of(0.1, 0.2), Uint8Array.of(0, 1), 4).map((b) => b.count)).toEqual([2]);
  });
});

describe("degenerate and invalid input", () => {
  const y = Uint8Array.of(0, 1, 1);
  const p = Float64Array.of(0.2, 0.6, 0.9);
  it("ranking metrics need both classes", () => {
    const one = Uint8Array.of(1, 1, 1);
    const message = (m: string) => new RangeError(`y has a single class (1): ${m} is undefined without both classes`);
    expect(() => rocAuc(one, p)).toThrow(message("ROC AUC"));
    expect(() => rocCurve(one, p)).toThrow(message("the ROC curve"));
    expect(() => averagePrecision(one, p)).toThrow(message("average precision"));
    expect(() => precisionRecallCurve(one, p)).toThrow(message("the precision–recall curve"));
    // The probabilistic metrics are defined with one class.
    expect(logLoss(one, p)).toBeCloseTo(-(Math.log(0.2) + Math.log(0.6) + Math.log(0.9)) / 3, 14);
    expect(recall(Uint8Array.of(0, 0, 0), p)).toBe(0);
  });
  it("shape mismatches, labels other than 0/1, bad values", () => {
    expect(() => rocAuc(y, Float64Array.of(0.1, 0.2))).toThrow(new RangeError("y has 3 labels but score has 2 values"));
    expect(() => rocAuc(Uint8Array.of(0, 2, 1), p)).toThrow(new RangeError("y must hold only 0 and 1, got 2 at row 1"));
    expect(() => rocAuc(y, Float64Array.of(0.1, NaN, 0.3))).toThrow(
      new RangeError("score has a non-finite value NaN at row 1"),
    );
    expect(() => rocAuc(new Uint8Array(0), new Float64Array(0))).toThrow(new RangeError("y is empty"));
    expect(() => brierScore(y, Float64Array.of(0.1, 1.2, 0.3))).toThrow(
      new RangeError("probabilities must lie in [0, 1], got 1.2 at row 1"),
    );
    expect(() => accuracy(y, Uint8Array.of(0, 1))).toThrow(new RangeError("y has 3 labels but predicted has 2 values"));
    expect(() => accuracy(y, Uint8Array.of(0, 1, 5))).toThrow(
      new RangeError("predicted labels must be 0 or 1, got 5 at row 2"),
    );
    expect(() => accuracy(y, p, NaN)).toThrow(new RangeError("threshold must be a finite number, got NaN"));
    expect(() => calibrationCurve(p, y, 0)).toThrow(new RangeError("nBins must be a positive integer, got 0"));
  });
});
