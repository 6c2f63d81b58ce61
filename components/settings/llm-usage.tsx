import { getFormatter, getTranslations } from "next-intl/server";
import { SimpleBarChart } from "@/components/charts/bar-chart";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { LlmUsage } from "@/lib/db/llm";

/** Settings → language-model usage: calls, errors, tokens and latency by purpose; calls per day; recent calls. */
export async function LlmUsageReport({ usage }: { usage: LlmUsage }) {
  const t = await getTranslations("settings.llm");
  const format = await getFormatter();
  const purpose = (p: string) =>
    ["campaign_copy", "translation", "persona", "test_connection"].includes(p) ? t(`purposes.${p as "persona"}`) : p;
  const ms = (v: number | null) => (v === null ? "—" : `${format.number(Math.round(v))} ms`);
  if (usage.byPurpose.length === 0 && usage.recent.length === 0)
    return (
      <p className="text-sm text-[var(--color-muted)]" data-testid="llm-usage-empty">
        {t("usageEmpty")}
      </p>
    );
  return (
    <div className="flex flex-col gap-4">
      <div className="overflow-x-auto">
        <Table data-testid="llm-usage" className="whitespace-nowrap">
          <THead>
            <Tr>
              <Th>{t("purpose")}</Th>
              <Th className="text-right">{t("calls")}</Th>
              <Th className="text-right">{t("errors")}</Th>
              <Th className="text-right">{t("tokens")}</Th>
              <Th className="text-right">{t("latency")}</Th>
              <Th className="text-right">{t("ttft")}</Th>
            </Tr>
          </THead>
          <TBody>
            {usage.byPurpose.map((r) => (
              <Tr key={r.purpose}>
                <Td>{purpose(r.purpose)}</Td>
                <Td className="tabular text-right">{format.number(r.calls)}</Td>
                <Td className="tabular text-right">{format.number(r.errors)}</Td>
                <Td className="tabular text-right">
                  {format.number(r.promptTokens)} / {format.number(r.completionTokens)}
                </Td>
                <Td className="tabular text-right">{ms(r.medianLatencyMs)}</Td>
                <Td className="tabular text-right">{ms(r.medianFirstTokenMs)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
      {usage.byDay.length > 1 ? (
        <figure>
          <figcaption className="mb-1 text-sm font-medium">{t("chartTitle")}</figcaption>
          <SimpleBarChart
            data={usage.byDay.map((d) => ({ label: d.day.slice(5), value: d.calls }))}
            orientation="vertical"
            valueLabel={t("calls")}
            height={160}
          />
        </figure>
      ) : null}
      <div>
        <p className="mb-1 text-sm font-medium">{t("recent")}</p>
        <ul className="divide-y divide-gray-100 text-xs" data-testid="llm-recent">
          {usage.recent.map((r, i) => (
            <li key={i} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
              <span className="text-[var(--color-muted)]">
                {format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "medium" })}
              </span>
              <span>{purpose(r.purpose)}</span>
              <span className="text-[var(--color-muted)]">{r.model}</span>
              <Badge tone={r.outcome === "ok" ? "neutral" : "warning"}>
                {r.outcome}
                {r.error ? ` · ${r.error}` : ""}
              </Badge>
              <span className="tabular">{ms(r.latencyMs)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
