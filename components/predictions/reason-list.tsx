import { ArrowDownRight, ArrowUpRight } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Reason } from "@/lib/db/prediction-report";
import { cn } from "@/lib/utils/cn";
import { reasonText } from "./reason-text";

/** Reason codes as a short list: an arrow (raises or lowers the churn risk) and the sentence. */
export async function ReasonList({
  reasons,
  currency,
  compact = false,
}: {
  reasons: Reason[];
  currency: string;
  compact?: boolean;
}) {
  const t = await getTranslations("reasons");
  const format = await getFormatter();
  const money = (major: number) => format.number(major, { style: "currency", currency, maximumFractionDigits: 0 });
  if (reasons.length === 0) return <span className="text-[var(--color-muted)]">{t("none")}</span>;
  const shown = compact ? reasons.slice(0, 1) : reasons;
  return (
    <ul className={cn("flex flex-col", compact ? "gap-0" : "gap-1")}>
      {shown.map((r) => (
        <li key={r.code} className="flex items-start gap-1.5">
          {r.sign > 0 ? (
            <ArrowUpRight className="mt-0.5 h-4 w-4 shrink-0 text-red-700" aria-hidden="true" />
          ) : (
            <ArrowDownRight className="mt-0.5 h-4 w-4 shrink-0 text-emerald-700" aria-hidden="true" />
          )}
          <span>
            <span className="sr-only">{r.sign > 0 ? t("raises") : t("lowers")}: </span>
            {reasonText(r, (key, values) => t(key as "recency", values as Record<string, string>), money)}
          </span>
        </li>
      ))}
    </ul>
  );
}
