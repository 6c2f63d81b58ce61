import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { segmentColor } from "@/components/charts/palette";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { CustomerAnalysis } from "@/lib/db/segments";
import { formatFeature } from "@/lib/format/feature";

const SHOWN = [
  "recency_days",
  "frequency",
  "monetary",
  "aov",
  "gap_mean_days",
  "discount_share",
  "festival_share",
  "trend",
] as const;

/** The customer in the store's current analysis: segment, RFM, and the features behind them. */
export async function CustomerAnalysisCard({
  analysis,
  currency,
}: {
  analysis: CustomerAnalysis | null;
  currency: string;
}) {
  const t = await getTranslations("customer");
  const tPersona = await getTranslations("personas");
  const tFeature = await getTranslations("features");
  const tRfm = await getTranslations("rfm");
  const locale = await getLocale();
  return (
    <Card data-testid="customer-analysis">
      <CardHeader>
        <CardTitle>{t("analysis")}</CardTitle>
      </CardHeader>
      <CardContent>
        {!analysis ? (
          <p className="text-sm text-[var(--color-muted)]">{t("notAnalysed")}</p>
        ) : (
          <div className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <Link
                href={`/personas/${analysis.segment}`}
                className="flex items-center gap-2 font-medium hover:underline"
              >
                <span
                  className="inline-block h-3 w-3 rounded-full"
                  style={{ background: segmentColor(analysis.segment) }}
                  aria-hidden="true"
                />
                {analysis.persona ? tPersona(`kinds.${analysis.persona as "vip"}`) : `#${analysis.segment + 1}`}
              </Link>
              <Badge tone="info">{tRfm(analysis.rfm.group as "champions")}</Badge>
              <span className="tabular text-[var(--color-muted)]">
                R{analysis.rfm.r} F{analysis.rfm.f} M{analysis.rfm.m}
              </span>
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
              {SHOWN.map((f) => (
                <div key={f}>
                  <dt className="text-xs text-[var(--color-muted)]">{tFeature(f)}</dt>
                  <dd className="tabular font-medium">{formatFeature(f, analysis.features[f], locale, currency)}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
