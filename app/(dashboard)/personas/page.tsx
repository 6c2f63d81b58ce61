import type { Metadata } from "next";
import { UserRound } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { PersonaCard } from "@/components/personas/persona-card";
import { segmentLabel } from "@/components/segments/segment-label";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { getSegmentPredictionAverages } from "@/lib/db/predictions";
import { getProducts } from "@/lib/db/recommendations";
import { getCurrentAnalysis } from "@/lib/db/segments";
import { storedSegmentStrategies } from "@/lib/pipeline/personas";
import { aiLocale, nameSegments } from "@/lib/format/persona";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("personas") };
}

export default async function PersonasPage() {
  const { store } = await requireSession();
  const t = await getTranslations("personas");
  const tSeg = await getTranslations("segments");
  const analysis = await getCurrentAnalysis(store.id);
  if (!analysis) {
    const tp = await getTranslations("pending");
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState
          icon={<UserRound className="h-10 w-10" />}
          title={tp("notAnalysed")}
          description={tp("personas.empty")}
        />
      </>
    );
  }
  const pageLang = aiLocale(await getLocale());
  const names = nameSegments(
    analysis.segments.map((s) => ({
      segment: s.segment,
      persona: s.profile.persona,
      aiName: s.aiText?.[pageLang]?.name,
    })),
  );
  const averages = await getSegmentPredictionAverages(store.id, analysis.runId);
  const locale = await getLocale();
  const products = await getProducts(
    store.id,
    analysis.segments.flatMap((s) => (s.topProducts ?? []).slice(0, 3).map((p) => p.productId)),
  );
  const topProducts = (s: (typeof analysis.segments)[number]) =>
    (s.topProducts ?? [])
      .slice(0, 3)
      .map((p) => products.get(p.productId))
      .filter((p) => p !== undefined)
      .map((p) => ({ title: (locale === "en" ? p.titleEn : p.titleZh) ?? p.title, sku: p.sku }));
  const ordered = [...analysis.segments].sort((a, b) => b.revenueShare - a.revenueShare);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2 2xl:grid-cols-3">
        {ordered.map((s) => (
          <PersonaCard
            key={s.segment}
            segment={s}
            name={segmentLabel(names.get(s.segment), s.segment, t, tSeg("noise"))}
            analysedCustomers={analysis.summary.analysedCustomers}
            currency={store.currency}
            predictions={averages.get(s.segment)}
            strategies={storedSegmentStrategies(s, {
              analysedCustomers: analysis.summary.analysedCustomers,
              currency: store.currency,
              averages: averages.get(s.segment),
              topProducts: topProducts(s),
            })}
          />
        ))}
      </div>
    </>
  );
}
