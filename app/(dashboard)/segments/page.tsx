import type { Metadata } from "next";
import { PieChart } from "lucide-react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ModelSelectionChart } from "@/components/charts/model-selection-chart";
import { segmentColor } from "@/components/charts/palette";
import { SegmentMap, type MapSeries } from "@/components/charts/segment-map";
import { SegmentSizeChart } from "@/components/charts/segment-size-chart";
import { ProfileHeatmap } from "@/components/segments/profile-heatmap";
import { RunControls } from "@/components/segments/run-controls";
import { RunHistory } from "@/components/segments/run-history";
import { segmentLabel } from "@/components/segments/segment-label";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requireSession } from "@/lib/auth/session";
import { getActiveRun, listRuns } from "@/lib/db/runs";
import { getCurrentAnalysis, getSegmentMap } from "@/lib/db/segments";
import { BASE_FEATURES } from "@/lib/analytics/customer-features";
import { formatFeature } from "@/lib/format/feature";
import { aiLocale, nameSegments } from "@/lib/format/persona";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("segments") };
}

const MAP_SAMPLE = 3000;

export default async function SegmentsPage() {
  const session = await requireSession();
  const { store } = session;
  const t = await getTranslations("segments");
  const tPersona = await getTranslations("personas");
  const tFeature = await getTranslations("features");
  const tRfm = await getTranslations("rfm");
  const format = await getFormatter();
  const locale = await getLocale();
  const [analysis, active, runs] = await Promise.all([
    getCurrentAnalysis(store.id),
    getActiveRun(store.id),
    listRuns(store.id, 10),
  ]);
  const controls = <RunControls canRun={can(session.role, "pipeline.run")} activeRunId={active?.id ?? null} />;
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 1 });

  if (!analysis) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} actions={controls} />
        <EmptyState
          icon={<PieChart className="h-10 w-10" />}
          title={(await getTranslations("pending"))("notAnalysed")}
          description={(await getTranslations("pending"))("segments.empty")}
        />
        {runs.length ? <RunHistory runs={runs} currentRunId={null} timeZone={store.timezone} /> : null}
      </>
    );
  }

  const { summary, segments } = analysis;
  const pageLang = aiLocale(await getLocale());
  const names = nameSegments(
    segments.map((s) => ({
      segment: s.segment,
      persona: s.profile.persona,
      aiName: s.aiText?.[pageLang]?.name,
    })),
  );
  const label = (segment: number) => segmentLabel(names.get(segment), segment, tPersona, t("noise"));
  const map = await getSegmentMap(store.id, analysis.runId, MAP_SAMPLE);
  const series: MapSeries[] = segments.map((s) => ({
    segment: s.segment,
    label: label(s.segment),
    points: map.points.filter((p) => p.segment === s.segment).map((p) => ({ x: p.x, y: p.y })),
  }));
  const variance = summary.explainedVarianceRatio.slice(0, 2).reduce((a, b) => a + b, 0);
  const bySize = [...segments].sort((a, b) => b.size - a.size);
  const byRevenue = [...segments].sort((a, b) => b.revenueShare - a.revenueShare);
  const cutoff = format.dateTime(new Date(summary.cutoff), { dateStyle: "medium", timeZone: store.timezone });
  const heatFeatures = BASE_FEATURES.filter((f) => summary.used.includes(f)).map((key) => ({
    key,
    label: tFeature(key),
  }));

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={controls} />
      <p className="mb-6 text-sm text-[var(--color-muted)]" data-testid="segments-summary">
        {t("summary", {
          algo: t(`run.algos.${summary.algo as "kmeans"}`),
          k: summary.k,
          analysed: format.number(summary.analysedCustomers),
          total: format.number(summary.totalCustomers),
          cutoff,
          silhouette:
            summary.silhouette === null ? "—" : format.number(summary.silhouette, { maximumFractionDigits: 3 }),
        })}
      </p>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Card className="xl:col-span-2">
          <CardHeader>
            <CardTitle>{t("map.title")}</CardTitle>
            <CardDescription>
              {t("map.takeaway", {
                variance: pct(variance),
                shown: format.number(map.points.length),
                total: format.number(map.total),
              })}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SegmentMap series={series} axis={{ x: t("map.pc1"), y: t("map.pc2") }} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("sizes.title")}</CardTitle>
            <CardDescription>
              {t("sizes.takeaway", {
                share: pct((bySize[0]?.size ?? 0) / summary.analysedCustomers),
                top: label(byRevenue[0]?.segment ?? 0),
                revenue: pct(byRevenue[0]?.revenueShare ?? 0),
              })}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SegmentSizeChart
              locale={locale}
              labels={{ customers: t("sizes.customers"), revenue: t("sizes.revenue") }}
              data={segments.map((s) => ({
                segment: s.segment,
                label: label(s.segment),
                customers: s.size / summary.analysedCustomers,
                revenue: s.revenueShare,
              }))}
            />
            <ul className="sr-only">
              {segments.map((s) => (
                <li key={s.segment}>
                  {label(s.segment)}: {pct(s.size / summary.analysedCustomers)}, {pct(s.revenueShare)}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("selection.title")}</CardTitle>
            <CardDescription>
              {summary.curve.length > 1
                ? t("selection.takeaway", { k: summary.k })
                : t("selection.fixed", { k: summary.k })}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {summary.curve.length > 1 ? (
              <ModelSelectionChart
                locale={locale}
                data={summary.curve}
                chosen={summary.k}
                labels={{
                  silhouette: t("selection.silhouette"),
                  inertia: t("selection.inertia"),
                  k: t("selection.k"),
                  chosen: t("selection.chosen"),
                }}
              />
            ) : null}
            <table className="mt-2 w-full text-xs tabular">
              <caption className="sr-only">{t("selection.title")}</caption>
              <thead className="text-left text-[var(--color-muted)]">
                <tr>
                  <th scope="col">{t("selection.k")}</th>
                  <th scope="col" className="text-right">
                    {t("selection.silhouette")}
                  </th>
                  <th scope="col" className="text-right">
                    {t("selection.daviesBouldin")}
                  </th>
                  <th scope="col" className="text-right">
                    {t("selection.inertia")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.curve.map((p) => (
                  <tr key={p.k} className={p.k === summary.k ? "font-semibold" : undefined}>
                    <td>{p.k}</td>
                    <td className="text-right">{p.silhouette.toFixed(3)}</td>
                    <td className="text-right">{p.daviesBouldin.toFixed(2)}</td>
                    <td className="text-right">{format.number(p.inertia, { maximumFractionDigits: 0 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card className="xl:col-span-2">
          <CardHeader>
            <CardTitle>{t("profile.title")}</CardTitle>
            <CardDescription>{t("profile.takeaway")}</CardDescription>
          </CardHeader>
          <CardContent>
            <ProfileHeatmap
              caption={t("profile.title")}
              featureHeader={t("profile.feature")}
              features={heatFeatures}
              format={(z) => format.number(z, { maximumFractionDigits: 2, signDisplay: "exceptZero" })}
              segments={segments.map((s) => ({
                segment: s.segment,
                label: label(s.segment),
                z: s.centroidZ,
                mean: Object.fromEntries(
                  heatFeatures.map((f) => [f.key, formatFeature(f.key, s.centroid[f.key], locale, store.currency)]),
                ),
              }))}
            />
          </CardContent>
        </Card>
        <Card className="xl:col-span-2">
          <CardHeader>
            <CardTitle>{t("dropped.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            {summary.dropped.length === 0 ? (
              <p className="text-sm text-[var(--color-muted)]">{t("dropped.none", { count: summary.used.length })}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-sm">
                {summary.dropped.map((d) => (
                  <li key={d.name}>
                    {t(`dropped.${d.reason as "correlated"}`, {
                      name: tFeature.has(d.name as "frequency") ? tFeature(d.name as "frequency") : d.name,
                      partner:
                        d.partnerName && tFeature.has(d.partnerName as "frequency")
                          ? tFeature(d.partnerName as "frequency")
                          : (d.partnerName ?? ""),
                      value: format.number(d.reason === "correlated" ? (d.r ?? 0) : (d.variance ?? 0), {
                        maximumSignificantDigits: 3,
                      }),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        {summary.rfmMovement?.length ? (
          <Card className="xl:col-span-2">
            <CardHeader>
              <CardTitle>{t("movement.title")}</CardTitle>
              <CardDescription>{t("movement.takeaway")}</CardDescription>
            </CardHeader>
            <CardContent className="px-0">
              <Table data-testid="rfm-movement">
                <THead>
                  <tr>
                    <Th>{t("movement.from")}</Th>
                    <Th>{t("movement.to")}</Th>
                    <Th numeric>{t("movement.customers")}</Th>
                  </tr>
                </THead>
                <TBody>
                  {summary.rfmMovement.slice(0, 10).map((m) => (
                    <Tr key={`${m.from}>${m.to}`}>
                      <Td>{tRfm(m.from as "lost")}</Td>
                      <Td>{m.from === m.to ? `= ${t("movement.stayed")}` : `→ ${tRfm(m.to as "lost")}`}</Td>
                      <Td numeric>{format.number(m.customers)}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </CardContent>
          </Card>
        ) : null}
        <div className="xl:col-span-2">
          <RunHistory runs={runs} currentRunId={analysis.runId} timeZone={store.timezone} />
        </div>
      </div>
      <ul className="mt-6 flex flex-wrap gap-3 text-xs" aria-label={t("title")}>
        {segments.map((s) => (
          <li key={s.segment} className="flex items-center gap-1.5">
            <span
              className="inline-block h-3 w-3 rounded-full"
              style={{ background: segmentColor(s.segment) }}
              aria-hidden="true"
            />
            {label(s.segment)}
          </li>
        ))}
      </ul>
    </>
  );
}
