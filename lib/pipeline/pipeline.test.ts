// The pipeline end to end on both databases: a seeded store is analysed in a worker thread, the
// results switch in atomically, and failures, cancellations and crashes leave the previous results.
import { beforeAll, describe, expect, it } from "vitest";
import { installConnection } from "../db/client";
import { createRun, failOrphanedRuns, getRun, requestRunCancel, RunAlreadyActiveError } from "../db/runs";
import { testDatabaseKinds, useTestDatabase } from "../db/testing/databases";
import { seedDemoData } from "../demo/load";
import { segmentParamsSchema } from "../validation/pipeline";
import {
  getCurrentPredictions,
  getCustomerPredictions,
  getSegmentPredictionAverages,
  listAtRisk,
} from "../db/predictions";
import {
  getBoughtProducts,
  getBoughtTogether,
  getCustomerCandidates,
  type RecommendationReport,
} from "../db/recommendations";
import type { ChurnReport, PredictionSummary } from "./predict";
import { serveCustomer } from "./serve";
import { executeRun } from "./run";

describe.each(testDatabaseKinds())("pipeline on %s", (kind) => {
  const db = useTestDatabase(kind);
  let storeId = 0;
  let tinyStoreId = 0;
  const params = segmentParamsSchema.parse({ kRange: [2, 6], nInit: 3 });

  beforeAll(async () => {
    installConnection(db());
    const prisma = db().prisma;
    const store = await prisma.store.create({
      data: { name: "S", slug: "s", currency: "CNY", timezone: "Asia/Shanghai" },
    });
    storeId = store.id;
    await seedDemoData(db().sql, {
      storeId,
      customers: 600,
      seed: 3,
      asOf: new Date("2026-11-01T00:00:00Z"),
      currency: "CNY",
      timezone: "Asia/Shanghai",
      language: "zh",
    });
    const tiny = await prisma.store.create({
      data: { name: "T", slug: "t", currency: "CNY", timezone: "Asia/Shanghai" },
    });
    tinyStoreId = tiny.id;
    for (let i = 0; i < 3; i++) {
      const c = await prisma.customer.create({
        data: { storeId: tinyStoreId, externalId: `c${i}`, signupAt: new Date("2026-01-01") },
      });
      await prisma.order.create({
        data: {
          storeId: tinyStoreId,
          customerId: c.id,
          externalId: `o${i}`,
          placedAt: new Date("2026-02-01"),
          status: "paid",
          currency: "CNY",
          totalMinor: 1000,
        },
      });
    }
  }, 120_000);

  it("analyses a store and switches its current run to the new results", async () => {
    const runId = await createRun(storeId, null, params);
    await expect(createRun(storeId, null, params)).rejects.toBeInstanceOf(RunAlreadyActiveError);
    const outcome = await executeRun(storeId, runId);
    expect(outcome).toEqual({ status: "succeeded" });
    const run = await getRun(storeId, runId);
    expect(run?.status).toBe("succeeded");
    expect(run?.progress).toBe(100);
    expect((run?.stepTimings as { step: string }[]).map((s) => s.step)).toEqual([
      "load",
      "segments",
      "predictions",
      "recommendations",
      "personas",
      "persist",
    ]);
    const summary = run?.summary as {
      k: number;
      curve: unknown[];
      analysedCustomers: number;
      silhouette: number;
      personas: unknown;
    };
    // No language model here: the personas keep the rule-based text, and the run says why.
    expect(summary.personas).toEqual({ source: "rules", reason: "no_provider" });
    expect(summary.curve).toHaveLength(5);
    expect(summary.k).toBeGreaterThanOrEqual(2);
    const prisma = db().prisma;
    expect((await prisma.store.findUniqueOrThrow({ where: { id: storeId } })).currentRunId).toBe(runId);
    const segments = await prisma.runSegment.findMany({ where: { storeId, runId } });
    expect(segments).toHaveLength(summary.k);
    expect(segments.every((s) => s.aiText === null)).toBe(true);
    expect(segments.reduce((s, x) => s + x.size, 0)).toBe(summary.analysedCustomers);
    expect(segments.reduce((s, x) => s + x.revenueShare, 0)).toBeCloseTo(1, 9);
    expect(await prisma.runCustomer.count({ where: { storeId, runId } })).toBe(summary.analysedCustomers);
    // Only customers with a paid order are analysed, and every one of them belongs to the store.
    const paidCustomers = await db().sql.query<{ n: number }>(
      `SELECT count(DISTINCT customer_id)::int AS n FROM "order" WHERE store_id = $1 AND status = 'paid'`,
      [storeId],
    );
    expect(summary.analysedCustomers).toBe(paidCustomers[0]?.n);
    // Profiles carry the channel mix of the segment's paid orders, and the run the RFM movement.
    const channelShares = segments.map((s) =>
      (s.profile as { channels: { share: number }[] }).channels.reduce((a, c) => a + c.share, 0),
    );
    for (const total of channelShares) expect(total).toBeCloseTo(1, 9);
    const movement = (run?.summary as { rfmMovement: { customers: number }[] }).rfmMovement;
    expect(movement.length).toBeGreaterThan(1);
    expect(movement.reduce((a, m) => a + m.customers, 0)).toBeLessThanOrEqual(summary.analysedCustomers);
    const row = await prisma.runCustomer.findFirstOrThrow({ where: { storeId, runId } });
    expect(row.features.length).toBe((run?.summary as { featureNames: string[] }).featureNames.length);

    // Predictions: every analysed customer scored, a model report with the baseline beside the models.
    const predictions = (
      await prisma.pipelineRun.findUniqueOrThrow({
        where: { storeId_id: { storeId, id: runId } },
        select: { predictions: true },
      })
    ).predictions as PredictionSummary;
    expect("skipped" in predictions.churn).toBe(false);
    const churn = predictions.churn as ChurnReport;
    expect(churn.models.map((m) => m.key)).toEqual(["logistic", "linear_svm", "decision_tree", "gradient_boosting"]);
    expect(churn.baseline.key).toBe("recency_baseline");
    const chosen = churn.models.find((m) => m.key === churn.chosen)!;
    expect(chosen.metrics.auc!.mean).toBe(Math.max(...churn.models.map((m) => m.metrics.auc!.mean)));
    expect(chosen.metrics.auc!.mean).toBeGreaterThan(0.7);
    expect(churn.gainOverBaseline?.folds).toBe(5);
    expect(chosen.foldAuc).toHaveLength(5);
    expect(chosen.confusion.tp + chosen.confusion.fp + chosen.confusion.tn + chosen.confusion.fn).toBe(churn.sampled);
    expect("skipped" in predictions.clv).toBe(false);
    const scored = await db().sql.query<{ n: number; churn: number; clv: number; reasons: number; bad: number }>(
      `SELECT count(*)::int AS n, count(churn_prob)::int AS churn, count(clv)::int AS clv,
              count(*) FILTER (WHERE jsonb_array_length(reasons) > 0)::int AS reasons,
              count(*) FILTER (WHERE clv_low > clv OR clv_high < clv OR abs(value_at_risk - churn_prob * clv) > 0.01 * clv + 0.01)::int AS bad
       FROM run_customer WHERE store_id = $1 AND run_id = $2`,
      [storeId, runId],
    );
    expect(scored[0]).toMatchObject({ n: summary.analysedCustomers, churn: summary.analysedCustomers, bad: 0 });
    expect(scored[0]!.clv).toBe(summary.analysedCustomers);
    expect(scored[0]!.reasons).toBeGreaterThan(summary.analysedCustomers / 2);

    // The reads behind the pages stay inside the store they are given.
    const current = await getCurrentPredictions(storeId);
    expect(current?.runId).toBe(runId);
    const list = await listAtRisk(storeId, runId, current!.featureNames, {}, { page: 1, pageSize: 10 });
    expect(list.total).toBe(summary.analysedCustomers);
    expect(list.rows[0]!.valueAtRisk).toBeGreaterThanOrEqual(list.rows[1]!.valueAtRisk!);
    expect((await listAtRisk(tinyStoreId, runId, current!.featureNames, {}, { all: true })).total).toBe(0);
    expect(await getCustomerPredictions(tinyStoreId, runId, list.rows[0]!.customerId)).toBeNull();
    expect((await getSegmentPredictionAverages(tinyStoreId, runId)).size).toBe(0);
    expect(await getCurrentPredictions(tinyStoreId)).toBeNull();

    // Recommendations: the comparison report, candidates for (nearly) everyone, bought-together rows.
    const rec = (
      await prisma.pipelineRun.findUniqueOrThrow({
        where: { storeId_id: { storeId, id: runId } },
        select: { recommendations: true },
      })
    ).recommendations as Extract<RecommendationReport, { models: unknown }>;
    expect(rec.models.map((m) => m.key)).toEqual(["popularity", "item_knn", "user_knn", "ease"]);
    const ndcg10 = (key: string) => rec.models.find((m) => m.key === key)!.atK.find((a) => a.k === 10)!.ndcg;
    expect(rec.beatsPopularity).toBe(true);
    expect(ndcg10(rec.chosen)).toBeGreaterThan(ndcg10("popularity"));
    expect(rec.explicit).toBeDefined();
    const withCandidates = await db().sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM run_customer
       WHERE store_id = $1 AND run_id = $2 AND cardinality(rec_items) > 0 AND rec_source IS NOT NULL`,
      [storeId, runId],
    );
    expect(withCandidates[0]?.n).toBe(summary.analysedCustomers);
    const products = await prisma.product.count({ where: { storeId } });
    expect(await prisma.runProduct.count({ where: { storeId, runId } })).toBe(products);
    const first = list.rows[0]!.customerId;
    const served = await serveCustomer(storeId, runId, first, 10);
    expect(served.items.length).toBeGreaterThan(0);
    expect(served.coldStart).toBe(false);
    const bought = await getBoughtProducts(storeId, first);
    for (const item of served.items) expect(bought.has(item.product.id)).toBe(false);
    // Another store's session gets nothing of this run: no candidates, no bought-together, no products.
    expect(await getCustomerCandidates(tinyStoreId, runId, first)).toBeNull();
    expect(await getBoughtTogether(tinyStoreId, runId, served.items[0]!.product.id)).toEqual([]);
    expect((await serveCustomer(tinyStoreId, runId, first, 10)).items).toEqual([]);
  });

  it("finishes on a store whose BG/NBD fit lies on a ridge of the likelihood (the e2e demo store)", async () => {
    // Regression: on this store the fit's a and b run off together, the interval draws stray outside
    // the model's domain (₂F₁ with c = −1) and once failed the whole run.
    const prisma = db().prisma;
    const e2e = await prisma.store.create({
      data: { name: "E", slug: "e", currency: "CNY", timezone: "Asia/Shanghai" },
    });
    await seedDemoData(db().sql, {
      storeId: e2e.id,
      customers: 400,
      seed: 7,
      asOf: new Date("2026-10-31T16:00:00Z"),
      currency: "CNY",
      timezone: "Asia/Shanghai",
      language: "zh",
    });
    const runId = await createRun(e2e.id, null, params);
    expect(await executeRun(e2e.id, runId)).toEqual({ status: "succeeded" });
    const run = await prisma.pipelineRun.findUniqueOrThrow({
      where: { storeId_id: { storeId: e2e.id, id: runId } },
      select: { predictions: true },
    });
    const clv = (run.predictions as PredictionSummary).clv;
    expect(clv).not.toHaveProperty("skipped");
    const bad = await db().sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM run_customer
       WHERE store_id = $1 AND run_id = $2 AND (clv IS NULL OR clv_low > clv OR clv_high < clv)`,
      [e2e.id, runId],
    );
    expect(bad[0]?.n).toBe(0);
  });

  it("keeps the previous results when a run fails, and says why", async () => {
    const prisma = db().prisma;
    const runId = await createRun(tinyStoreId, null, params);
    const outcome = await executeRun(tinyStoreId, runId);
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/Only 3 customers can be analysed.*at least 20/);
    expect((await getRun(tinyStoreId, runId))?.error).toMatch(/at least 20/);
    expect((await prisma.store.findUniqueOrThrow({ where: { id: tinyStoreId } })).currentRunId).toBeNull();
    expect(await prisma.runSegment.count({ where: { storeId: tinyStoreId } })).toBe(0);
  });

  it("cancels a run and leaves the current results in place", async () => {
    const prisma = db().prisma;
    const before = (await prisma.store.findUniqueOrThrow({ where: { id: storeId } })).currentRunId;
    const runId = await createRun(storeId, null, params);
    expect(await requestRunCancel(storeId, runId)).toBe(true);
    expect((await getRun(storeId, runId))?.status).toBe("cancelled"); // queued: cancelled at once
    expect(await executeRun(storeId, runId)).toMatchObject({ status: "failed" }); // and never starts
    // A running one stops at its next progress report.
    const runId2 = await createRun(storeId, null, params);
    const pending = executeRun(storeId, runId2);
    await new Promise((r) => setTimeout(r, 50));
    await requestRunCancel(storeId, runId2);
    expect((await pending).status).toBe("cancelled");
    expect((await getRun(storeId, runId2))?.status).toBe("cancelled");
    expect((await prisma.store.findUniqueOrThrow({ where: { id: storeId } })).currentRunId).toBe(before);
  });

  it("marks runs orphaned by a crash as failed", async () => {
    const runId = await createRun(storeId, null, params);
    await db().sql.query(
      "UPDATE pipeline_run SET status = 'running', heartbeat_at = now() - interval '10 minutes' WHERE store_id = $1 AND id = $2",
      [storeId, runId],
    );
    expect(await failOrphanedRuns({ staleSeconds: 120 })).toBe(1);
    const run = await getRun(storeId, runId);
    expect(run?.status).toBe("failed");
    expect(run?.error).toMatch(/Interrupted/);
  });
});
