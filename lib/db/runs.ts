import "server-only";
// Pipeline runs: one row per analysis a store asked for, with its status and progress, and the
// results it produced (run_segment, run_customer). Every function takes the session's storeId.
import { getPrisma, getSql } from "./client";
import type { Prisma } from "../generated/prisma/client";
import type { RunStatus } from "../generated/prisma/enums";

export type RunSummaryRow = {
  id: number;
  status: RunStatus;
  step: string | null;
  progress: number;
  params: unknown;
  stepTimings: unknown;
  summary: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  startedBy: { name: string } | null;
};

const runSelect = {
  id: true,
  status: true,
  step: true,
  progress: true,
  params: true,
  stepTimings: true,
  summary: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  startedBy: { select: { name: true } },
} as const;

export class RunAlreadyActiveError extends Error {
  override name = "RunAlreadyActiveError";
  constructor() {
    super("An analysis is already queued or running for this store.");
  }
}

/** Queues a run. At most one queued or running run per store (a partial unique index enforces it). */
export async function createRun(
  storeId: number,
  startedById: string | null,
  params: Prisma.InputJsonValue,
): Promise<number> {
  const prisma = await getPrisma();
  try {
    const run = await prisma.pipelineRun.create({ data: { storeId, startedById, params }, select: { id: true } });
    return run.id;
  } catch (err) {
    if ((err as { code?: string }).code === "P2002" || /pipeline_run_one_active_per_store/.test(String(err))) {
      throw new RunAlreadyActiveError();
    }
    throw err;
  }
}

export async function getRun(storeId: number, runId: number): Promise<RunSummaryRow | null> {
  const prisma = await getPrisma();
  return prisma.pipelineRun.findUnique({ where: { storeId_id: { storeId, id: runId } }, select: runSelect });
}

export async function listRuns(storeId: number, limit = 20): Promise<RunSummaryRow[]> {
  const prisma = await getPrisma();
  return prisma.pipelineRun.findMany({ where: { storeId }, orderBy: { id: "desc" }, take: limit, select: runSelect });
}

export async function getActiveRun(storeId: number): Promise<RunSummaryRow | null> {
  const prisma = await getPrisma();
  return prisma.pipelineRun.findFirst({ where: { storeId, status: { in: ["queued", "running"] } }, select: runSelect });
}

export async function markRunStarted(storeId: number, runId: number): Promise<void> {
  const prisma = await getPrisma();
  await prisma.pipelineRun.update({
    where: { storeId_id: { storeId, id: runId } },
    data: { status: "running", startedAt: new Date(), heartbeatAt: new Date(), progress: 0 },
  });
}

/** Progress and heartbeat; returns whether a cancel was requested meanwhile. */
export async function reportRunProgress(
  storeId: number,
  runId: number,
  step: string,
  progress: number,
): Promise<boolean> {
  const sql = await getSql();
  const rows = await sql.query<{ cancel_requested: boolean }>(
    `UPDATE pipeline_run SET step = $3, progress = $4, heartbeat_at = now()
     WHERE store_id = $1 AND id = $2 AND status = 'running'
     RETURNING cancel_requested`,
    [storeId, runId, step, Math.max(0, Math.min(100, Math.round(progress)))],
  );
  return rows[0]?.cancel_requested ?? true; // gone or no longer running: stop
}

export async function appendStepTiming(storeId: number, runId: number, step: string, ms: number): Promise<void> {
  const sql = await getSql();
  await sql.query(
    `UPDATE pipeline_run SET step_timings = step_timings || jsonb_build_array(jsonb_build_object('step', $3::text, 'ms', $4::int))
     WHERE store_id = $1 AND id = $2`,
    [storeId, runId, step, Math.round(ms)],
  );
}

/** A queued run is cancelled at once; a running one is flagged and stops at its next check. */
export async function requestRunCancel(storeId: number, runId: number): Promise<boolean> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>(
    `UPDATE pipeline_run
     SET cancel_requested = true,
         status = CASE WHEN status = 'queued' THEN 'cancelled'::"RunStatus" ELSE status END,
         finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
     WHERE store_id = $1 AND id = $2 AND status IN ('queued', 'running')
     RETURNING id`,
    [storeId, runId],
  );
  return rows.length > 0;
}

export async function finishRun(
  storeId: number,
  runId: number,
  status: "failed" | "cancelled",
  error?: string,
): Promise<void> {
  const prisma = await getPrisma();
  await prisma.pipelineRun.updateMany({
    where: { storeId, id: runId, status: { in: ["queued", "running"] } },
    data: { status, error: error ?? null, step: null, finishedAt: new Date() },
  });
}

/**
 * Runs left queued or running by a process that died: on the embedded database (one process) every
 * such run at start-up; on PostgreSQL those whose heartbeat is older than `staleSeconds`.
 */
export async function failOrphanedRuns(options: { staleSeconds: number | null }): Promise<number> {
  const sql = await getSql();
  const rows = await sql.query<{ id: number }>(
    `UPDATE pipeline_run
     SET status = 'failed', step = NULL, finished_at = now(),
         error = 'Interrupted: the server stopped while this analysis was running. The previous results are still shown; start it again.'
     WHERE status IN ('queued', 'running')
       AND ($1::int IS NULL OR coalesce(heartbeat_at, created_at) < now() - make_interval(secs => $1::int))
     RETURNING id`,
    [options.staleSeconds],
  );
  return rows.length;
}
