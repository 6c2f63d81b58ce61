import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { RunSummaryRow } from "@/lib/db/runs";

const TONE = {
  queued: "neutral",
  running: "info",
  succeeded: "success",
  failed: "critical",
  cancelled: "warning",
} as const;

export async function RunHistory({
  runs,
  currentRunId,
  timeZone,
}: {
  runs: RunSummaryRow[];
  currentRunId: number | null;
  timeZone: string;
}) {
  const t = await getTranslations("segments.history");
  const format = await getFormatter();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="px-0">
        <Table data-testid="run-history">
          <THead>
            <tr>
              <Th>{t("when")}</Th>
              <Th>{t("by")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("result")}</Th>
              <Th numeric>{t("duration")}</Th>
            </tr>
          </THead>
          <TBody>
            {runs.map((r) => {
              const summary = r.summary as { k?: number; silhouette?: number | null } | null;
              const seconds =
                r.startedAt && r.finishedAt ? (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000 : null;
              return (
                <Tr key={r.id}>
                  <Td className="whitespace-nowrap">
                    {format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "short", timeZone })}
                  </Td>
                  <Td>{r.startedBy?.name ?? t("system")}</Td>
                  <Td>
                    <Badge tone={TONE[r.status]}>{t(`statuses.${r.status}`)}</Badge>
                    {r.id === currentRunId ? (
                      <span className="ml-1 text-xs text-[var(--color-muted)]">({t("current")})</span>
                    ) : null}
                  </Td>
                  <Td className="max-w-[16rem] truncate" title={r.error ?? undefined}>
                    {r.status === "succeeded" && summary
                      ? `k = ${summary.k}${summary.silhouette != null ? `, s = ${summary.silhouette.toFixed(2)}` : ""}`
                      : (r.error ?? "")}
                  </Td>
                  <Td numeric>
                    {seconds === null ? "—" : `${format.number(seconds, { maximumFractionDigits: 1 })} s`}
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}
