import Link from "next/link";
import { Suspense } from "react";
import { Inbox } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { KpiGrid, KpiGridSkeleton } from "@/components/overview/kpi-grid";
import { RangePicker } from "@/components/overview/range-picker";
import { TrendSection, TrendSectionSkeleton } from "@/components/overview/trend-section";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/auth/session";
import { hasStoreData } from "@/lib/db/series/get-data-summary";
import { resolveRange } from "@/lib/validation/date-range";

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession();
  const { store } = session;
  const t = await getTranslations("overview");
  const format = await getFormatter();
  const range = resolveRange(await searchParams, store.timezone);
  const hasData = await hasStoreData(store.id);

  const day = (d: string) => format.dateTime(new Date(`${d}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {!hasData ? (
        <EmptyState
          icon={<Inbox className="h-10 w-10" />}
          title={t("empty.title")}
          description={t("empty.description")}
          action={
            <Link href="/data" className={buttonVariants({ variant: "primary" })}>
              {t("empty.action")}
            </Link>
          }
        />
      ) : (
        <div className="flex flex-col gap-6">
          <div className="flex flex-col gap-2">
            <RangePicker preset={range.preset} from={range.current.from} to={range.current.to} />
            <p className="text-sm text-[var(--color-muted)]" data-testid="period">
              <span className="font-medium text-[var(--color-ink)]">
                {t("period", { from: day(range.current.from), to: day(range.current.to) })}
              </span>{" "}
              · {t("comparedWith", { from: day(range.previous.from), to: day(range.previous.to) })} · {store.timezone}
            </p>
            {range.error ? (
              <p
                role="alert"
                data-testid="range-error"
                className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
              >
                {t("invalidRange", { reason: range.error })}
              </p>
            ) : null}
          </div>
          <Suspense key={`k-${range.current.from}-${range.current.to}`} fallback={<KpiGridSkeleton />}>
            <KpiGrid storeId={store.id} currency={store.currency} current={range.current} previous={range.previous} />
          </Suspense>
          <Suspense key={`t-${range.current.from}-${range.current.to}`} fallback={<TrendSectionSkeleton />}>
            <TrendSection
              storeId={store.id}
              currency={store.currency}
              timeZone={store.timezone}
              current={range.current}
              previous={range.previous}
            />
          </Suspense>
        </div>
      )}
    </>
  );
}
