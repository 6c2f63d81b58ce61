// Worker-thread entry of the pipeline: computes on the typed arrays the main thread loaded and
// transferred, reports progress, and transfers the results back. No database here (PGlite cannot
// be shared between threads; shared/STACK.md).
import { parentPort, workerData } from "node:worker_threads";
import { computeRun, type ComputeInput, type RunStep } from "./compute";
import { PredictionDataError } from "./predict-data";
import { SegmentationInputError } from "./segment";

export type WorkerMessage =
  | { type: "progress"; step: RunStep; fraction: number; detail?: string }
  | { type: "result"; output: ReturnType<typeof computeRun> }
  | { type: "error"; message: string; userError: boolean };

const port = parentPort;
if (!port) throw new Error("lib/pipeline/worker.ts must run in a worker thread");

try {
  const output = computeRun(workerData as ComputeInput, (step, fraction, detail) =>
    port.postMessage({ type: "progress", step, fraction, detail } satisfies WorkerMessage),
  );
  const { segments: s, predictions: p, recommendations: r } = output;
  port.postMessage({ type: "result", output } satisfies WorkerMessage, [
    s.customers.buffer,
    s.features.buffer,
    s.labels.buffer,
    s.coords.buffer,
    s.rfmR.buffer,
    s.rfmF.buffer,
    s.rfmM.buffer,
    p.churnProb.buffer,
    p.spendNext.buffer,
    p.expectedPurchases.buffer,
    p.pAlive.buffer,
    p.clv.buffer,
    p.clvLow.buffer,
    p.clvHigh.buffer,
    r.offsets.buffer,
    r.items.buffer,
    r.scores.buffer,
    r.because.buffer,
    r.source.buffer,
  ] as ArrayBuffer[]);
} catch (err) {
  const userError =
    err instanceof SegmentationInputError || err instanceof PredictionDataError || err instanceof RangeError;
  port.postMessage({ type: "error", message: (err as Error).message, userError } satisfies WorkerMessage);
}
