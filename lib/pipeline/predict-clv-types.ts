// The shape of the CLV step's report (stored in pipeline_run.predictions.clv), apart from its code so
// pages can import it without the models.

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
  | { skipped: { code: string; values?: Record<string, number | string> } };

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
  /** Sums over the store's customers, with the 10th–90th percentile over parameter draws. */
  totals: { clv: number; clvLow: number; clvHigh: number; expectedPurchases: number };
  /** Histogram of customer CLV (major units): edges has one more entry than counts. */
  distribution: { edges: number[]; counts: number[] };
  holdout: ClvHoldout;
  fitSeconds: number;
};
