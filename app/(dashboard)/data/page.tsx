import type { Metadata } from "next";
import { Database } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { getDataSummary } from "@/lib/db/series/get-data-summary";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("data") };
}

export default async function DataPage() {
  const { store } = await requireSession();
  const t = await getTranslations("data");
  const format = await getFormatter();
  const s = await getDataSummary(store.id);
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeZone: store.timezone }) : "—");

  if (s.customers === 0 && s.orders === 0 && s.products === 0) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState
          icon={<Database className="h-10 w-10" />}
          title={t("emptyTitle")}
          description={t("emptyDescription")}
        />
      </>
    );
  }

  const counts: [string, string, number][] = [
    ["customers", t("customers"), s.customers],
    ["products", t("products"), s.products],
    ["orders", t("orders"), s.orders],
    ["order-items", t("orderItems"), s.orderItems],
    ["reviews", t("reviews"), s.reviews],
    ["categories", t("categories"), s.categories],
  ];
  const statuses = (["paid", "cancelled", "refunded"] as const).map((k) => ({ k, n: s.ordersByStatus[k] }));
  const colours = { paid: "bg-emerald-600", cancelled: "bg-gray-400", refunded: "bg-amber-500" } as const;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        {counts.map(([id, label, n]) => (
          <Card key={id} className="px-4 py-3" data-testid={`data-${id}`} data-value={n}>
            <p className="text-xs text-[var(--color-muted)]">{label}</p>
            <p className="tabular mt-1 text-xl font-semibold">{format.number(n)}</p>
          </Card>
        ))}
      </div>
      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("statusMix")}</CardTitle>
          </CardHeader>
          <CardContent>
            <div className="flex h-3 w-full overflow-hidden rounded-full bg-gray-100" aria-hidden="true">
              {statuses.map(({ k, n }) => (
                <div key={k} className={colours[k]} style={{ width: `${s.orders ? (100 * n) / s.orders : 0}%` }} />
              ))}
            </div>
            <ul className="mt-3 flex flex-col gap-1 text-sm">
              {statuses.map(({ k, n }) => (
                <li key={k} className="flex items-center justify-between">
                  <span className="flex items-center gap-2">
                    <span className={`inline-block h-2.5 w-2.5 rounded-full ${colours[k]}`} aria-hidden="true" />
                    {t(`status.${k}`)}
                  </span>
                  <span className="tabular">
                    {format.number(n)} (
                    {format.number(s.orders ? n / s.orders : 0, { style: "percent", maximumFractionDigits: 1 })})
                  </span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("orders")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-[var(--color-muted)]">{t("firstOrder")}</dt>
              <dd>{date(s.firstOrderAt)}</dd>
              <dt className="text-[var(--color-muted)]">{t("lastOrder")}</dt>
              <dd>{date(s.lastOrderAt)}</dd>
            </dl>
            <p className="mt-4 text-xs text-[var(--color-muted)]">{t("importSoon")}</p>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
