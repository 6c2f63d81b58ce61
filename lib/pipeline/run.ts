// Runs one queued pipeline run to its end: load (main thread, the database) → compute (a worker
// thread, so the web server stays responsive) → persist (main thread, one transaction). Progress and
// a heartbeat go to the run row; a cancel request terminates the worker; any failure leaves the
// previous results in place and says what happened on the run.
import { Worker } from "node:worker_threads";
import { getSql } from "../db/client";
import { appendStepTiming, finishRun, markRunStarted, reportRunProgress } from "../db/runs";
import { currencyDigits } from "../format/money";
import { segmentParamsSchema } from "../validation/pipeline";
import type { ComputeInput, computeRun } from "./compute";
import { loadPurchaseData } from "./load";
import { persistRun, pruneOldRunRows, RunNoLongerActiveError } from "./persist";
import { writePersonas } from "./personas";
import { bundleSourceWorker } from "./source-worker";
import type { WorkerMessage } from "./worker";

export class RunCancelledError extends Error {
  override name = "RunCancelledError";
  constructor() {
    super("Cancelled.");
  }
}

const STEP_RANGES = {
  load: [0, 15],
  segments: [15, 40],
  predictions: [40, 75],
  recommendations: [75, 88],
  personas: [88, 92],
  persist: [92, 100],
} as const;
type Step = keyof typeof STEP_RANGES;

export type RunOutcome = { status: "succeeded" | "failed" | "cancelled"; error?: string };

async function startWorker(input: ComputeInput): Promise<Worker> {
  const transfer = [
    input.data.signupAt.buffer,
    ...Object.values(input.data.orders).map((a) => a.buffer),
    ...Object.values(input.data.lines).map((a) => a.buffer),
    ...Object.values(input.data.reviews).map((a) => a.buffer),
    ...(input.data.products ? Object.values(input.data.products).map((a) => a.buffer) : []),
    ...(input.data.orderChannels ? [input.data.orderChannels.channel.buffer] : []),
  ] as ArrayBuffer[];
  const options = { workerData: input, transferList: transfer };
  // Inside Next the entry is bundled by Turbopack (the literal new Worker(new URL(…)) form); from
  // source (tsx, Vitest) it is bundled on the fly.
  return process.env.NEXT_RUNTIME
    ? new Worker(new URL("./worker.ts", import.meta.url), options)
    : new Worker(
        /* turbopackIgnore: true */ await bundleSourceWorker(new URL("./worker.ts", import.meta.url)),
        options,
      );
}

export async function executeRun(storeId: number, runId: number): Promise<RunOutcome> {
  const sql = await getSql();
  let step: Step = "load";
  let stepStarted = performance.now();
  let cancelled = false;
  let worker: Worker | null = null;

  const report = async (s: Step, fraction: number) => {
    const [a, b] = STEP_RANGES[s];
    const stop = await reportRunProgress(storeId, runId, s, a + (b - a) * Math.max(0, Math.min(1, fraction)));
    if (stop && !cancelled) {
      cancelled = true;
      await worker?.terminate();
    }
  };
  const enter = async (s: Step) => {
    if (step !== s) {
      const ms = performance.now() - stepStarted;
      await appendStepTiming(storeId, runId, step, ms);
    }
    step = s;
    stepStarted = performance.now();
    await report(s, 0);
    if (cancelled) throw new RunCancelledError();
  };

  try {
    const run = await sql.query<{ params: unknown; timezone: string; currency: string }>(
      `SELECT r.params, s.timezone, s.currency FROM pipeline_run r JOIN store s ON s.id = r.store_id
       WHERE r.store_id = $1 AND r.id = $2 AND r.status = 'queued'`,
      [storeId, runId],
    );
    const row = run[0];
    if (!row) return { status: "failed", error: "The run is not queued." };
    const params = segmentParamsSchema.parse(row.params);
    await markRunStarted(storeId, runId);
    await enter("load");
    const loaded = await loadPurchaseData(
      sql,
      storeId,
      10 ** currencyDigits(row.currency),
      (f) => void report("load", f),
    );
    if (cancelled) throw new RunCancelledError();
    if (loaded.lastOrderAt === null)
      throw new Error("This store has no orders yet: import orders, then run the analysis.");
    const totalCustomers = loaded.data.customerCount;
    const customerIds = loaded.customerIds;
    const categories = [...loaded.data.categories];
    // The cutoff: just after the last order, so every order counts and recency is measured from it.
    const cutoff = loaded.lastOrderAt + 1;

    await enter("segments");
    let lastReport = 0;
    let stepChange: Promise<void> = Promise.resolve();
    worker = await startWorker({ data: loaded.data, cutoff, timeZone: row.timezone, params });
    const result = await new Promise<ReturnType<typeof computeRun>>((resolve, reject) => {
      const w = worker as Worker;
      w.on("message", (m: WorkerMessage) => {
        if (m.type === "progress") {
          if (m.step !== step) {
            // The worker moved on (segments → predictions): record the step's time, like enter().
            const previous = step;
            const ms = performance.now() - stepStarted;
            step = m.step;
            stepStarted = performance.now();
            stepChange = stepChange.then(() => appendStepTiming(storeId, runId, previous, ms));
          }
          const now = performance.now();
          if (now - lastReport > 500 || m.fraction >= 1) {
            lastReport = now;
            void report(m.step, m.fraction);
          }
        } else if (m.type === "result") resolve(m.output);
        else reject(new Error(m.message));
      });
      w.on("error", reject);
      w.on("exit", (code) =>
        cancelled ? reject(new RunCancelledError()) : code !== 0 && reject(new Error(`worker stopped (${code})`)),
      );
    });
    await worker.terminate();
    worker = null;
    await stepChange;
    const out = result.segments;

    // Persona text from the language model, when the store has one; the rule-based text otherwise.
    await enter("personas");
    const personas = await writePersonas({
      storeId,
      profiles: out.profiles,
      labels: out.labels,
      churnProb: result.predictions.churnProb,
      clv: result.predictions.clv,
      segmentTop: result.recommendations.segmentTop,
      currency: row.currency,
      onProgress: (f) => void report("personas", f),
    });
    if (cancelled) throw new RunCancelledError();

    await enter("persist");
    const summary = {
      ...out.segmentation,
      cutoff: new Date(cutoff).toISOString(),
      featureNames: out.featureNames,
      categories,
      analysedCustomers: out.customers.length,
      totalCustomers,
      personas: personas.report,
    };
    await persistRun(
      sql,
      {
        storeId,
        runId,
        customerIds,
        out,
        predictions: result.predictions,
        recommendations: result.recommendations,
        personaTexts: personas.texts,
        summary,
      },
      (f) => void report("persist", f),
    );
    await appendStepTiming(storeId, runId, "persist", performance.now() - stepStarted);
    await pruneOldRunRows(sql, storeId);
    return { status: "succeeded" };
  } catch (err) {
    await worker?.terminate();
    if (cancelled || err instanceof RunCancelledError || err instanceof RunNoLongerActiveError) {
      await finishRun(storeId, runId, "cancelled");
      return { status: "cancelled" };
    }
    const message = err instanceof Error ? err.message : String(err);
    await finishRun(storeId, runId, "failed", message).catch(() => undefined);
    return { status: "failed", error: message };
  }
}
