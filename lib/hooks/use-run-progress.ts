"use client";
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "./query-keys";

export type RunProgress = {
  id: number;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  step: string | null;
  progress: number;
  error: string | null;
};

/** Polls a run every second while it is queued or running. */
export function useRunProgress(runId: number | null) {
  return useQuery({
    queryKey: queryKeys.run(runId ?? 0),
    enabled: runId !== null,
    queryFn: async (): Promise<RunProgress> => {
      const res = await fetch(`/api/runs/${runId}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`run ${runId}: HTTP ${res.status}`);
      return (await res.json()) as RunProgress;
    },
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "queued" || status === "running" || status === undefined ? 1000 : false;
    },
    staleTime: 0,
  });
}
