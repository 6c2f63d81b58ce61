import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { RevenueTrendChart, type TrendPoint } from "@/components/charts/revenue-trend-chart";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { getRevenueSeries } from "@/lib/db/series/get-revenue-series";
import { relativeChange } from "@/lib/format/change";
import { formatMoney, minorToMajor } from "@/lib/format/money";
import { granularityFor, type Period } from "@/lib/validation/date-range";

export async function TrendSection({
  storeId,
  currency,
  timeZone,
  current,
  previous,
}: {
  storeId: number;
  currency: string;
  timeZone: string;
  current: Period;
  previous: Period;
}) {
  const unit = granularityFor(current.days);
  const [now, before] = await Promise.all([
    getRevenueSeries(storeId, current.start, current.end, unit, timeZone),
    getRevenueSeries(storeId, previous.start, previous.end, unit, timeZone),
  ]);
  const t = await getTranslations("overview.trend");
  const format = await getFormatter();
  const locale = await getLocale();

  const labelOf = (bucket: string) => {
    const d = new Date(`${bucket}T12:00:00Z`);
    return unit === "month"
      ? format.dateTime(d, { year: "numeric", month: "short", timeZone: "UTC" })
      : format.dateTime(d, { month: "short", day: "numeric", timeZone: "UTC" });
  };
  const weekRange = (bucket: string) => {
    const start = new Date(`${bucket}T12:00:00Z`);
    const end = new Date(start.getTime() + 6 * 86_400_000);
    return format.dateTimeRange(start, end, { month: "short", day: "numeric", timeZone: "UTC" });
  };
  // The previous period is aligned bucket by bucket (same number of days).
  const data: TrendPoint[] = now.map((p, i) => ({
    label: labelOf(p.bucket),
    revenue: minorToMajor(p.revenueMinor, currency),
    orders: p.orders,
    previousRevenue: before[i] ? minorToMajor(before[i].revenueMinor, currency) : null,
  }));

  const total = now.reduce((s, p) => s + p.revenueMinor, 0);
  const totalBefore = before.reduce((s, p) => s + p.revenueMinor, 0);
  const best = now.reduce((b, p) => (p.revenueMinor > (b?.revenueMinor ?? -1) ? p : b), now[0]);
  const change = relativeChange(total, totalBefore);
  const takeaway =
    total === 0 || !best
      ? t("takeawayEmpty")
      : t("takeaway", {
          direction: change.kind === "relative" ? change.direction : "flat",
          change:
            change.kind === "relative"
              ? format.number(Math.abs(change.ratio), { style: "percent", maximumFractionDigits: 1 })
              : "—",
          unit,
          best: unit === "week" ? weekRange(best.bucket) : labelOf(best.bucket),
          bestRevenue: formatMoney(best.revenueMinor, currency, locale),
        });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription data-testid="trend-takeaway">{takeaway}</CardDescription>
      </CardHeader>
      <CardContent>
        <RevenueTrendChart
          data={data}
          locale={locale}
          currency={currency}
          labels={{
            revenue: t("revenue"),
            orders: t("orders"),
            previousRevenue: t("previousRevenue"),
            revenueAxis: t("revenueAxis", { currency }),
            ordersAxis: t("ordersAxis"),
          }}
        />
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-[var(--color-accent)]">{t("tableCaption", { unit })}</summary>
          <div className="mt-2 max-h-72 overflow-auto">
            <Table>
              <caption className="sr-only">{t("tableCaption", { unit })}</caption>
              <THead sticky>
                <tr>
                  <Th>{t("bucket", { unit })}</Th>
                  <Th numeric>{t("revenue")}</Th>
                  <Th numeric>{t("orders")}</Th>
                </tr>
              </THead>
              <TBody>
                {now.map((p) => (
                  <Tr key={p.bucket}>
                    <Td className="py-1">{labelOf(p.bucket)}</Td>
                    <Td numeric className="py-1">
                      {formatMoney(p.revenueMinor, currency, locale)}
                    </Td>
                    <Td numeric className="py-1">
                      {format.number(p.orders)}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        </details>
      </CardContent>
    </Card>
  );
}

export function TrendSectionSkeleton() {
  return (
    <div className="rounded-lg border border-[var(--color-border)] bg-white p-5" aria-busy="true">
      <Skeleton className="h-4 w-40" />
      <Skeleton className="mt-2 h-3 w-96 max-w-full" />
      <Skeleton className="mt-5 h-72 w-full" />
    </div>
  );
}
