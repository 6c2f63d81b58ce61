"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { cancelPipelineRun, startPipelineRun } from "@/lib/actions/pipeline";
import { useRunProgress } from "@/lib/hooks/use-run-progress";
import { K_MAX, K_MIN, SEGMENT_ALGOS, type SegmentAlgo } from "@/lib/validation/pipeline";

/** Start an analysis (algorithm, k), watch its progress, cancel it. */
export function RunControls({ canRun, activeRunId }: { canRun: boolean; activeRunId: number | null }) {
  const t = useTranslations("segments.run");
  const router = useRouter();
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<number | null>(activeRunId);
  const [algo, setAlgo] = useState<SegmentAlgo>("kmeans");
  const [k, setK] = useState<string>("auto");
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { data: run } = useRunProgress(runId);
  const refreshed = useRef(new Set<number>());
  const finished =
    run && (run.status === "succeeded" || run.status === "failed" || run.status === "cancelled") ? run : null;

  // When the watched run ends, re-render the server components once so the new results (or the
  // failure in the history) show.
  useEffect(() => {
    if (finished && !refreshed.current.has(finished.id)) {
      refreshed.current.add(finished.id);
      router.refresh();
    }
  }, [finished, router]);

  const outcome: { tone: "info" | "error"; text: string } | null = !finished
    ? null
    : finished.status === "succeeded"
      ? { tone: "info", text: t("succeeded") }
      : finished.status === "failed"
        ? { tone: "error", text: t("failed", { error: finished.error ?? "" }) }
        : { tone: "info", text: t("cancelled") };
  const shown = message ?? outcome;

  const active = run && (run.status === "queued" || run.status === "running") ? run : null;

  return (
    <div className="flex flex-col items-end gap-2">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          startTransition(async () => {
            const result = await startPipelineRun({ algo, k: k === "auto" ? "auto" : Number(k) });
            if (result.ok) {
              await queryClient.invalidateQueries({ queryKey: ["run"] });
              setRunId(result.data.runId);
            } else {
              setMessage({
                tone: "error",
                text:
                  result.error === "conflict"
                    ? t("conflict")
                    : result.error === "forbidden"
                      ? t("forbidden")
                      : t("invalid", { message: result.message ?? result.error }),
              });
            }
          });
        }}
      >
        <label className="flex flex-col gap-1 text-xs text-[var(--color-muted)]">
          {t("algo")}
          <select
            name="algo"
            value={algo}
            onChange={(e) => setAlgo(e.target.value as SegmentAlgo)}
            disabled={!canRun || !!active}
            className="h-9 rounded-md border border-[var(--color-border)] bg-white px-2 text-sm text-[var(--color-ink)]"
          >
            {SEGMENT_ALGOS.map((a) => (
              <option key={a} value={a}>
                {t(`algos.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-[var(--color-muted)]">
          {t("k")}
          <select
            name="k"
            value={k}
            onChange={(e) => setK(e.target.value)}
            disabled={!canRun || !!active || algo === "dbscan"}
            className="h-9 rounded-md border border-[var(--color-border)] bg-white px-2 text-sm text-[var(--color-ink)]"
          >
            <option value="auto">{t("auto")}</option>
            {Array.from({ length: K_MAX - K_MIN + 1 }, (_, i) => K_MIN + i).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={!canRun || pending || !!active}>
          {pending ? t("starting") : t("start")}
        </Button>
      </form>
      {!canRun ? <p className="text-xs text-[var(--color-muted)]">{t("forbidden")}</p> : null}
      {active ? (
        <div className="flex w-full min-w-[18rem] items-center gap-3" data-testid="run-progress">
          <div className="flex-1">
            <p className="mb-1 text-xs text-[var(--color-muted)]" aria-live="polite">
              {active.status === "queued"
                ? t("queued")
                : t("running", {
                    step: active.step ? t(`steps.${active.step as "load"}`) : "…",
                    progress: active.progress,
                  })}
            </p>
            <div
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={active.progress}
              aria-label={t("start")}
              className="h-2 w-full overflow-hidden rounded-full bg-gray-200"
            >
              <div
                className="h-full rounded-full bg-[var(--color-accent)] transition-all"
                style={{ width: `${active.progress}%` }}
              />
            </div>
          </div>
          {canRun ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => startTransition(async () => void (await cancelPipelineRun({ runId: active.id })))}
            >
              {t("cancel")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {shown ? (
        <p
          role={shown.tone === "error" ? "alert" : "status"}
          data-testid="run-message"
          className={
            shown.tone === "error" ? "text-sm text-[var(--color-negative)]" : "text-sm text-[var(--color-positive)]"
          }
        >
          {shown.text}
        </p>
      ) : null}
    </div>
  );
}
