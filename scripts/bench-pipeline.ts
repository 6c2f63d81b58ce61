// npm run bench:pipeline -- --customers N [--db pglite|postgres] [--sklearn]
//
// From database to persisted segments on a fresh database holding a demo store of N customers:
// the real pipeline run (load → worker → persist) timed per step, peak memory (this process and its
// worker threads), and the quality against the demo's hidden archetypes (adjusted Rand index).
// With --sklearn, the same modelling matrix is clustered by this k-means and by scikit-learn's
// KMeans (Debian's python3-sklearn) with the chosen k and the same n_init, side by side.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { adjustedRandIndex } from "../lib/analytics/adjusted-rand";
import { BASE_FEATURES, customerFeatures } from "../lib/analytics/customer-features";
import { festivalClassifier } from "../lib/analytics/festivals";
import { kmeans } from "../lib/analytics/kmeans";
import { createMatrix } from "../lib/analytics/matrix";
import { createRun, getRun } from "../lib/db/runs";
import { loadPurchaseData } from "../lib/pipeline/load";
import { executeRun } from "../lib/pipeline/run";
import { preprocess } from "../lib/pipeline/segment";
import { segmentParamsSchema } from "../lib/validation/pipeline";
import { BENCH_TIME_ZONE, withBenchStore } from "./bench-support";
import { parseFlags, runScript } from "./cli";

const TZ = BENCH_TIME_ZONE;

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    { customers: { type: "string" }, db: { type: "string" }, sklearn: { type: "boolean" } },
    z.object({
      customers: z.coerce.number().int().min(50).max(2_000_000).default(100_000),
      db: z.enum(["pglite", "postgres"]).default("pglite"),
      sklearn: z.boolean().default(false),
    }),
    "Usage: npm run bench:pipeline -- --customers N [--db pglite|postgres] [--sklearn]",
  );
  await withBenchStore(flags.db, flags.customers, async ({ db, storeId }) => {
    const rssBefore = process.resourceUsage().maxRSS;
    const params = segmentParamsSchema.parse({});
    const runId = await createRun(storeId, null, params);
    const t0 = performance.now();
    const outcome = await executeRun(storeId, runId);
    const seconds = (performance.now() - t0) / 1000;
    if (outcome.status !== "succeeded") throw new Error(`run ${outcome.status}: ${outcome.error}`);
    const run = await getRun(storeId, runId);
    const summary = run?.summary as { k: number; silhouette: number; analysedCustomers: number };
    const truth = await db.conn.sql.query<{ archetype: string; segment: number }>(
      `SELECT g.archetype, rc.segment FROM run_customer rc
       JOIN demo_ground_truth g ON g.store_id = rc.store_id AND g.customer_id = rc.customer_id
       WHERE rc.store_id = $1 AND rc.run_id = $2`,
      [storeId, runId],
    );
    const ari = adjustedRandIndex(
      truth.map((r) => r.archetype),
      truth.map((r) => r.segment),
    );
    console.log(
      `pipeline: ${seconds.toFixed(1)} s from database to persisted segments; steps ${JSON.stringify(run?.stepTimings)}`,
    );
    console.log(
      `          k = ${summary.k}, silhouette ${summary.silhouette.toFixed(3)}, ${summary.analysedCustomers.toLocaleString("en")} customers analysed`,
    );
    console.log(`          adjusted Rand index vs hidden archetypes: ${ari.toFixed(3)} (goal ≥ 0.6)`);
    console.log(
      `          peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (before the run: ${(rssBefore / 1024).toFixed(0)} MB)`,
    );

    if (flags.sklearn) {
      // The modelling matrix, rebuilt exactly as the run built it.
      const loaded = await loadPurchaseData(db.conn.sql, storeId, 100);
      const fest = festivalClassifier(TZ);
      const f = customerFeatures(loaded.data, {
        cutoff: (loaded.lastOrderAt ?? 0) + 1,
        isFestival: (t) => fest(t) !== null,
      });
      const base = BASE_FEATURES.length;
      const m = createMatrix(f.matrix.rows, base);
      for (let i = 0; i < m.rows; i++)
        m.data.set(f.matrix.data.subarray(i * f.matrix.cols, i * f.matrix.cols + base), i * base);
      const { z: zm } = preprocess(m, [...BASE_FEATURES]);
      const times: number[] = [];
      let inertia = 0;
      for (let r = 0; r < 3; r++) {
        const s = performance.now();
        inertia = kmeans(zm, {
          k: summary.k,
          nInit: params.nInit,
          maxIter: params.maxIter,
          tol: params.tol,
          seed: r,
        }).inertia;
        times.push((performance.now() - s) / 1000);
      }
      times.sort((a, b) => a - b);
      const file = path.join(os.tmpdir(), `shoplens-bench-${process.pid}.f64`);
      fs.writeFileSync(file, Buffer.from(zm.data.buffer, zm.data.byteOffset, zm.data.byteLength));
      const py = spawnSync(
        "/usr/bin/python3",
        [
          "scripts/reference/bench_kmeans.py",
          "--file",
          file,
          "--n",
          String(zm.rows),
          "--d",
          String(zm.cols),
          "--k",
          String(summary.k),
          "--n-init",
          String(params.nInit),
          "--runs",
          "3",
        ],
        { encoding: "utf8" },
      );
      fs.rmSync(file, { force: true });
      if (py.status !== 0) throw new Error(`scikit-learn benchmark failed: ${py.stderr}`);
      const sk = JSON.parse(py.stdout) as { lloyd: { seconds: number; inertia: number } };
      const ours = times[1] as number;
      console.log(
        `k-means on the ${zm.rows.toLocaleString("en")}×${zm.cols} modelling matrix, k = ${summary.k}, n_init = ${params.nInit}: ` +
          `ours ${ours.toFixed(2)} s (inertia ${inertia.toFixed(1)}), scikit-learn ${sk.lloyd.seconds.toFixed(2)} s (inertia ${sk.lloyd.inertia.toFixed(1)}); ` +
          `time ratio ${(ours / sk.lloyd.seconds).toFixed(2)}, inertia ratio ${(inertia / sk.lloyd.inertia).toFixed(4)}`,
      );
    }
  });
});
