"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { RANGE_PRESETS, type RangePreset } from "@/lib/validation/date-range";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

/** Period controls; the period lives in the URL so it can be bookmarked and shared. */
export function RangePicker({ preset, from, to }: { preset: RangePreset | "custom"; from: string; to: string }) {
  const t = useTranslations("overview.range");
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div
        role="group"
        aria-label={t("label")}
        className="inline-flex flex-wrap rounded-md border border-[var(--color-border)] bg-white p-0.5 text-sm"
      >
        {RANGE_PRESETS.map((p) => (
          <Link
            key={p}
            href={`?range=${p}`}
            aria-current={preset === p ? "true" : undefined}
            className={cn(
              "rounded px-2.5 py-1",
              preset === p ? "bg-[var(--color-ink)] text-white" : "text-[var(--color-muted)] hover:bg-gray-100",
            )}
          >
            {t(p)}
          </Link>
        ))}
      </div>
      <form method="get" className="flex flex-wrap items-center gap-2 text-sm" aria-label={t("custom")}>
        <label className="flex items-center gap-1.5">
          <span className="text-[var(--color-muted)]">{t("from")}</span>
          <input
            type="date"
            name="from"
            defaultValue={from}
            required
            className="h-8 rounded-md border border-[var(--color-border)] bg-white px-2"
          />
        </label>
        <label className="flex items-center gap-1.5">
          <span className="text-[var(--color-muted)]">{t("to")}</span>
          <input
            type="date"
            name="to"
            defaultValue={to}
            required
            className="h-8 rounded-md border border-[var(--color-border)] bg-white px-2"
          />
        </label>
        <Button type="submit" variant="secondary" size="sm">
          {t("apply")}
        </Button>
      </form>
    </div>
  );
}
