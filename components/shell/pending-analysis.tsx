import { Sparkles } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDataSummary } from "@/lib/db/series/get-data-summary";

export type PendingArea = "segments" | "personas" | "predictions" | "recommendations" | "campaigns" | "assistant";

/** The designed state of a page whose analysis has not run yet: what it will show and what is ready. */
export async function PendingAnalysis({ area, storeId }: { area: PendingArea; storeId: number }) {
  const t = await getTranslations("pending");
  const format = await getFormatter();
  const summary = await getDataSummary(storeId);
  return (
    <>
      <PageHeader title={t(`${area}.title`)} description={t(`${area}.description`)} />
      <EmptyState
        icon={<Sparkles className="h-10 w-10" />}
        title={t("notAnalysed")}
        description={t(`${area}.empty`)}
        action={
          <p className="text-xs text-[var(--color-muted)]" data-testid="data-readiness">
            {t("runPipelineHint", {
              customers: format.number(summary.customers),
              orders: format.number(summary.orders),
            })}
          </p>
        }
      />
    </>
  );
}
