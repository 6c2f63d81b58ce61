import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, Download } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ReasonList } from "@/components/predictions/reason-list";
import { segmentLabel } from "@/components/segments/segment-label";
import { PendingAnalysis } from "@/components/shell/pending-analysis";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requireSession } from "@/lib/auth/session";
import { getCurrentPredictions, listAtRisk } from "@/lib/db/predictions";
import { getCurrentAnalysis } from "@/lib/db/segments";
import { aiLocale, nameSegments } from "@/lib/format/persona";
import { maskName } from "@/lib/privacy/mask";
import { atRiskQuerySchema } from "@/lib/validation/at-risk";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("predictions.atRisk"))("title") };
}

const PAGE_SIZE = 50;

export default async function AtRiskPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { store } = await requireSession();
  const [current, analysis] = await Promise.all([getCurrentPredictions(store.id), getCurrentAnalysis(store.id)]);
  if (!current || !analysis) return <PendingAnalysis area="predictions" storeId={store.id} />;
  const query = atRiskQuerySchema.parse(await searchParams);
  const t = await getTranslations("predictions.atRisk");
  const tPersona = await getTranslations("personas");
  const tSeg = await getTranslations("segments");
  const format = await getFormatter();
  const pageLang = aiLocale(await getLocale());
  const names = nameSegments(
    analysis.segments.map((s) => ({
      segment: s.segment,
      persona: s.profile.persona,
      aiName: s.aiText?.[pageLang]?.name,
    })),
  );
  const label = (segment: number) => segmentLabel(names.get(segment), segment, tPersona, tSeg("noise"));
  const { rows, total } = await listAtRisk(
    store.id,
    current.runId,
    current.featureNames,
    { segment: query.segment, minProb: query.min === undefined ? undefined : query.min / 100 },
    { page: query.page, pageSize: PAGE_SIZE },
  );
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filterQs = (extra: Record<string, string | number | undefined>) => {
    const qs = new URLSearchParams();
    const all = { segment: query.segment, min: query.min, ...extra };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) qs.set(k, String(v));
    return qs.toString();
  };
  const money = (v: number | null) =>
    v === null ? "—" : format.number(v, { style: "currency", currency: store.currency, maximumFractionDigits: 0 });
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 0 });
  const noChurnModel = "skipped" in current.predictions.churn;

  return (
    <>
      <Link
        href="/predictions"
        className="mb-4 inline-flex items-center gap-1 text-sm text-[var(--color-accent)] hover:underline"
      >
        <ArrowLeft className="h-4 w-4" aria-hidden="true" />
        {t("back")}
      </Link>
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t("filters")}>
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-[var(--color-muted)]">{t("segment")}</span>
          <select
            name="segment"
            defaultValue={query.segment === undefined ? "" : String(query.segment)}
            className="rounded-md border border-[var(--color-border)] bg-white px-3 py-1.5"
          >
            <option value="">{t("allSegments")}</option>
            {analysis.segments.map((s) => (
              <option key={s.segment} value={s.segment}>
                {label(s.segment)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-[var(--color-muted)]">{t("minRisk")}</span>
          <select
            name="min"
            defaultValue={query.min === undefined ? "" : String(query.min)}
            className="rounded-md border border-[var(--color-border)] bg-white px-3 py-1.5"
          >
            <option value="">{t("anyRisk")}</option>
            {[30, 50, 70, 90].map((v) => (
              <option key={v} value={v}>
                ≥ {v}%
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary" size="sm">
          {t("apply")}
        </Button>
        <a
          href={`/api/predictions/at-risk/export?${filterQs({})}`}
          className={buttonVariants({ variant: "secondary", size: "sm" })}
          data-testid="at-risk-export"
        >
          <Download className="h-4 w-4" aria-hidden="true" />
          {t("export")}
        </a>
      </form>
      {noChurnModel || total === 0 ? (
        <EmptyState
          title={noChurnModel ? t("noModel") : t("emptyTitle")}
          description={noChurnModel ? t("noModelHint") : t("emptyHint")}
        />
      ) : (
        <Card className="overflow-hidden">
          <p className="px-5 pt-4 text-sm text-[var(--color-muted)]">
            <span data-testid="at-risk-count">{t("count", { count: format.number(total) })}</span> · {t("whyHint")}
          </p>
          <div className="overflow-x-auto">
            <Table data-testid="at-risk-table">
              <THead>
                <Tr>
                  <Th>{t("customer")}</Th>
                  <Th>{t("segment")}</Th>
                  <Th numeric>{t("risk")}</Th>
                  <Th numeric>{t("clv")}</Th>
                  <Th numeric>{t("valueAtRisk")}</Th>
                  <Th numeric>{t("lastOrder")}</Th>
                  <Th>{t("why")}</Th>
                </Tr>
              </THead>
              <TBody>
                {rows.map((r) => (
                  <Tr key={r.customerId}>
                    <Td>
                      <Link href={`/customers/${r.customerId}`} className="font-medium hover:underline">
                        {maskName(r.name)}
                      </Link>
                      <div className="text-xs text-[var(--color-muted)]">{r.externalId}</div>
                    </Td>
                    <Td className="whitespace-nowrap">{label(r.segment)}</Td>
                    <Td numeric>{pct(r.churnProb)}</Td>
                    <Td numeric>
                      {money(r.clv)}
                      {r.clvLow !== null && r.clvHigh !== null ? (
                        <div className="text-xs text-[var(--color-muted)]">
                          {money(r.clvLow)}–{money(r.clvHigh)}
                        </div>
                      ) : null}
                    </Td>
                    <Td numeric className="font-medium">
                      {money(r.valueAtRisk)}
                    </Td>
                    <Td numeric>{t("daysAgo", { days: Math.round(r.recencyDays) })}</Td>
                    <Td className="min-w-64">
                      <ReasonList reasons={r.reasons} currency={store.currency} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
          <Pagination
            className="px-5 py-3"
            page={Math.min(query.page, pages)}
            pages={pages}
            hrefOf={(page) => `/predictions/at-risk?${filterQs({ page })}`}
          />
        </Card>
      )}
    </>
  );
}
