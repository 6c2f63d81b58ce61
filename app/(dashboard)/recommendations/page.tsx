import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { SimpleBarChart } from "@/components/charts/bar-chart";
import { MetricAtKChart } from "@/components/charts/metric-at-k-chart";
import { ProductCards } from "@/components/recommendations/product-cards";
import { segmentLabel } from "@/components/segments/segment-label";
import { PendingAnalysis } from "@/components/shell/pending-analysis";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requireSession } from "@/lib/auth/session";
import { getCustomer, listCustomers } from "@/lib/db/customers";
import { getCurrentRecommendationReport, type ExplicitReport } from "@/lib/db/recommendations";
import { getCurrentAnalysis } from "@/lib/db/segments";
import { aiLocale, nameSegments } from "@/lib/format/persona";
import { findProductBySku } from "@/lib/db/recommendations";
import { serveCustomer, serveSegment, serveTogether } from "@/lib/pipeline/serve";
import { maskName } from "@/lib/privacy/mask";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("recommendations") };
}

const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  customer: z.coerce.number().int().positive().optional().catch(undefined),
  segment: z.coerce.number().int().min(-1).max(100).optional().catch(undefined),
  sku: z.string().trim().min(1).max(200).optional().catch(undefined),
});

const METRICS = ["precision", "recall", "ndcg", "map", "hitRate", "coverage", "popularityPercentile"] as const;

export default async function RecommendationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { store } = await requireSession();
  const [current, analysis] = await Promise.all([
    getCurrentRecommendationReport(store.id),
    getCurrentAnalysis(store.id),
  ]);
  if (!current || !analysis) return <PendingAnalysis area="recommendations" storeId={store.id} />;
  const query = querySchema.parse(await searchParams);
  const t = await getTranslations("recommendations");
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
  const { report } = current;
  const fixed = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "—");

  const matches = query.q
    ? await listCustomers(store.id, { query: query.q, page: 1, pageSize: 8, sort: "id_asc", matchName: true })
    : null;
  const togetherFor = query.sku ? await findProductBySku(store.id, query.sku) : undefined;
  const together = togetherFor ? await serveTogether(store.id, current.runId, togetherFor.id) : null;
  const customer = query.customer ? await getCustomer(store.id, query.customer) : null;
  const forCustomer = customer ? await serveCustomer(store.id, current.runId, customer.id) : null;
  const segment = query.segment !== undefined ? analysis.segments.find((s) => s.segment === query.segment) : undefined;
  const forSegment = segment ? await serveSegment(store.id, current.runId, segment.segment) : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{t("preview")}</CardTitle>
          <CardDescription>{t("previewHint")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-wrap items-end gap-6">
            <form method="get" className="flex items-end gap-2" role="search">
              <label className="flex flex-col gap-1 text-sm">
                <span className="text-[var(--color-muted)]">{t("findCustomer")}</span>
                <input
                  name="q"
                  defaultValue={query.q ?? ""}
                  placeholder="C000123"
                  className="h-9 rounded-md border border-[var(--color-border)] px-3"
                />
              </label>
              <Button type="submit" variant="secondary" size="sm">
                {t("find")}
              </Button>
            </form>
            <form method="get" className="flex items-end gap-2">
              <label className="flex flex-col gap-1 text-sm">
                <span className="text-[var(--color-muted)]">{t("orPersona")}</span>
                <select
                  name="segment"
                  defaultValue={segment ? String(segment.segment) : ""}
                  className="h-9 rounded-md border border-[var(--color-border)] bg-white px-3"
                >
                  <option value="">—</option>
                  {analysis.segments.map((s) => (
                    <option key={s.segment} value={s.segment}>
                      {label(s.segment)}
                    </option>
                  ))}
                </select>
              </label>
              <Button type="submit" variant="secondary" size="sm">
                {t("show")}
              </Button>
            </form>
          </div>
          {matches ? (
            matches.rows.length === 0 ? (
              <p className="text-sm text-[var(--color-muted)]">{t("noMatch")}</p>
            ) : (
              <ul className="flex flex-wrap gap-2" data-testid="customer-matches">
                {matches.rows.map((c) => (
                  <li key={c.id}>
                    <Link
                      href={`/recommendations?customer=${c.id}`}
                      className="rounded-md border border-[var(--color-border)] px-2 py-1 text-sm hover:bg-gray-50"
                    >
                      {maskName(c.name)} · {c.externalId}
                    </Link>
                  </li>
                ))}
              </ul>
            )
          ) : null}
          {customer && forCustomer ? (
            <section
              aria-label={t("forCustomer", { customer: maskName(customer.name) })}
              className="flex flex-col gap-2"
            >
              <h3 className="text-sm font-semibold">
                {t("forCustomer", { customer: `${maskName(customer.name)} · ${customer.externalId}` })}{" "}
                {forCustomer.coldStart ? <Badge tone="warning">{t("coldStart")}</Badge> : null}
              </h3>
              {forCustomer.items.length > 0 ? (
                <ProductCards items={forCustomer.items} currency={store.currency} />
              ) : (
                <p className="text-sm text-[var(--color-muted)]">{t("nothingLeft")}</p>
              )}
            </section>
          ) : null}
          {segment && forSegment ? (
            <section className="flex flex-col gap-2">
              <h3 className="text-sm font-semibold">{t("forPersona", { persona: label(segment.segment) })}</h3>
              <ProductCards items={forSegment} currency={store.currency} />
            </section>
          ) : null}
          {!customer && !segment && !matches ? <p className="text-sm text-[var(--color-muted)]">{t("pick")}</p> : null}
        </CardContent>
      </Card>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{t("together.title")}</CardTitle>
          <CardDescription>{t("together.hint")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <form method="get" className="flex items-end gap-2">
            <label className="flex flex-col gap-1 text-sm">
              <span className="text-[var(--color-muted)]">SKU</span>
              <input
                name="sku"
                defaultValue={query.sku ?? ""}
                placeholder="SKU-HOM-001"
                className="h-9 rounded-md border border-[var(--color-border)] px-3"
              />
            </label>
            <Button type="submit" variant="secondary" size="sm">
              {t("show")}
            </Button>
          </form>
          {query.sku && !togetherFor ? (
            <p className="text-sm text-[var(--color-muted)]">{t("together.unknown")}</p>
          ) : null}
          {together ? (
            together.length > 0 ? (
              <ProductCards items={together} currency={store.currency} />
            ) : (
              <p className="text-sm text-[var(--color-muted)]">{t("together.none")}</p>
            )
          ) : null}
        </CardContent>
      </Card>

      <section aria-labelledby="rec-models" className="flex flex-col gap-4">
        <h2 id="rec-models" className="text-lg font-semibold">
          {t("models.title")}
        </h2>
        {"skipped" in report ? (
          <EmptyState
            title={t("models.unavailable")}
            description={t(
              `skipped.${report.skipped.code as "no_purchases"}`,
              (report.skipped.values ?? {}) as Record<string, number>,
            )}
          />
        ) : (
          <>
            <Card>
              <CardHeader>
                <CardTitle>{t("models.comparison")}</CardTitle>
                <CardDescription data-testid="rec-takeaway">
                  {(() => {
                    const ndcg = (key: string) =>
                      report.models.find((m) => m.key === key)?.atK.find((a) => a.k === 10)?.ndcg ?? NaN;
                    return report.beatsPopularity
                      ? t("models.takeaway", {
                          model: t(`models.names.${report.chosen as "ease"}`),
                          ndcg: fixed(ndcg(report.chosen)),
                          popularity: fixed(ndcg("popularity")),
                        })
                      : t("models.popularityServed", { popularity: fixed(ndcg("popularity")) });
                  })()}{" "}
                  {t("models.protocol", {
                    users: format.number(report.evaluatedUsers),
                    interactions: format.number(report.interactions),
                    products: format.number(report.products),
                  })}
                </CardDescription>
              </CardHeader>
              <CardContent className="overflow-x-auto">
                <Table data-testid="rec-model-table">
                  <THead>
                    <Tr>
                      <Th>{t("models.model")}</Th>
                      {METRICS.map((m) => (
                        <Th key={m} numeric>
                          {t(`metrics.${m}`)}@10
                        </Th>
                      ))}
                      <Th numeric>{t("metrics.seconds")}</Th>
                    </Tr>
                  </THead>
                  <TBody>
                    {report.models.map((m) => {
                      const at10 = m.atK.find((a) => a.k === 10);
                      return (
                        <Tr key={m.key} className={m.key === "popularity" ? "bg-gray-50" : undefined}>
                          <Td className="whitespace-nowrap font-medium">
                            {t(`models.names.${m.key as "ease"}`)}{" "}
                            {m.key === report.chosen ? <Badge tone="success">{t("models.chosen")}</Badge> : null}
                            {m.key === "popularity" ? <Badge>{t("models.baseline")}</Badge> : null}
                          </Td>
                          {METRICS.map((k) => (
                            <Td key={k} numeric>
                              {at10 ? fixed(at10[k]) : "—"}
                            </Td>
                          ))}
                          <Td numeric>{m.fitSeconds.toFixed(2)}</Td>
                        </Tr>
                      );
                    })}
                  </TBody>
                </Table>
              </CardContent>
            </Card>
            {report.explicit ? <ExplicitCard report={report.explicit} /> : null}
            <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
              {(["ndcg", "recall"] as const).map((metric) => (
                <Card key={metric}>
                  <CardHeader>
                    <CardTitle>{t("models.atK", { metric: t(`metrics.${metric}`) })}</CardTitle>
                  </CardHeader>
                  <CardContent>
                    <MetricAtKChart
                      labels={{ k: "K", metric: t(`metrics.${metric}`) }}
                      series={report.models.map((m) => ({
                        key: m.key,
                        label: t(`models.names.${m.key as "ease"}`),
                        values: m.atK.map((a) => ({ k: a.k, value: a[metric] })),
                        baseline: m.key === "popularity",
                        chosen: m.key === report.chosen,
                      }))}
                    />
                  </CardContent>
                </Card>
              ))}
            </div>
          </>
        )}
      </section>
      <p className="mt-4 text-xs text-[var(--color-muted)]">
        {t("controlsHint")}{" "}
        <Link href="/settings" className="text-[var(--color-accent)] hover:underline">
          {t("controlsLink")}
        </Link>
      </p>
    </>
  );
}

async function ExplicitCard({ report }: { report: ExplicitReport }) {
  const t = await getTranslations("recommendations.explicit");
  const format = await getFormatter();
  if ("skipped" in report) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <CardDescription>
            {t(
              `skipped.${report.skipped.code as "too_few_reviews"}`,
              (report.skipped.values ?? {}) as Record<string, number>,
            )}
          </CardDescription>
        </CardHeader>
      </Card>
    );
  }
  const best = report.models.reduce((a, b) => (b.rmse < a.rmse ? b : a));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription data-testid="explicit-takeaway">
          {t("takeaway", {
            ratings: format.number(report.ratings),
            users: format.number(report.users),
            items: format.number(report.items),
            model: t(`names.${best.key as "svd"}`),
            rmse: best.rmse.toFixed(3),
          })}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-4 overflow-x-auto xl:grid-cols-2">
        <SimpleBarChart
          orientation="horizontal"
          valueLabel="RMSE"
          format="fixed3"
          data={report.models.map((m) => ({
            label: t(`names.${m.key as "svd"}`),
            value: Math.round(m.rmse * 1000) / 1000,
          }))}
        />
        <Table data-testid="explicit-table">
          <THead>
            <Tr>
              <Th>{t("model")}</Th>
              <Th numeric>RMSE</Th>
              <Th numeric>MAE</Th>
              <Th numeric>{t("fit")}</Th>
              <Th numeric>{t("test")}</Th>
            </Tr>
          </THead>
          <TBody>
            {report.models.map((m) => (
              <Tr key={m.key}>
                <Td className="font-medium">
                  {t(`names.${m.key as "svd"}`)} {m.key === best.key ? <Badge tone="success">{t("best")}</Badge> : null}
                </Td>
                <Td numeric>{m.rmse.toFixed(3)}</Td>
                <Td numeric>{m.mae.toFixed(3)}</Td>
                <Td numeric>{m.fitSeconds.toFixed(2)}</Td>
                <Td numeric>{m.testSeconds.toFixed(2)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}
