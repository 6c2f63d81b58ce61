import { getFormatter, getTranslations } from "next-intl/server";
import { ReasonList } from "@/components/predictions/reason-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { CustomerPredictions } from "@/lib/db/predictions";

/** Customer 360: churn risk with its reasons, expected purchases, P(alive), CLV with its interval. */
export async function CustomerPredictionsCard({
  predictions,
  currency,
  horizonDays,
  clvMonths,
  threshold,
}: {
  predictions: CustomerPredictions | null;
  currency: string;
  horizonDays: number;
  clvMonths: number;
  threshold: number;
}) {
  const t = await getTranslations("customer");
  const format = await getFormatter();
  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 0 });
  const money = (v: number) => format.number(v, { style: "currency", currency, maximumFractionDigits: 0 });
  const p = predictions;
  const figure = (id: string, label: string, value: string, sub?: string) => (
    <div key={id} data-testid={`prediction-${id}`}>
      <dt className="text-xs text-[var(--color-muted)]">{label}</dt>
      <dd className="tabular text-lg font-semibold">{value}</dd>
      {sub ? <dd className="text-xs text-[var(--color-muted)]">{sub}</dd> : null}
    </div>
  );
  return (
    <Card data-testid="customer-predictions">
      <CardHeader>
        <CardTitle>{t("predictions")}</CardTitle>
      </CardHeader>
      <CardContent>
        {!p ? (
          <p className="text-sm text-[var(--color-muted)]">{t("notScored")}</p>
        ) : (
          <div className="flex flex-col gap-4">
            <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4">
              {p.churnProb !== null ? figure("churn", t("churnRisk", { days: horizonDays }), pct(p.churnProb)) : null}
              {p.clv !== null
                ? figure(
                    "clv",
                    t("clv", { months: clvMonths }),
                    money(p.clv),
                    p.clvLow !== null && p.clvHigh !== null
                      ? t("clvInterval", { low: money(p.clvLow), high: money(p.clvHigh) })
                      : undefined,
                  )
                : null}
              {p.expectedPurchases !== null
                ? figure(
                    "purchases",
                    t("expectedPurchases", { months: clvMonths }),
                    format.number(p.expectedPurchases, { maximumFractionDigits: 1 }),
                  )
                : null}
              {p.pAlive !== null ? figure("alive", t("pAlive"), pct(p.pAlive)) : null}
              {p.spendNext !== null ? figure("spend", t("spendNext", { days: horizonDays }), money(p.spendNext)) : null}
            </dl>
            {p.churnProb !== null ? (
              <div className="text-sm">
                <p className="mb-1 flex items-center gap-2 text-xs font-medium text-[var(--color-muted)]">
                  {t("reasons")}
                  {p.churnProb >= threshold ? <Badge tone="critical">{pct(p.churnProb)}</Badge> : null}
                </p>
                <ReasonList reasons={p.reasons} currency={currency} />
              </div>
            ) : null}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
