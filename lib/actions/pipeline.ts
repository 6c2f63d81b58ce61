"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize } from "../auth/session";
import { createRun, requestRunCancel, RunAlreadyActiveError } from "../db/runs";
import { segmentParamsSchema } from "../validation/pipeline";
import { runAction, type ActionResult } from "./result";

/** Owner or analyst: queue an analysis of the session's store and start it in the background. */
export async function startPipelineRun(input: unknown): Promise<ActionResult<{ runId: number }>> {
  return runAction(async () => {
    const session = await authorize("pipeline.run");
    const parsed = segmentParamsSchema.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: "invalid",
        message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      };
    }
    let runId: number;
    try {
      runId = await createRun(session.store.id, session.user.id, parsed.data);
    } catch (err) {
      if (err instanceof RunAlreadyActiveError) return { ok: false, error: "conflict" };
      throw err;
    }
    // The run continues after this response: load and persist here, compute in a worker thread. Pages
    // are dynamic, and the run controls refresh the page when they see the run finish (revalidatePath
    // cannot be called once this action has returned).
    const { executeRun } = await import("../pipeline/run");
    void executeRun(session.store.id, runId);
    revalidatePath("/segments");
    return { ok: true, data: { runId } };
  });
}

const cancelSchema = z.object({ runId: z.coerce.number().int().positive() });

export async function cancelPipelineRun(input: { runId: number | string }): Promise<ActionResult> {
  return runAction(async () => {
    const parsed = cancelSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid" };
    const session = await authorize("pipeline.run");
    const done = await requestRunCancel(session.store.id, parsed.data.runId);
    if (!done) return { ok: false, error: "not-found" };
    revalidatePath("/segments");
    return { ok: true, data: undefined };
  });
}
