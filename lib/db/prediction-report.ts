// The prediction report of a pipeline run as stored in pipeline_run.predictions and read by the
// pages: model comparison, curves, importance, BG/NBD and Gamma-Gamma parameters, the holdout
// check, and per-customer reason codes (run_customer.reasons). Written by lib/pipeline/predict.ts.

export type Skipped = { code: string; values?: Record<string, number | string> };
export type MeanStd = { mean: number; std: number | null };

export type ChurnModelReport = {
  key: string;
  metrics: Record<string, MeanStd>;
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  calibration: { meanPredicted: number; fractionPositive: number; count: number }[];
  confusion: { tp: number; fp: number; tn: number; fn: number };
  /** The out-of-fold confusion matrix at thresholds 0.05, 0.10, …, 0.95, for choosing one on the page. */
  confusionByThreshold?: { threshold: number; tp: number; fp: number; tn: number; fn: number }[];
  importance: { feature: string; mean: number; std: number }[];
  coefficients?: { feature: string; value: number }[];
  /** ROC AUC of each fold (k-fold only), for paired comparisons on the same folds. */
  foldAuc?: number[];
  fitSeconds: number;
};

export type SpendModelReport = {
  key: string;
  metrics: Record<string, MeanStd>;
  importance: { feature: string; mean: number; std: number }[];
  coefficients?: { feature: string; value: number }[];
  alpha?: number;
  fitSeconds: number;
};

export type ChurnReport = {
  cutoffT: string;
  labelled: number;
  churnRate: number;
  validation: "k-fold" | "leave-one-out";
  folds: number;
  sampled: number;
  threshold: number;
  models: ChurnModelReport[];
  baseline: ChurnModelReport;
  chosen: string;
  /** Share of current customers at or above the threshold. */
  atRiskShare: number;
  /**
   * The chosen model's AUC minus the recency-only baseline's, paired on the same folds (k-fold): mean,
   * standard deviation and how many folds it won; null with leave-one-out.
   */
  gainOverBaseline: { mean: number; std: number; foldsWon: number; folds: number } | null;
};

export type SpendReport = {
  labelled: number;
  validation: "k-fold" | "leave-one-out";
  folds: number;
  sampled: number;
  models: SpendModelReport[];
  baseline: SpendModelReport;
  chosen: string;
  meanActual: number;
};

export type PredictionSummary = {
  horizonDays: number;
  churn: ChurnReport | { skipped: Skipped };
  spend: SpendReport | { skipped: Skipped };
  clv: ClvReport | { skipped: Skipped };
};

export type Reason = { code: string; sign: 1 | -1; values: Record<string, number> };

export type ClvHoldout =
  | {
      calibrationEnd: string;
      holdoutDays: number;
      customers: number;
      /** By number of repeat purchases in the calibration period: 0, 1, …, 6, "7+". */
      groups: { group: string; customers: number; actual: number; predicted: number }[];
      totalActual: number;
      totalPredicted: number;
    }
  | { skipped: Skipped };

export type ClvReport = {
  timeUnit: "day" | "week";
  calibrationEnd: string;
  customers: number;
  repeatCustomers: number;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; converged: boolean };
  gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number; converged: boolean } | null;
  /** Gamma-Gamma assumes spend per order is independent of frequency: their correlation among repeat buyers. */
  frequencyMonetaryCorrelation: number | null;
  horizonMonths: number;
  monthlyDiscount: number;
  draws: number;
  /** Models whose parameters the interval draws hold at their estimate (no covariance: a flat ridge). */
  heldFixed: ("bgnbd" | "gammaGamma")[];
  /** Sums over the store's customers, with the 10th–90th percentile over parameter draws. */
  totals: { clv: number; clvLow: number; clvHigh: number; expectedPurchases: number };
  /** Histogram of customer CLV (major units): edges has one more entry than counts. */
  distribution: { edges: number[]; counts: number[] };
  holdout: ClvHoldout;
  fitSeconds: number;
};
