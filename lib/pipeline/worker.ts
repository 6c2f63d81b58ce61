// Worker-thread entry of the pipeline: computes on the typed arrays the main thread loaded and
// transferred, reports progress, and transfers the results back. No database here (PGlite cannot
// be shared between threads; shared/STACK.md).
import { parentPort, workerData } from "node:worker_threads";
import { computeSegments, type ComputeInput } from "./compute";
import { SegmentationInputError } from "./segment";

export type WorkerMessage =
  | { type: "progress"; fraction: number; detail?: string }
  | { type: "result"; output: ReturnType<typeof computeSegments> }
  | { type: "error"; message: string; userError: boolean };

const port = parentPort;
if (!port) throw new Error("lib/pipeline/worker.ts must run in a worker thread");

try {
  const output = computeSegments(workerData as ComputeInput, (fraction, detail) =>
    port.postMessage({ type: "progress", fraction, detail } satisfies WorkerMessage),
  );
  port.postMessage({ type: "result", output } satisfies WorkerMessage, [
    output.customers.buffer,
    output.features.buffer,
    output.labels.buffer,
    output.coords.buffer,
    output.rfmR.buffer,
    output.rfmF.buffer,
    output.rfmM.buffer,
  ] as ArrayBuffer[]);
} catch (err) {
  const userError = err instanceof SegmentationInputError || err instanceof RangeError;
  port.postMessage({ type: "error", message: (err as Error).message, userError } satisfies WorkerMessage);
}
