import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getOverviewKpis } from "@/lib/db/series/get-overview-kpis";
import { pointsChange, relativeChange, safeRatio, type Change } from "@/lib/format/change";
import { formatMoney } from "@/lib/format/money";
import type { Period } from "@/lib/validation/date-range";
import { KpiCard, type KpiCardProps } from "./kpi-card";

export async function KpiGrid({
  storeId,
  currency,
  current,
  previous,
}: {
  storeId: number;
  currency: string;
  current: Period;
  previous: Period;
}) {
  const [now, before] = await Promise.all([
    getOverviewKpis(storeId, current.start, current.end),
    getOverviewKpis(storeId, previous.start, previous.end),
  ]);
  const t = await getTranslations("overview.kpi");
  const tOverview = await getTranslations("overview");
  const format = await getFormatter();
  const locale = await getLocale();

  const pct = (v: number) => format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const describe = (c: Change): KpiCardProps["change"] => {
    if (c.kind === "none") return { direction: "none", text: t("noPrevious") };
    const magnitude =
      c.kind === "relative"
        ? pct(Math.abs(c.ratio))
        : `${format.number(Math.abs(c.points), { maximumFractionDigits: 1 })} pp`;
    return { direction: c.direction, text: t("change", { direction: c.direction, value: magnitude }) };
  };

  const aovNow = safeRatio(now.revenueMinor, now.orders);
  const aovBefore = safeRatio(before.revenueMinor, before.orders);
  const repeatNow = safeRatio(now.returningCustomers, now.activeCustomers);
  const repeatBefore = safeRatio(before.returningCustomers, before.activeCustomers);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const dash = "—";

  const cards: KpiCardProps[] = [
    {
      id: "customers",
      label: t("customers"),
      value: format.number(now.customers),
      raw: now.customers,
      hint: t("customersHint", { count: format.number(now.newCustomers) }),
      change: describe(relativeChange(now.customers, before.customers)),
    },
    {
      id: "active-customers",
      label: t("activeCustomers"),
      value: format.number(now.activeCustomers),
      raw: now.activeCustomers,
      hint: t("activeCustomersHint"),
      change: describe(relativeChange(now.activeCustomers, before.activeCustomers)),
    },
    {
      id: "orders",
      label: t("orders"),
      value: format.number(now.orders),
      raw: now.orders,
      hint: t("ordersHint"),
      change: describe(relativeChange(now.orders, before.orders)),
    },
    {
      id: "revenue",
      label: t("revenue"),
      value: money(now.revenueMinor),
      raw: now.revenueMinor,
      hint: t("revenueHint"),
      change: describe(relativeChange(now.revenueMinor, before.revenueMinor)),
    },
    {
      id: "aov",
      label: t("aov"),
      value: aovNow === null ? dash : money(aovNow),
      raw: aovNow,
      hint: t("aovHint"),
      change: describe(aovNow === null || aovBefore === null ? { kind: "none" } : relativeChange(aovNow, aovBefore)),
    },
    {
      id: "repeat-rate",
      label: t("repeatRate"),
      value: repeatNow === null ? dash : pct(repeatNow),
      raw: repeatNow,
      hint: t("repeatRateHint"),
      change: describe(pointsChange(repeatNow, repeatBefore)),
    },
  ];

  return (
    <section aria-label={tOverview("kpiSection")} className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
      {cards.map((c) => (
        <KpiCard key={c.id} {...c} />
      ))}
    </section>
  );
}

export function KpiGridSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-busy="true">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-[118px] animate-pulse rounded-lg border border-[var(--color-border)] bg-white p-5">
          <div className="h-3 w-24 rounded bg-gray-200" />
          <div className="mt-3 h-6 w-32 rounded bg-gray-200" />
          <div className="mt-3 h-3 w-40 rounded bg-gray-100" />
        </div>
      ))}
    </div>
  );
}
