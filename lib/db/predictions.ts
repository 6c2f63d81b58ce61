import "server-only";
// Reads of the prediction results of the store's current run: the model report (pipeline_run
// .predictions), the at-risk list ranked by value at risk, per-segment averages for persona cards,
// and one customer's predictions for Customer 360. Every query is scoped by the store id the caller
// took from the session.
import type { PredictionSummary, Reason } from "./prediction-report";
import { getPrisma, getSql } from "./client";

export type CurrentPredictions = {
  runId: number;
  finishedAt: Date | null;
  cutoff: string;
  featureNames: string[];
  predictions: PredictionSummary;
};

export async function getCurrentPredictions(storeId: number): Promise<CurrentPredictions | null> {
  const prisma = await getPrisma();
  const store = await prisma.store.findUnique({ where: { id: storeId }, select: { currentRunId: true } });
  if (!store?.currentRunId) return null;
  const run = await prisma.pipelineRun.findUnique({
    where: { storeId_id: { storeId, id: store.currentRunId } },
    select: { id: true, finishedAt: true, summary: true, predictions: true },
  });
  if (!run?.predictions || !run.summary) return null;
  const summary = run.summary as { cutoff: string; featureNames: string[] };
  return {
    runId: run.id,
    finishedAt: run.finishedAt,
    cutoff: summary.cutoff,
    featureNames: summary.featureNames,
    predictions: run.predictions as PredictionSummary,
  };
}

export type AtRiskRow = {
  customerId: number;
  externalId: string;
  name: string | null;
  email: string | null;
  segment: number;
  churnProb: number;
  clv: number | null;
  clvLow: number | null;
  clvHigh: number | null;
  valueAtRisk: number | null;
  recencyDays: number;
  frequency: number;
  reasons: Reason[];
};

export type AtRiskFilter = { segment?: number | undefined; minProb?: number | undefined };

/**
 * Customers of the run ranked by value at risk (churn probability × CLV; by churn probability when the
 * store has no CLV model), optionally one segment and a probability floor.
 */
export async function listAtRisk(
  storeId: number,
  runId: number,
  featureNames: readonly string[],
  filter: AtRiskFilter,
  options: { page: number; pageSize: number } | { all: true },
): Promise<{ rows: AtRiskRow[]; total: number }> {
  const sql = await getSql();
  const col = (name: string) => featureNames.indexOf(name) + 1;
  const paging =
    "all" in options
      ? { limit: null, offset: 0 }
      : { limit: options.pageSize, offset: (options.page - 1) * options.pageSize };
  const where = `rc.store_id = $1 AND rc.run_id = $2 AND rc.churn_prob IS NOT NULL
    AND ($3::int IS NULL OR rc.segment = $3) AND rc.churn_prob >= $4`;
  const args = [storeId, runId, filter.segment ?? null, filter.minProb ?? 0];
  const [rows, total] = await Promise.all([
    sql.query<{
      customer_id: number;
      external_id: string;
      name: string | null;
      email: string | null;
      segment: number;
      churn_prob: number;
      clv: number | null;
      clv_low: number | null;
      clv_high: number | null;
      value_at_risk: number | null;
      recency: number;
      frequency: number;
      reasons: Reason[] | null;
    }>(
      `SELECT rc.customer_id, c.external_id, c.name, c.email, rc.segment::int AS segment,
              rc.churn_prob::float8 AS churn_prob, rc.clv::float8 AS clv, rc.clv_low::float8 AS clv_low,
              rc.clv_high::float8 AS clv_high, rc.value_at_risk::float8 AS value_at_risk,
              rc.features[$5]::float8 AS recency, rc.features[$6]::float8 AS frequency, rc.reasons
       FROM run_customer rc JOIN customer c ON c.store_id = rc.store_id AND c.id = rc.customer_id
       WHERE ${where}
       ORDER BY rc.value_at_risk DESC NULLS LAST, rc.churn_prob DESC, rc.customer_id
       LIMIT $7 OFFSET $8`,
      [...args, col("recency_days"), col("frequency"), paging.limit, paging.offset],
    ),
    sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM run_customer rc WHERE ${where}`, args),
  ]);
  return {
    rows: rows.map((r) => ({
      customerId: r.customer_id,
      externalId: r.external_id,
      name: r.name,
      email: r.email,
      segment: r.segment,
      churnProb: r.churn_prob,
      clv: r.clv,
      clvLow: r.clv_low,
      clvHigh: r.clv_high,
      valueAtRisk: r.value_at_risk,
      recencyDays: r.recency,
      frequency: r.frequency,
      reasons: r.reasons ?? [],
    })),
    total: total[0]?.n ?? 0,
  };
}

export type SegmentPredictionAverages = {
  segment: number;
  churnProb: number | null;
  clv: number | null;
  valueAtRisk: number | null;
};

/** Average churn risk and CLV per segment of a run (persona cards). */
export async function getSegmentPredictionAverages(
  storeId: number,
  runId: number,
): Promise<Map<number, SegmentPredictionAverages>> {
  const sql = await getSql();
  const rows = await sql.query<{ segment: number; churn: number | null; clv: number | null; var: number | null }>(
    `SELECT segment::int AS segment, avg(churn_prob)::float8 AS churn, avg(clv)::float8 AS clv,
            sum(value_at_risk)::float8 AS var
     FROM run_customer WHERE store_id = $1 AND run_id = $2 GROUP BY segment`,
    [storeId, runId],
  );
  return new Map(
    rows.map((r) => [r.segment, { segment: r.segment, churnProb: r.churn, clv: r.clv, valueAtRisk: r.var }]),
  );
}

export type CustomerPredictions = {
  churnProb: number | null;
  spendNext: number | null;
  expectedPurchases: number | null;
  pAlive: number | null;
  clv: number | null;
  clvLow: number | null;
  clvHigh: number | null;
  reasons: Reason[];
};

export async function getCustomerPredictions(
  storeId: number,
  runId: number,
  customerId: number,
): Promise<CustomerPredictions | null> {
  const sql = await getSql();
  const rows = await sql.query<{
    churn_prob: number | null;
    spend_next: number | null;
    expected_purchases: number | null;
    p_alive: number | null;
    clv: number | null;
    clv_low: number | null;
    clv_high: number | null;
    reasons: Reason[] | null;
  }>(
    `SELECT churn_prob::float8 AS churn_prob, spend_next::float8 AS spend_next,
            expected_purchases::float8 AS expected_purchases, p_alive::float8 AS p_alive, clv::float8 AS clv,
            clv_low::float8 AS clv_low, clv_high::float8 AS clv_high, reasons
     FROM run_customer WHERE store_id = $1 AND run_id = $2 AND customer_id = $3`,
    [storeId, runId, customerId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    churnProb: r.churn_prob,
    spendNext: r.spend_next,
    expectedPurchases: r.expected_purchases,
    pAlive: r.p_alive,
    clv: r.clv,
    clvLow: r.clv_low,
    clvHigh: r.clv_high,
    reasons: r.reasons ?? [],
  };
}

export type PredictionTotals = {
  customers: number;
  scored: number;
  atRisk: number;
  valueAtRisk: number | null;
  clv: number | null;
  spendNext: number | null;
};

/** Store-wide sums of the run's predictions; atRisk counts churn probabilities at or above the threshold. */
export async function getPredictionTotals(
  storeId: number,
  runId: number,
  threshold: number,
): Promise<PredictionTotals> {
  const sql = await getSql();
  const rows = await sql.query<{
    customers: number;
    scored: number;
    at_risk: number;
    var: number | null;
    clv: number | null;
    spend: number | null;
  }>(
    `SELECT count(*)::int AS customers, count(churn_prob)::int AS scored,
            count(*) FILTER (WHERE churn_prob >= $3)::int AS at_risk,
            sum(value_at_risk)::float8 AS var, sum(clv)::float8 AS clv, sum(spend_next)::float8 AS spend
     FROM run_customer WHERE store_id = $1 AND run_id = $2`,
    [storeId, runId, threshold],
  );
  const r = rows[0];
  return {
    customers: r?.customers ?? 0,
    scored: r?.scored ?? 0,
    atRisk: r?.at_risk ?? 0,
    valueAtRisk: r?.var ?? null,
    clv: r?.clv ?? null,
    spendNext: r?.spend ?? null,
  };
}
