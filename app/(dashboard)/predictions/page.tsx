import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { SimpleBarChart } from "@/components/charts/bar-chart";
import { CalibrationChart } from "@/components/charts/calibration-chart";
import { HoldoutChart } from "@/components/charts/holdout-chart";
import { RocChart } from "@/components/charts/roc-chart";
import { ConfusionMatrix } from "@/components/predictions/confusion-matrix";
import { ThresholdConfusion } from "@/components/predictions/threshold-confusion";
import { featureLabel } from "@/components/predictions/labels";
import { ModelTable } from "@/components/predictions/model-table";
import { ReasonList } from "@/components/predictions/reason-list";
import { PendingAnalysis } from "@/components/shell/pending-analysis";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { requireSession } from "@/lib/auth/session";
import { getCurrentPredictions, getPredictionTotals, listAtRisk } from "@/lib/db/predictions";
import type { ChurnReport, Skipped, SpendReport } from "@/lib/db/prediction-report";
import type { ClvReport } from "@/lib/db/prediction-report";
import { maskName } from "@/lib/privacy/mask";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("predictions") };
}

const CHURN_COLUMNS = [
  { key: "auc" },
  { key: "prAuc" },
  { key: "accuracy" },
  { key: "precision" },
  { key: "recall" },
  { key: "f1" },
  { key: "logLoss", lowerIsBetter: true },
  { key: "brier", lowerIsBetter: true },
] as const;

function isSkipped<T extends object>(x: T | { skipped: Skipped }): x is { skipped: Skipped } {
  return "skipped" in x;
}

export default async function PredictionsPage() {
  const { store } = await requireSession();
  const current = await getCurrentPredictions(store.id);
  if (!current) return <PendingAnalysis area="predictions" storeId={store.id} />;
  const t = await getTranslations("predictions");
  const tFeature = await getTranslations("features");
  const tSkip = await getTranslations("predictions.skipped");
  const format = await getFormatter();
  const locale = await getLocale();
  const { predictions: p } = current;
  const churn = isSkipped(p.churn) ? null : (p.churn as ChurnReport);
  const spend = isSkipped(p.spend) ? null : (p.spend as SpendReport);
  const clv = isSkipped(p.clv) ? null : (p.clv as ClvReport);
  const threshold = churn?.threshold ?? 0.5;
  const totals = await getPredictionTotals(store.id, current.runId, threshold);
  const top = churn
    ? await listAtRisk(store.id, current.runId, current.featureNames, {}, { page: 1, pageSize: 5 })
    : null;
  const money = (v: number | null | undefined, compact = false) =>
    v === null || v === undefined || !Number.isFinite(v)
      ? "—"
      : format.number(v, {
          style: "currency",
          currency: store.currency,
          ...(compact ? { notation: "compact", maximumFractionDigits: 1 } : { maximumFractionDigits: 0 }),
        });
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const fixed = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : "—");
  const modelName = (key: string) => t(`models.${key as "logistic"}`);
  const feature = (name: string) =>
    featureLabel(
      name,
      (k) => tFeature(k as "frequency"),
      (k, v) => t(k as "missingFeature", v as { feature: string }),
    );
  const skippedText = (s: Skipped) => tSkip(s.code as "too_few_customers", (s.values ?? {}) as Record<string, string>);

  const chosen = churn?.models.find((m) => m.key === churn.chosen);
  const aucGain = churn && chosen ? (chosen.metrics.auc?.mean ?? NaN) - (churn.baseline.metrics.auc?.mean ?? NaN) : NaN;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", {
          cutoff: format.dateTime(new Date(current.cutoff), { dateStyle: "medium" }),
          days: p.horizonDays,
        })}
      />

      <section aria-label={t("kpis")} className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Card data-testid="kpi-at-risk">
          <CardContent className="pt-4">
            <p className="text-sm text-[var(--color-muted)]">{t("kpi.atRisk", { threshold: pct(threshold) })}</p>
            <p className="tabular mt-1 text-2xl font-semibold">{churn ? format.number(totals.atRisk) : "—"}</p>
            <p className="text-xs text-[var(--color-muted)]">
              {churn
                ? t("kpi.ofCustomers", { share: pct(totals.atRisk / Math.max(1, totals.customers)) })
                : t("kpi.noModel")}
            </p>
          </CardContent>
        </Card>
        <Card data-testid="kpi-value-at-risk">
          <CardContent className="pt-4">
            <p className="text-sm text-[var(--color-muted)]">{t("kpi.valueAtRisk")}</p>
            <p className="tabular mt-1 text-2xl font-semibold">{money(totals.valueAtRisk, true)}</p>
            <p className="text-xs text-[var(--color-muted)]">{t("kpi.valueAtRiskHint")}</p>
          </CardContent>
        </Card>
        <Card data-testid="kpi-clv">
          <CardContent className="pt-4">
            <p className="text-sm text-[var(--color-muted)]">{t("kpi.clv", { months: clv?.horizonMonths ?? 12 })}</p>
            <p className="tabular mt-1 text-2xl font-semibold">{money(clv?.totals.clv, true)}</p>
            <p className="text-xs text-[var(--color-muted)]">
              {clv
                ? t("kpi.interval", { low: money(clv.totals.clvLow, true), high: money(clv.totals.clvHigh, true) })
                : t("kpi.noModel")}
            </p>
          </CardContent>
        </Card>
        <Card data-testid="kpi-spend">
          <CardContent className="pt-4">
            <p className="text-sm text-[var(--color-muted)]">{t("kpi.spend", { days: p.horizonDays })}</p>
            <p className="tabular mt-1 text-2xl font-semibold">{money(totals.spendNext, true)}</p>
            <p className="text-xs text-[var(--color-muted)]">
              {spend ? t("kpi.spendModel", { model: modelName(spend.chosen) }) : t("kpi.noModel")}
            </p>
          </CardContent>
        </Card>
      </section>

      {/* Churn */}
      <section aria-labelledby="churn-heading" className="mb-8 flex flex-col gap-4">
        <h2 id="churn-heading" className="text-lg font-semibold">
          {t("churn.title", { days: p.horizonDays })}
        </h2>
        {!churn || !chosen ? (
          <EmptyState
            title={t("churn.unavailable")}
            description={skippedText((p.churn as { skipped: Skipped }).skipped)}
            data-testid="churn-skipped"
          />
        ) : (
          <>
            <Card>
              <CardHeader>
                <CardTitle>{t("churn.comparison")}</CardTitle>
                <CardDescription data-testid="churn-takeaway">
                  {t(aucGain > 0.02 ? "churn.takeaway" : "churn.takeawayWeak", {
                    model: modelName(chosen.key),
                    auc: fixed(chosen.metrics.auc?.mean ?? NaN),
                    baseline: fixed(churn.baseline.metrics.auc?.mean ?? NaN),
                  })}{" "}
                  {churn.gainOverBaseline
                    ? `${t("churn.paired", {
                        gain: fixed(churn.gainOverBaseline.mean),
                        std: fixed(churn.gainOverBaseline.std),
                        won: churn.gainOverBaseline.foldsWon,
                        folds: churn.gainOverBaseline.folds,
                      })} `
                    : null}
                  {t("churn.validation", {
                    labelled: format.number(churn.labelled),
                    rate: pct(churn.churnRate),
                    method: t(churn.validation === "k-fold" ? "kfold" : "loo", { folds: churn.folds }),
                    cutoff: format.dateTime(new Date(churn.cutoffT), { dateStyle: "medium" }),
                    sampled: format.number(churn.sampled),
                  })}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ModelTable
                  caption={t("model")}
                  chosenLabel={t("chosen")}
                  baselineLabel={t("baseline")}
                  locale={locale}
                  columns={CHURN_COLUMNS.map((c) => ({ ...c, label: t(`metrics.${c.key}`) }))}
                  rows={[
                    ...churn.models.map((m) => ({
                      key: m.key,
                      label: modelName(m.key),
                      metrics: m.metrics,
                      chosen: m.key === churn.chosen,
                    })),
                    {
                      key: churn.baseline.key,
                      label: modelName(churn.baseline.key),
                      metrics: churn.baseline.metrics,
                      baseline: true,
                    },
                  ]}
                />
              </CardContent>
            </Card>
            <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
              <Card>
                <CardHeader>
                  <CardTitle>{t("churn.roc")}</CardTitle>
                  <CardDescription>{t("churn.rocHint")}</CardDescription>
                </CardHeader>
                <CardContent>
                  <RocChart
                    series={[
                      ...churn.models.map((m) => ({
                        key: m.key,
                        label: `${modelName(m.key)} (${fixed(m.metrics.auc?.mean ?? NaN, 2)})`,
                        fpr: m.roc.fpr,
                        tpr: m.roc.tpr,
                        emphasis: m.key === churn.chosen,
                      })),
                      {
                        key: "baseline",
                        label: `${modelName("recency_baseline")} (${fixed(churn.baseline.metrics.auc?.mean ?? NaN, 2)})`,
                        fpr: churn.baseline.roc.fpr,
                        tpr: churn.baseline.roc.tpr,
                        dashed: true,
                      },
                    ]}
                    labels={{ fpr: t("churn.fpr"), tpr: t("churn.tpr"), chance: t("churn.chance") }}
                  />
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>{t("churn.confusion", { model: modelName(chosen.key) })}</CardTitle>
                </CardHeader>
                <CardContent>
                  {chosen.confusionByThreshold ? (
                    <ThresholdConfusion rows={chosen.confusionByThreshold} initial={churn.threshold} locale={locale} />
                  ) : (
                    <ConfusionMatrix
                      counts={chosen.confusion}
                      locale={locale}
                      labels={{
                        caption: t("churn.confusionCaption"),
                        actual: t("churn.actual"),
                        predicted: t("churn.predicted"),
                        churned: t("churn.churned"),
                        stayed: t("churn.stayed"),
                      }}
                    />
                  )}
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>{t("churn.calibration")}</CardTitle>
                  <CardDescription>{t("churn.calibrationHint")}</CardDescription>
                </CardHeader>
                <CardContent>
                  <CalibrationChart
                    points={chosen.calibration}
                    labels={{
                      predicted: t("churn.predictedRisk"),
                      observed: t("churn.observedRate"),
                      perfect: t("churn.perfect"),
                      customers: t("customers"),
                    }}
                  />
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>{t("churn.importance", { model: modelName(chosen.key) })}</CardTitle>
                  <CardDescription>{t("churn.importanceHint")}</CardDescription>
                </CardHeader>
                <CardContent>
                  <SimpleBarChart
                    orientation="horizontal"
                    valueLabel={t("churn.aucDrop")}
                    format="fixed3"
                    data={chosen.importance.slice(0, 10).map((i) => ({
                      label: feature(i.feature),
                      value: i.mean,
                      note: `± ${fixed(i.std)}`,
                    }))}
                  />
                </CardContent>
              </Card>
            </div>
            <CoefficientsCard
              churn={churn}
              title={t("churn.coefficients")}
              hint={t("churn.coefficientsHint")}
              feature={feature}
              modelName={modelName}
            />
            <Card>
              <CardHeader>
                <CardTitle>{t("churn.importanceAll")}</CardTitle>
                <CardDescription>{t("churn.importanceAllHint")}</CardDescription>
              </CardHeader>
              <CardContent className="overflow-x-auto">
                <Table data-testid="importance-by-model">
                  <THead>
                    <Tr>
                      <Th>{t("churn.rank")}</Th>
                      {churn.models.map((m) => (
                        <Th key={m.key}>{modelName(m.key)}</Th>
                      ))}
                    </Tr>
                  </THead>
                  <TBody>
                    {[0, 1, 2, 3, 4].map((rank) => (
                      <Tr key={rank}>
                        <Td className="tabular">{rank + 1}</Td>
                        {churn.models.map((m) => {
                          const imp = m.importance[rank];
                          return (
                            <Td key={m.key}>
                              {imp ? (
                                <>
                                  {feature(imp.feature)}{" "}
                                  <span className="tabular text-xs text-[var(--color-muted)]">{fixed(imp.mean)}</span>
                                </>
                              ) : (
                                "—"
                              )}
                            </Td>
                          );
                        })}
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </CardContent>
            </Card>
            {top && top.rows.length > 0 ? (
              <Card>
                <CardHeader className="flex-row items-center justify-between">
                  <div>
                    <CardTitle>{t("atRisk.preview")}</CardTitle>
                    <CardDescription>
                      {t("atRisk.previewHint")} {t("atRisk.whyHint")}
                    </CardDescription>
                  </div>
                  <Link
                    href="/predictions/at-risk"
                    className={`${buttonVariants({ variant: "secondary", size: "sm" })} shrink-0 whitespace-nowrap`}
                  >
                    {t("atRisk.viewAll", { count: format.number(top.total) })}
                  </Link>
                </CardHeader>
                <CardContent>
                  <Table>
                    <THead>
                      <Tr>
                        <Th>{t("atRisk.customer")}</Th>
                        <Th numeric>{t("atRisk.risk")}</Th>
                        <Th numeric>{t("atRisk.clv")}</Th>
                        <Th numeric>{t("atRisk.valueAtRisk")}</Th>
                        <Th>{t("atRisk.why")}</Th>
                      </Tr>
                    </THead>
                    <TBody>
                      {top.rows.map((r) => (
                        <Tr key={r.customerId}>
                          <Td>
                            <Link href={`/customers/${r.customerId}`} className="font-medium hover:underline">
                              {maskName(r.name)}
                            </Link>
                            <div className="text-xs text-[var(--color-muted)]">{r.externalId}</div>
                          </Td>
                          <Td numeric>{pct(r.churnProb)}</Td>
                          <Td numeric>{money(r.clv)}</Td>
                          <Td numeric>{money(r.valueAtRisk)}</Td>
                          <Td>
                            <ReasonList reasons={r.reasons} currency={store.currency} compact />
                          </Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                </CardContent>
              </Card>
            ) : null}
          </>
        )}
      </section>

      {/* Spend */}
      <section aria-labelledby="spend-heading" className="mb-8 flex flex-col gap-4">
        <h2 id="spend-heading" className="text-lg font-semibold">
          {t("spend.title", { days: p.horizonDays })}
        </h2>
        {!spend ? (
          <EmptyState
            title={t("spend.unavailable")}
            description={skippedText((p.spend as { skipped: Skipped }).skipped)}
          />
        ) : (
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
            <Card className="xl:col-span-2">
              <CardHeader>
                <CardTitle>{t("spend.comparison")}</CardTitle>
                <CardDescription data-testid="spend-takeaway">
                  {t("spend.takeaway", {
                    model: modelName(spend.chosen),
                    rmse: money(spend.models.find((m) => m.key === spend.chosen)?.metrics.rmse?.mean),
                    baseline: money(spend.baseline.metrics.rmse?.mean),
                    mean: money(spend.meanActual),
                  })}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ModelTable
                  caption={t("model")}
                  chosenLabel={t("chosen")}
                  baselineLabel={t("baseline")}
                  locale={locale}
                  columns={[
                    { key: "rmse", label: t("metrics.rmse"), digits: 1, lowerIsBetter: true },
                    { key: "mae", label: t("metrics.mae"), digits: 1, lowerIsBetter: true },
                    { key: "r2", label: t("metrics.r2"), digits: 3 },
                  ]}
                  rows={[
                    ...spend.models.map((m) => ({
                      key: m.key,
                      label: `${modelName(m.key)}${m.alpha !== undefined ? ` (α ${fixed(m.alpha, 2)})` : ""}`,
                      metrics: m.metrics,
                      chosen: m.key === spend.chosen,
                    })),
                    {
                      key: "baseline",
                      label: modelName(spend.baseline.key),
                      metrics: spend.baseline.metrics,
                      baseline: true,
                    },
                  ]}
                />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>{t("spend.importance", { model: modelName(spend.chosen) })}</CardTitle>
                <CardDescription>{t("spend.importanceHint")}</CardDescription>
              </CardHeader>
              <CardContent>
                <SimpleBarChart
                  orientation="horizontal"
                  valueLabel={t("spend.rmseRise")}
                  format="number"
                  data={(spend.models.find((m) => m.key === spend.chosen)?.importance ?? []).slice(0, 8).map((i) => ({
                    label: feature(i.feature),
                    value: Math.round(i.mean * 100) / 100,
                  }))}
                />
              </CardContent>
            </Card>
          </div>
        )}
      </section>

      {/* CLV */}
      <section aria-labelledby="clv-heading" className="mb-8 flex flex-col gap-4">
        <h2 id="clv-heading" className="text-lg font-semibold">
          {t("clv.title")}
        </h2>
        {!clv ? (
          <EmptyState title={t("clv.unavailable")} description={skippedText((p.clv as { skipped: Skipped }).skipped)} />
        ) : (
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>{t("clv.distribution")}</CardTitle>
                <CardDescription data-testid="clv-takeaway">
                  {t("clv.takeaway", {
                    months: clv.horizonMonths,
                    total: money(clv.totals.clv, true),
                    low: money(clv.totals.clvLow, true),
                    high: money(clv.totals.clvHigh, true),
                    discount: pct(clv.monthlyDiscount),
                  })}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <SimpleBarChart
                  orientation="vertical"
                  valueLabel={t("customers")}
                  categoryLabel={t("clv.clvAxis", { currency: store.currency })}
                  data={clv.distribution.counts.map((count, i) => ({
                    label: money(clv.distribution.edges[i] ?? 0, true),
                    value: count,
                    note: `${money(clv.distribution.edges[i] ?? 0, true)} – ${money(clv.distribution.edges[i + 1] ?? 0, true)}`,
                  }))}
                />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>{t("clv.holdout")}</CardTitle>
                <CardDescription data-testid="holdout-takeaway">
                  {"skipped" in clv.holdout
                    ? skippedText(clv.holdout.skipped)
                    : t("clv.holdoutHint", {
                        days: clv.holdout.holdoutDays,
                        actual: format.number(Math.round(clv.holdout.totalActual)),
                        predicted: format.number(Math.round(clv.holdout.totalPredicted)),
                      })}
                </CardDescription>
              </CardHeader>
              <CardContent>
                {"skipped" in clv.holdout ? null : (
                  <>
                    <HoldoutChart
                      data={clv.holdout.groups}
                      labels={{
                        actual: t("clv.actual"),
                        predicted: t("clv.predicted"),
                        x: t("clv.calibrationPurchases"),
                        y: t("clv.holdoutPurchases"),
                        customers: t("customers"),
                      }}
                    />
                    <details className="mt-2 text-sm">
                      <summary className="cursor-pointer text-[var(--color-accent)]">{t("showData")}</summary>
                      <Table>
                        <THead>
                          <Tr>
                            <Th>{t("clv.calibrationPurchases")}</Th>
                            <Th numeric>{t("customers")}</Th>
                            <Th numeric>{t("clv.actual")}</Th>
                            <Th numeric>{t("clv.predicted")}</Th>
                          </Tr>
                        </THead>
                        <TBody>
                          {clv.holdout.groups.map((g) => (
                            <Tr key={g.group}>
                              <Td>{g.group}</Td>
                              <Td numeric>{format.number(g.customers)}</Td>
                              <Td numeric>{fixed(g.actual, 2)}</Td>
                              <Td numeric>{fixed(g.predicted, 2)}</Td>
                            </Tr>
                          ))}
                        </TBody>
                      </Table>
                    </details>
                  </>
                )}
              </CardContent>
            </Card>
            <Card className="xl:col-span-2">
              <CardHeader>
                <CardTitle>{t("clv.parameters")}</CardTitle>
                <CardDescription>
                  {t("clv.parametersHint", {
                    customers: format.number(clv.customers),
                    repeat: format.number(clv.repeatCustomers),
                  })}
                  {clv.frequencyMonetaryCorrelation !== null
                    ? ` ${t("clv.correlation", { r: fixed(clv.frequencyMonetaryCorrelation, 2) })}`
                    : ""}
                  {(clv.heldFixed ?? []).map((m) => ` ${t(`clv.heldFixed.${m}`)}`).join("")}
                </CardDescription>
              </CardHeader>
              <CardContent className="flex flex-wrap gap-6 text-sm">
                <dl className="grid grid-cols-4 gap-x-6 gap-y-1" data-testid="bgnbd-params">
                  <dt className="col-span-4 font-medium">BG/NBD</dt>
                  {(["r", "alpha", "a", "b"] as const).map((k) => (
                    <div key={k}>
                      <dt className="text-xs text-[var(--color-muted)]">{k === "alpha" ? "α" : k}</dt>
                      <dd className="tabular">{fixed(clv.bgnbd[k], 4)}</dd>
                    </div>
                  ))}
                </dl>
                {clv.gammaGamma ? (
                  <dl className="grid grid-cols-3 gap-x-6 gap-y-1">
                    <dt className="col-span-3 font-medium">Gamma-Gamma</dt>
                    {(["p", "q", "gamma"] as const).map((k) => (
                      <div key={k}>
                        <dt className="text-xs text-[var(--color-muted)]">{k === "gamma" ? "γ" : k}</dt>
                        <dd className="tabular">{fixed(clv.gammaGamma?.[k] ?? NaN, 4)}</dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <Badge tone="warning">{t("clv.noGammaGamma")}</Badge>
                )}
              </CardContent>
            </Card>
          </div>
        )}
      </section>
    </>
  );
}

function CoefficientsCard({
  churn,
  title,
  hint,
  feature,
  modelName,
}: {
  churn: ChurnReport;
  title: string;
  hint: string;
  feature: (name: string) => string;
  modelName: (key: string) => string;
}) {
  const logistic = churn.models.find((m) => m.key === "logistic" && m.coefficients);
  if (!logistic?.coefficients) return null;
  const coefs = [...logistic.coefficients].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, 10);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          {title} · {modelName("logistic")}
        </CardTitle>
        <CardDescription>{hint}</CardDescription>
      </CardHeader>
      <CardContent>
        <SimpleBarChart
          orientation="horizontal"
          valueLabel={title}
          format="fixed3"
          color="#E69F00"
          data={coefs.map((c) => ({ label: feature(c.feature), value: Math.round(c.value * 1000) / 1000 }))}
        />
      </CardContent>
    </Card>
  );
}
