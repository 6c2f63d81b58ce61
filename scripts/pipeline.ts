// npm run pipeline -- --store <slug> [--algo kmeans|minibatch-kmeans|dbscan] [--k auto|N] [--k-range 2-10] [--seed 0] [--if-never-run]
// Runs the analytics pipeline for one store from the command line (cron, or after an import) — the
// same run rows, worker and persistence as a run started in the browser.
import { z } from "zod";
import { getConnection, getReadyConnection } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { createRun, getRun } from "../lib/db/runs";
import { getCurrentAnalysis } from "../lib/db/segments";
import { getStoreBySlug } from "../lib/db/stores";
import { executeRun } from "../lib/pipeline/run";
import { SEGMENT_ALGOS, segmentParamsSchema } from "../lib/validation/pipeline";
import { parseFlags, runScript, UsageError } from "./cli";

const USAGE = `Usage: npm run pipeline -- --store <slug> [--algo ${SEGMENT_ALGOS.join("|")}] [--k auto|N] [--k-range 2-10] [--seed 0] [--if-never-run]`;

runScript(async () => {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      store: { type: "string" },
      algo: { type: "string" },
      k: { type: "string" },
      "k-range": { type: "string" },
      seed: { type: "string" },
      "if-never-run": { type: "boolean" },
    },
    z.object({
      store: z.string().min(1, "name the store by its slug"),
      algo: z.enum(SEGMENT_ALGOS).optional(),
      k: z.string().optional(),
      "k-range": z
        .string()
        .regex(/^\d+-\d+$/, "expected like 2-10")
        .optional(),
      seed: z.string().optional(),
      "if-never-run": z.boolean().default(false),
    }),
    USAGE,
  );
  const params = segmentParamsSchema.safeParse({
    ...(flags.algo ? { algo: flags.algo } : {}),
    ...(flags.k ? { k: flags.k === "auto" ? "auto" : Number(flags.k) } : {}),
    ...(flags["k-range"] ? { kRange: flags["k-range"].split("-").map(Number) } : {}),
    ...(flags.seed ? { seed: flags.seed } : {}),
  });
  if (!params.success)
    throw new UsageError(
      `${params.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n")}\n\n${USAGE}`,
    );
  const conn = getConnection();
  await conn.ping();
  await migrate(conn.sql);
  await getReadyConnection();
  const store = await getStoreBySlug(flags.store);
  if (!store) throw new UsageError(`No store with slug "${flags.store}".`);
  if (flags["if-never-run"] && (await getCurrentAnalysis(store.id))) {
    console.log(`${store.name} has been analysed before; nothing to do.`);
    await conn.close();
    return;
  }
  const runId = await createRun(store.id, null, params.data);
  const started = performance.now();
  const ticker = setInterval(() => {
    void getRun(store.id, runId).then(
      (r) => r && process.stdout.isTTY && process.stdout.write(`\r  ${r.step ?? "…"} ${r.progress}%   `),
    );
  }, 1000);
  const outcome = await executeRun(store.id, runId);
  clearInterval(ticker);
  if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
  const run = await getRun(store.id, runId);
  const summary = run?.summary as { k?: number; algo?: string; silhouette?: number; analysedCustomers?: number } | null;
  if (outcome.status !== "succeeded") {
    await conn.close();
    throw new UsageError(`Run ${runId} ${outcome.status}${outcome.error ? `: ${outcome.error}` : ""}`);
  }
  console.log(
    `Run ${runId} for ${store.name}: ${summary?.algo} k=${summary?.k}, silhouette ${summary?.silhouette?.toFixed(3)}, ` +
      `${summary?.analysedCustomers} customers, ${((performance.now() - started) / 1000).toFixed(1)} s; timings ${JSON.stringify(run?.stepTimings)}`,
  );
  await conn.close();
});
