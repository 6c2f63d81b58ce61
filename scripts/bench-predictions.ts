// npm run bench:predictions -- --customers N [--db pglite|postgres] [--cache FILE]
//
// The prediction steps of a run (churn, spend and CLV model families: cross-validated comparison,
// refit, scoring every customer, reasons) on a demo store of N customers, timed per phase from the
// step's own progress reports, with peak memory and the headline accuracy. The data is loaded from a
// fresh database like a run does; --cache keeps the loaded arrays in FILE (v8 serialisation) so that
// repeated measurements skip seeding.
import fs from "node:fs";
import v8 from "node:v8";
import { z } from "zod";
import { customerFeatures, type PurchaseData } from "../lib/analytics/customer-features";
import { festivalClassifier } from "../lib/analytics/festivals";
import { loadPurchaseData } from "../lib/pipeline/load";
import { computePredictions, type ChurnReport, type SpendReport } from "../lib/pipeline/predict";
import type { ClvReport } from "../lib/db/prediction-report";
import { predictionParamsSchema } from "../lib/validation/pipeline";
import { BENCH_TIME_ZONE, withBenchStore } from "./bench-support";
import { parseFlags, runScript } from "./cli";

type Cached = { data: PurchaseData; lastOrderAt: number };

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { customers: { type: "string" }, db: { type: "string" }, cache: { type: "string" } },
    z.object({
      customers: z.coerce.number().int().min(50).max(2_000_000).default(100_000),
      db: z.enum(["pglite", "postgres"]).default("postgres"),
      cache: z.string().optional(),
    }),
    "Usage: npm run bench:predictions -- --customers N [--db pglite|postgres] [--cache FILE]",
  );
  let cached: Cached | null = null;
  if (flags.cache && fs.existsSync(flags.cache)) {
    cached = v8.deserialize(fs.readFileSync(flags.cache)) as Cached;
    console.log(`loaded ${cached.data.customerCount.toLocaleString("en")} customers from ${flags.cache}`);
  } else {
    await withBenchStore(flags.db, flags.customers, async ({ db, storeId }) => {
      const loaded = await loadPurchaseData(db.conn.sql, storeId, 100);
      cached = { data: loaded.data, lastOrderAt: loaded.lastOrderAt ?? 0 };
    });
    if (flags.cache) fs.writeFileSync(flags.cache, v8.serialize(cached));
  }
  const { data, lastOrderAt } = cached as unknown as Cached;
  const cutoff = lastOrderAt + 1;
  const fest = festivalClassifier(BENCH_TIME_ZONE);
  const isFestival = (t: number) => fest(t) !== null;
  const rssBefore = process.resourceUsage().maxRSS;
  const tf = performance.now();
  const current = customerFeatures(data, { cutoff, isFestival });
  const featureSeconds = (performance.now() - tf) / 1000;
  const params = predictionParamsSchema.parse({});
  const t0 = performance.now();
  // Each progress report names the phase that just ended.
  const phases: { phase: string; ms: number }[] = [];
  let last = performance.now();
  const out = computePredictions(
    {
      data,
      cutoff,
      timeZone: BENCH_TIME_ZONE,
      params,
      seed: 0,
      current,
      isFestival,
    },
    (_f, detail) => {
      const now = performance.now();
      const phase = detail ?? "";
      const previous = phases[phases.length - 1];
      if (previous?.phase === phase) previous.ms += now - last;
      else phases.push({ phase, ms: now - last });
      last = now;
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const churn = out.summary.churn as ChurnReport;
  const spend = out.summary.spend as SpendReport;
  const clv = out.summary.clv as ClvReport;
  const auc = (key: string) =>
    [...(churn.models ?? []), churn.baseline].find((m) => m?.key === key)?.metrics.auc?.mean.toFixed(3);
  console.log(
    `prediction step for ${current.customers.length.toLocaleString("en")} customers: ${seconds.toFixed(1)} s ` +
      `(training set, ${params.folds}-fold CV of 4 churn + 5 spend models on ≤ ${params.cvSample.toLocaleString("en")}, ` +
      `refit, BG/NBD + Gamma-Gamma with ${params.clvDraws} draws, scoring and reasons for everyone); ` +
      `the as-of features it shares with segmentation: ${featureSeconds.toFixed(1)} s`,
  );
  for (const p of phases) console.log(`  ${p.phase.padEnd(34)} ${(p.ms / 1000).toFixed(2)} s`);
  console.log(
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (before: ${(rssBefore / 1024).toFixed(0)} MB)`,
  );
  if (churn.models) {
    console.log(
      `churn: chosen ${churn.chosen}, CV AUC ${auc(churn.chosen)} vs recency-only ${auc("recency_baseline")}; ` +
        `${churn.labelled} labelled, churn rate ${(churn.churnRate * 100).toFixed(1)}%` +
        (churn.gainOverBaseline
          ? `; paired gain ${churn.gainOverBaseline.mean.toFixed(3)} ± ${churn.gainOverBaseline.std.toFixed(3)}, ` +
            `won ${churn.gainOverBaseline.foldsWon}/${churn.gainOverBaseline.folds} folds`
          : ""),
    );
  }
  if (spend.models) {
    const rmse = (k: string) =>
      [...spend.models, spend.baseline].find((m) => m.key === k)?.metrics.rmse?.mean.toFixed(1);
    console.log(
      `spend: chosen ${spend.chosen}, CV RMSE ${rmse(spend.chosen)} vs last period ${rmse(spend.baseline.key)}`,
    );
  }
  if (clv.bgnbd) {
    const h = clv.holdout;
    console.log(
      `clv: BG/NBD r ${clv.bgnbd.r.toFixed(3)} α ${clv.bgnbd.alpha.toFixed(2)} a ${clv.bgnbd.a.toFixed(3)} b ${clv.bgnbd.b.toFixed(3)}; ` +
        ("skipped" in h
          ? "no holdout"
          : `holdout ${h.holdoutDays} d: predicted ${h.totalPredicted.toFixed(0)} vs actual ${h.totalActual} purchases`),
    );
  }
});
